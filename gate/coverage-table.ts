import { tooLargeForAnySearch } from '../contracts/contract-rules';
import type { RawBody } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import { coverageEntries, type CoverageEntry } from '../cases/coverage-cases';
import { maskPii } from './mask-pii';

/** Longest value shown whole, in code points; longer ones show their length and both ends. */
const SHOWN_WHOLE = 24;

/** Code points a reader cannot see or that would break the line, shown as escapes. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00A0\u2000-\u200A\u3000]|[\uD800-\uDFFF]/u;

function escapeInvisible(text: string): string {
  let out = '';
  // Iterating by code unit pairs keeps lone surrogates visible as themselves.
  for (const point of text) {
    out += INVISIBLE.test(point) ? `\\u{${(point.codePointAt(0) ?? 0).toString(16).toUpperCase()}}` : point;
  }
  return out;
}

function showText(text: string): string {
  const points = [...text];
  if (points.length <= SHOWN_WHOLE) return `"${escapeInvisible(text)}"`;
  return `${points.length} chars "${escapeInvisible(points.slice(0, 10).join(''))}…${escapeInvisible(points.slice(-4).join(''))}"`;
}

function showRaw(raw: RawBody): string {
  if ('utf8' in raw) return `bytes ${showText(raw.utf8)}`;
  const bytes = Buffer.from(raw.base64, 'base64');
  const hex = [...bytes.subarray(0, 12)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} bytes ${hex}${bytes.length > 12 ? ' …' : ''}`;
}

const isRaw = (value: unknown): value is RawBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && ('utf8' in value || 'base64' in value);

/** One value as the table shows it: strings quoted with invisible characters escaped, long ones abbreviated. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return showText(value);
  if (isRaw(value)) return showRaw(value);
  if (value === undefined) return '(none)';
  const json = JSON.stringify(value);
  return [...json].length <= SHOWN_WHOLE * 2 ? escapeInvisible(json) : `${[...json].length}-char JSON ${escapeInvisible([...json].slice(0, 30).join(''))}…`;
}

function expectationText(entry: CoverageEntry): string {
  switch (entry.verdict.kind) {
    case 'accepted':
      return '200 (valid-search-accepted)';
    case 'refused':
      return `${tooLargeForAnySearch(entry.case.request) ? '400 or 413' : '400'} (${entry.verdict.rule})`;
    case 'unruled':
      return `not 5xx (${entry.verdict.decision})`;
  }
}

/** The fields column: one field, or the group with its size. */
function fieldsText(entry: CoverageEntry): string {
  const [first, ...others] = entry.fields;
  if (first === undefined) return '(body)';
  if (others.length === 0) return first;
  const group = entry.case.title.slice(0, entry.case.title.indexOf(':'));
  return `${group} (${entry.fields.length})`;
}

/** The profile's customer data in `text`, masked as reports mask it. */
function maskKnown(text: string, known: readonly string[]): string {
  return known.reduce((masked, value) => masked.replaceAll(value, maskPii(value)), text);
}

/** A value from the profile with its customer data masked; bytes that are not text are shown by length and first bytes only. */
function masked(value: unknown, known: readonly string[]): unknown {
  if (typeof value === 'string') return maskKnown(value, known);
  if (isRaw(value)) return 'utf8' in value ? { utf8: maskKnown(value.utf8, known) } : value;
  return maskPii(value);
}

/** The value column: the value of a single field, or of a group's first field (each field of a group at its own limit). */
function valueText(entry: CoverageEntry, known: readonly string[] | undefined): string {
  const value = entry.fromProfile && known ? masked(entry.value, known) : entry.value;
  if (entry.fields.length > 1 && typeof value === 'object' && value !== null && !isRaw(value)) {
    const shown = Object.values(value).map(showValue);
    const distinct = [...new Set(shown)];
    return distinct.length === 1 ? `${distinct[0]} in each` : `${shown[0]} in ${entry.fields[0]}, cut to each limit`;
  }
  return showValue(value);
}

/** Every string of the profile's known customer, longest first (so no value is masked in part). */
function knownValues(profile: TargetProfile): string[] {
  const known = profile.knownCustomer;
  const values = [known.phoneNumber, known.email, ...Object.values(known.nameAddressSearch)].filter((value): value is string => typeof value === 'string' && value.length > 0);
  // Also as a form body or URL carries them (`+` becomes %2B).
  return [...new Set(values.flatMap((value) => [value, encodeURIComponent(value)]))].sort((a, b) => b.length - a.length);
}

/**
 * The coverage phase as a table a newcomer can read: field, keyword, what the value is, the value
 * as sent (customer data masked unless `showPii`, long values as length and both ends) and what the
 * gate expects of the answer.
 */
export function coverageTable(profile: TargetProfile, options: { showPii?: boolean } = {}): string {
  const entries = coverageEntries(profile);
  const known = options.showPii ? undefined : knownValues(profile);
  const rows = entries.map((entry) => [fieldsText(entry), entry.keyword, entry.label, valueText(entry, known), expectationText(entry)]);
  const header = ['field', 'keyword', 'value', 'sent', 'expected'];
  const widths = header.map((title, column) => Math.min(60, Math.max(title.length, ...rows.map((row) => [...(row[column] ?? '')].length))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  const counts = { accepted: 0, refused: 0, unruled: 0 };
  for (const entry of entries) counts[entry.verdict.kind]++;
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `${entries.length} values: ${counts.accepted} due 200, ${counts.refused} due 400, ${counts.unruled} judged only by "no 5xx" (the page does not rule; see contracts/documentation-contradictions.ts).`,
  ].join('\n');
}
