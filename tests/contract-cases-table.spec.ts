import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { requestFields } from '../contracts/contract-reader';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { tooLargeForAnySearch } from '../contracts/contract-rules';
import { documentedProfile, type TargetProfile } from '../client/target-profile';
import { coverageEntries } from '../cases/coverage-cases';
import { coverageTable } from '../gate/coverage-table';
import { buildContractCases } from '../cases/contract-cases';

/*
 * The coverage table is the gate's coverage as a newcomer reads it: every field and every keyword
 * it declares, the values sent and what each must get, with customer data masked.
 */
const table = coverageTable(documentedProfile);
const rows = table.split('\n').slice(2, -2);

test('every request field has a row for each keyword it declares, and positive and negative values for each', () => {
  for (const field of requestFields()) {
    const keywords = ['type', ...(field.maxLength !== undefined ? ['maxLength'] : []), ...(field.format ? ['format'] : []), ...(field.pattern ? ['pattern'] : []), ...(field.type === 'integer' ? ['integer'] : [])];
    for (const keyword of keywords) {
      const mine = coverageEntries(documentedProfile).filter((entry) => entry.fields.includes(field.name) && entry.keyword === keyword);
      expect(mine.length, `${field.name} ${keyword}`).toBeGreaterThan(0);
      expect(rows.some((row) => row.startsWith(`${field.name} `) && row.includes(` ${keyword} `)), `${field.name} ${keyword} row`).toBe(true);
    }
    const verdicts = new Set(coverageEntries(documentedProfile).filter((entry) => entry.fields.includes(field.name)).map((entry) => entry.verdict.kind));
    expect([...verdicts].sort(), field.name).toEqual(['accepted', 'refused', 'unruled']);
  }
});

test('one row per value, each with its expectation; every unruled value names a recorded decision', () => {
  const entries = coverageEntries(documentedProfile);
  expect(rows.length).toBe(entries.length);
  const ids = new Set(documentationContradictions.map((item) => item.id));
  // Row by row, the expected column says what the gate's case for that value is judged by.
  entries.forEach((entry, index) => {
    const expectation = entry.case.expectation;
    const judged = expectation.kind === 'accepted' ? '200 (valid-search-accepted)' : expectation.kind === 'refused' ? `${tooLargeForAnySearch(entry.case.request) ? '400 or 413' : '400'} (${expectation.rule})` : `not 5xx (${entry.verdict.kind === 'unruled' ? entry.verdict.decision : '?'})`;
    expect(rows[index], entry.case.title).toMatch(new RegExp(`${judged.replace(/[()]/g, '\\$&')}$`));
  });
  for (const entry of entries) if (entry.verdict.kind === 'unruled') expect(ids.has(entry.verdict.decision), entry.verdict.decision).toBe(true);
  expect(table).toMatch(new RegExp(`^${entries.length} values: \\d+ due 200, \\d+ due 400, \\d+ judged only by "no 5xx"`, 'm'));
});

test('every coverage value is sent by the gate, titled as in the table', () => {
  const titles = new Set(buildContractCases(documentedProfile).map((item) => item.title));
  for (const entry of coverageEntries(documentedProfile)) expect(titles.has(entry.case.title), entry.case.title).toBe(true);
});

test('customer data is masked, invisible characters are escaped and long values abbreviated', () => {
  const profile: TargetProfile = {
    knownCustomer: { customerNumber: 917, phoneNumber: '+4798765432', email: 'kari.fjellheim@example.no', nameAddressSearch: { lastName: 'Fjellheim', streetAddress: 'Solbakken', postalCode: '9990' } },
    broadSearch: documentedProfile.broadSearch,
  };
  const masked = coverageTable(profile);
  for (const secret of ['98765432', 'kari', 'Fjellheim', 'Solbakken', '9990']) expect(masked).not.toContain(secret);
  expect(coverageTable(profile, { showPii: true })).toContain('+4798765432');
  expect(table).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u200B\uFEFF]/);
  expect(table).toContain('\\u{0}');
  expect(table).toContain('254 chars "oooooooooo…d.no"');
});

test('npm run contract:cases prints the table', () => {
  const printed = execFileSync('npx', ['tsx', 'gate/coverage-table-main.ts'], { encoding: 'utf8', env: { ...process.env, CONTRACT_SHOW_PII: '' } });
  expect(printed.trimEnd()).toBe(table);
});
