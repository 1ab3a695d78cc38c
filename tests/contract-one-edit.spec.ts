import { expect, test } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { documentedProfile } from '../client/target-profile';
import { buildContractCases } from '../cases/contract-cases';
import { readDocumentationSet } from '../bench/documentation-set';

/*
 * "One edit adds a request field": on a copy of the repository, optional request fields are added
 * to the contract source, one edit each (the field with its decision, as the page does not print
 * it), then `npm run contract:export` runs, and everything else must follow by itself: the export,
 * the fixed and generated cases, the simulator's matching, the drift check's decision, the vendor
 * document of the diff tests, the documentation's counts, and the types. A hand list anywhere that ignores
 * the field fails here.
 */
const run = promisify(execFile);
const CONTRACT = 'contracts/search-customer-contract.ts';

/** Each added by one edit: a field the Customer does not store, and one it does (so the simulator must match on it). */
const ADDED = [
  { name: 'nationalId', maxLength: 11, customerProperty: false, source: "nationalId: beyondPage(requestString(11, 'National identity number to match in a search.'), 'Sent by newer clients; the stored page predates it.')," },
  { name: 'postalAddress', maxLength: 40, customerProperty: true, source: "postalAddress: beyondPage(requestString(40, 'Postal address to match in a search.'), 'Sent by newer clients; the stored page predates it.')," },
] as const;

