/**
 * Values of an exact length in the formats the contract names, for boundary cases: the longest
 * valid email and E.164 number, and just past them.
 */

/** The longest address the email format accepts within `length` characters (64-character local part, 63-character labels). */
export function emailOfLength(length: number): string {
  const local = 'o'.repeat(Math.min(64, length - 5));
  const labels: string[] = [];
  let remaining = length - local.length - 1 - 'no'.length;
  while (remaining > 1) {
    const label = Math.min(63, remaining - 1);
    labels.push('d'.repeat(label));
    remaining -= label + 1;
  }
  const email = `${local}@${[...labels, 'no'].join('.')}`;
  return email.length === length ? email : `${'o'.repeat(length - email.length)}${email}`;
}

/** The longest E.164 number (15 digits) that fits `length` characters, Norwegian prefix. */
export function phoneOfLength(length: number): string {
  return `+47${'12345678901234567890'.slice(0, Math.min(15, length - 1) - 2)}`;
}
