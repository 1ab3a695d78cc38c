/**
 * Values of an exact length in the formats the contract names, for boundary cases: the longest
 * valid email and E.164 number, and just past them.
 */

/** The longest address RFC 5321 §4.5.3.1.3 lets a path carry: 256 octets, less the path's angle brackets. */
export const RFC5321_ADDRESS_LENGTH = 254;

/**
 * An address of exactly `length` characters (6 or more) that RFC 5321 allows: a local part of at
 * most 64 characters (§4.5.3.1.1) and a domain of labels of at most 63 (RFC 1035 §2.3.4) ending in
 * `.no`, the labels as few and as even as the length allows. Nothing is ever added to the local
 * part past its 64: the domain takes what is left.
 */
export function emailOfLength(length: number): string {
  const local = 'o'.repeat(Math.min(64, length - 5));
  // What the labels before ".no" and the dots between them take up.
  const rest = length - local.length - 1 - '.no'.length;
  const count = Math.ceil((rest + 1) / 64);
  const letters = rest - (count - 1);
  const labels = Array.from({ length: count }, (_, index) => 'd'.repeat(Math.floor(letters / count) + (index < letters % count ? 1 : 0)));
  return `${local}@${[...labels, 'no'].join('.')}`;
}

/** The longest E.164 number (15 digits) that fits `length` characters, Norwegian prefix. */
export function phoneOfLength(length: number): string {
  return `+47${'12345678901234567890'.slice(0, Math.min(15, length - 1) - 2)}`;
}