/** A copy of the repository's tracked and new files (not node_modules: a link to the same install). */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'capi-one-edit-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' }).split('\0');
  for (const file of files) {
    if (file === '' || file === 'node_modules' || !existsSync(file)) continue;
    cpSync(file, join(copy, file), { dereference: false });
  }
  symlinkSync(realpathSync('node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/** The one edit per field: a line at the top of the request schema's properties. */
function addFields(copy: string): void {
  const file = join(copy, CONTRACT);
  const source = readFileSync(file, 'utf8');
  const anchor = /(SearchCustomerRequest: \{[^]*?properties: \{\n)/.exec(source);
  if (!anchor) throw new Error(`${CONTRACT} has no SearchCustomerRequest properties to add a field to`);
  const at = anchor.index + (anchor[1] ?? '').length;
  const lines = ADDED.map((field) => `          ${field.source}\n`).join('');
  writeFileSync(file, source.slice(0, at) + lines + source.slice(at));
}

/** What the engine, simulator, drift check and vendor fixture make of the edited contract, read in the copy. */
const PROBE = `
import { parse as load } from 'yaml';
import { readDocumentationSet } from './bench/documentation-set';
import { readmeFigures, statedFigures } from './bench/readme-figures';
import { buildContractCases } from './cases/contract-cases';
import { buildGeneratedCases } from './cases/generated-cases';
import { documentedProfile } from './client/target-profile';
import { matchCustomers } from './simulator/customer-matcher';
import { seedCustomers } from './simulator/seed-customers';
import { readDocumentationPage } from './contracts/documentation-page';
import { requestFieldsBeyondPage, undecidedFieldsMessage } from './contracts/fields-beyond-page';
import { vendorOpenApiDocument } from './tests/fixtures/vendor-openapi-document';

const fields = process.argv.slice(2);
const known = documentedProfile.knownCustomer;
const stored = seedCustomers.find((seed) => seed.customer.customerNumber === known.customerNumber)?.customer as Record<string, unknown>;
const numbers = (body: Record<string, unknown>) => matchCustomers(seedCustomers, body).map((seed) => seed.customer.customerNumber);
const vendor = load(vendorOpenApiDocument()) as { components: { schemas: { SearchCustomerRequest: { properties: Record<string, unknown> } } } };
const beyond = requestFieldsBeyondPage(readDocumentationPage().requestFields);
process.stdout.write(JSON.stringify({
  fixed: buildContractCases(documentedProfile).map((item) => ({ title: item.title, path: item.contractPath })),
  generated: buildGeneratedCases(documentedProfile, 1, 200).map((item) => ({ title: item.title, path: item.contractPath, body: item.request.body })),
  matches: Object.fromEntries(fields.map((field) => [field, {
    stored: stored[field] ?? null,
    sameValue: numbers({ phoneNumber: known.phoneNumber, [field]: stored[field] ?? 'Ingen slik verdi' }),
    otherValue: numbers({ phoneNumber: known.phoneNumber, [field]: 'Ingen slik verdi' }),
  }])),
  beyondPage: beyond,
  undecided: undecidedFieldsMessage(beyond) ?? null,
  vendor: Object.fromEntries(fields.map((field) => [field, vendor.components.schemas.SearchCustomerRequest.properties[field] ?? null])),
  staleReadmeFigures: readmeFigures()
    .filter((figure) => readDocumentationSet().some((page) => statedFigures(page.text, figure).some((values) => values.join() !== figure.values.join())))
    .map((figure) => figure.pattern.source),
}));
`;

interface ProbeResult {
  fixed: { title: string; path: string }[];
  generated: { title: string; path: string; body: unknown }[];
  matches: Record<string, { stored: unknown; sameValue: number[]; otherValue: number[] }>;
  beyondPage: { name: string; decision?: string }[];
  undecided: string | null;
  vendor: Record<string, { maxLength?: number } | null>;
  staleReadmeFigures: string[];
}

test('one edit to the contract source adds a request field everywhere it belongs', async () => {
  test.setTimeout(180_000);
  const copy = copyRepository();
  try {
    addFields(copy);
    writeFileSync(join(copy, 'one-edit-probe.ts'), PROBE);
    const tsx = join(copy, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const tsc = join(copy, 'node_modules', 'typescript', 'bin', 'tsc');
    // The typecheck needs nothing the export writes: it runs beside the export and the probe.
    const [[exported, probe], typecheck] = await Promise.all([
      (async () => {
        const exportRun = await run('npm', ['run', '-s', 'contract:export'], { cwd: copy });
        const probeRun = await run(process.execPath, [tsx, 'one-edit-probe.ts', ...ADDED.map((field) => field.name)], { cwd: copy, maxBuffer: 64 * 1024 * 1024 });
        return [exportRun, probeRun] as const;
      })(),
      run(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: copy }).catch((error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout ?? String(error)}` })),
    ]);
    expect(exported.stdout).toContain('Wrote contracts/search-customer-openapi.json');
    expect(typecheck.stdout, 'the copy with the added fields typechecks').toBe('');
    const result = JSON.parse(probe.stdout) as ProbeResult;
    const exportedContract = JSON.parse(readFileSync(join(copy, 'contracts', 'search-customer-openapi.json'), 'utf8')) as {
      components: { schemas: { SearchCustomerRequest: { properties: Record<string, { maxLength?: number; 'x-decision'?: string }> } } };
    };

    for (const field of ADDED) {
      const pointer = `#/components/schemas/SearchCustomerRequest/properties/${field.name}`;
      // The export carries the field, its limit and its decision.
      const schema = exportedContract.components.schemas.SearchCustomerRequest.properties[field.name];
      expect(schema?.maxLength, field.name).toBe(field.maxLength);
      expect(schema?.['x-decision'], field.name).toBeTruthy();
      // Fixed cases: the longest valid value, one past the limit, and the wrong types; as many as a
      // field the contract already had with the same keywords (departmentName: type and maxLength).
      const fixedTitles = result.fixed.filter((item) => item.path.startsWith(pointer)).map((item) => item.title);
      expect(fixedTitles, field.name).toEqual(
        expect.arrayContaining([
          `${field.name}: ${field.maxLength} characters (the longest valid value) accepted`,
          `${field.name}: ${field.maxLength + 1} characters (maxLength ${field.maxLength} + 1) refused`,
          `${field.name}: an object instead of a string refused`,
        ]),
      );
      const twin = '#/components/schemas/SearchCustomerRequest/properties/departmentName';
      expect(fixedTitles.length, field.name).toBe(result.fixed.filter((item) => item.path.startsWith(`${twin}/`)).length);
      // Generated cases: valid searches carry it, invalid ones break its limit or type.
      expect(result.generated.some((item) => typeof item.body === 'object' && item.body !== null && field.name in item.body), `${field.name} in a generated body`).toBe(true);
      expect(result.generated.some((item) => item.path.startsWith(pointer)), `${field.name} broken by a generated case`).toBe(true);
      // The drift check: beyond the page, with its decision recorded.
      expect(result.beyondPage.find((item) => item.name === field.name)?.decision, field.name).toBe('Sent by newer clients; the stored page predates it.');
      // The vendor document of the diff tests has it, with the same limit.
      expect(result.vendor[field.name]?.maxLength, field.name).toBe(field.maxLength);
      // The simulator: a field naming a Customer property narrows the result; any other is ignored.
      const match = result.matches[field.name];
      expect(match?.sameValue, field.name).toEqual([expect.any(Number)]);
      if (field.customerProperty) {
        expect(match?.stored, `the known seed customer stores ${field.name}`).toEqual(expect.any(String));
        expect(match?.otherValue, `${field.name} is matched on: another value finds no one`).toEqual([]);
      } else {
        expect(match?.otherValue, `${field.name} is not stored, so not matched on`).toEqual(match?.sameValue);
      }
    }
    expect(result.undecided).toBeNull();
    // The documentation's counts followed the export: three fixed cases more per field, stated where it says so.
    expect(result.staleReadmeFigures).toEqual([]);
    const before = buildContractCases(documentedProfile).length;
    const perField = result.fixed.filter((item) => item.path.startsWith('#/components/schemas/SearchCustomerRequest/properties/departmentName/')).length;
    expect(result.fixed.length).toBe(before + perField * ADDED.length);
    const stating = readDocumentationSet(copy).filter((page) => page.text.includes(`**${result.fixed.length} fixed cases**`));
    expect(stating.map((page) => page.path), 'the page stating the fixed cases').toHaveLength(1);
    expect(exported.stdout).toContain(`${stating[0]?.path}: figures updated`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
