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
 * "One edit adds a request field": on a copy of the repository, two optional request fields are
 * added to the contract source in one edit: one a Customer property shows (added to the Customer
 * beside it), one no Customer property shows, with its matching decision. Then `npm run
 * contract:export` runs, and everything else must follow by itself: the export, the fixed cases,
 * the simulator's seed and matching, the gate's verdict on a provider that ignores either field,
 * the drift check's decisions, the vendor document of the diff tests, the documentation's figures
 * and the types. No assertion depends on fast-check's seed: the cases asserted on are the fixed
 * ones, and the campaigns run without generated cases.
 */
const run = promisify(execFile);
const CONTRACT = 'contracts/search-customer-contract.ts';
const DECISION = 'Sent by newer clients; the stored page predates it.';

interface AddedField {
  readonly name: string;
  readonly maxLength: number;
  /** The line added to the request's properties. */
  readonly request: string;
  /** The line added to the Customer's properties, for a field a Customer shows. */
  readonly customer?: string;
}

const ADDED: readonly AddedField[] = [
  {
    name: 'nationalId',
    maxLength: 11,
    request: `nationalId: beyondPage(requestString(11, 'National identity number to match in a search.'), '${DECISION}'),`,
    customer: "nationalId: beyondPage(responseString(11, 'National identity number'), 'Returned by newer versions; the stored page predates it.'),",
  },
  {
    name: 'buildingName',
    maxLength: 30,
    request:
      "buildingName: beyondPage(matchedBeside(requestString(30, 'Building name to match in a name/address search.'), { judgedBy: 'baseline', simulator: 'held-beside', why: 'Matched on the building register, which no Customer property shows.' }), " +
      `'${DECISION}'),`,
  },
];

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

/** `lines` inserted at the top of the properties of one schema of the contract source. */
function atTopOf(source: string, schema: string, lines: readonly string[]): string {
  const anchor = new RegExp(`(\\n {6}${schema}: \\{[^]*?properties: \\{\\n)`).exec(source);
  if (!anchor) throw new Error(`${CONTRACT} has no ${schema} properties to add a field to`);
  const at = anchor.index + (anchor[1] ?? '').length;
  return source.slice(0, at) + lines.map((line) => `          ${line}\n`).join('') + source.slice(at);
}

/** The one edit: the fields at the top of the request's properties, and of the Customer's for those it shows. */
function addFields(copy: string): void {
  const file = join(copy, CONTRACT);
  const source = readFileSync(file, 'utf8');
  const withRequest = atTopOf(source, 'SearchCustomerRequest', ADDED.map((field) => field.request));
  writeFileSync(file, atTopOf(withRequest, 'Customer', ADDED.flatMap((field) => (field.customer ? [field.customer] : []))));
}

/** What the cases, simulator, gate, baseline, drift check, vendor fixture and figures make of the edited contract, read in the copy. */
const PROBE = `
import { parse as load } from 'yaml';
import { readDocumentationSet } from './bench/documentation-set';
import { documentationFigures, statedFigures, unfiguredCounts } from './bench/readme-figures';
import { buildContractCases } from './cases/contract-cases';
import { documentedProfile } from './client/target-profile';
import { observeCampaign } from './gate/behaviour-baseline';
import { behaviourDrift } from './gate/behaviour-drift';
import { runSimulatorCampaign } from './harness/simulator-campaign';
import { matchCustomers } from './simulator/customer-matcher';
import { seedCustomers } from './simulator/seed-customers';
import { readDocumentationPage } from './contracts/documentation-page';
import { requestFieldsBeyondPage, responseFieldsBeyondPage, undecidedFieldsMessage } from './contracts/fields-beyond-page';
import { searchCriteria, unplacedFieldsMessage } from './contracts/search-criteria';
import { validateSchema } from './contracts/contract-validator';
import { vendorOpenApiDocument } from './tests/fixtures/vendor-openapi-document';

const fields = process.argv.slice(2);
const known = seedCustomers.find((seed) => seed.customer.customerNumber === documentedProfile.knownCustomer.customerNumber);
const numbers = (body: Record<string, unknown>) => matchCustomers(seedCustomers, body).map((seed) => seed.customer.customerNumber);
const vendor = load(vendorOpenApiDocument()) as { components: { schemas: { SearchCustomerRequest: { properties: Record<string, unknown> } } } };
const page = readDocumentationPage();
const beyond = [...requestFieldsBeyondPage(page.requestFields), ...responseFieldsBeyondPage(page.customerFields)];
// The fixed cases only, unpaced: the default simulator, then one that leaves each field out of matching.
const campaign = (uncomparedFields: string[]) => runSimulatorCampaign({ simulator: { rateLimit: false, uncomparedFields }, clientPerSecond: 100_000, campaign: { generatedCases: 0 } });
const plain = await campaign([]);
const baseline = { cases: observeCampaign(plain.results, false), noise: {} };
const ignored: Record<string, { broken: { rule: string; case: string }[]; drift: string[] }> = {};
for (const field of fields) {
  const { results } = await campaign([field]);
  ignored[field] = {
    broken: results.flatMap((result) => result.check.violations.map((violation) => ({ rule: violation.rule, case: result.case.title }))),
    drift: behaviourDrift(baseline, observeCampaign(results, false)).map((entry) => entry.case),
  };
}
const figures = await documentationFigures();
const pages = readDocumentationSet();
process.stdout.write(JSON.stringify({
  fixed: buildContractCases(documentedProfile).map((item) => ({ title: item.title, path: item.contractPath, body: item.request.body })),
  held: Object.fromEntries(fields.map((field) => {
    const value = (known?.customer as Record<string, unknown> | undefined)?.[field] ?? known?.held[field]?.[0] ?? null;
    return [field, {
      value,
      inCustomer: Object.hasOwn(known?.customer ?? {}, field),
      inLimits: value !== null && validateSchema('SearchCustomerRequest', { [field]: value }).every((violation) => !violation.contractPath.includes('/' + field + '/')),
      sameValue: numbers({ phoneNumber: documentedProfile.knownCustomer.phoneNumber, [field]: value ?? 'Ingen slik verdi' }),
      otherValue: numbers({ phoneNumber: documentedProfile.knownCustomer.phoneNumber, [field]: 'Ingen slik verdi' }),
    }];
  })),
  placed: { criteria: searchCriteria.criteria.map((item) => item.field), held: searchCriteria.held.map((item) => item.field), unplaced: unplacedFieldsMessage() ?? null },
  plainBroken: plain.results.flatMap((result) => result.check.violations.map((violation) => violation.rule)),
  ignored,
  beyondPage: beyond.map(({ name, side, decision }) => ({ name, side, decision })),
  undecided: undecidedFieldsMessage(beyond) ?? null,
  vendor: Object.fromEntries(fields.map((field) => [field, vendor.components.schemas.SearchCustomerRequest.properties[field] ?? null])),
  staleFigures: figures
    .filter((figure) => pages.some((item) => statedFigures(item.text, figure).some((values) => values.join() !== figure.values.join())))
    .map((figure) => figure.pattern.source),
  unfigured: unfiguredCounts(pages, figures),
}));
`;

interface ProbeResult {
  fixed: { title: string; path: string; body: unknown }[];
  held: Record<string, { value: unknown; inCustomer: boolean; inLimits: boolean; sameValue: number[]; otherValue: number[] }>;
  placed: { criteria: string[]; held: string[]; unplaced: string | null };
  plainBroken: string[];
  ignored: Record<string, { broken: { rule: string; case: string }[]; drift: string[] }>;
  beyondPage: { name: string; side: string; decision?: string }[];
  undecided: string | null;
  vendor: Record<string, { maxLength?: number } | null>;
  staleFigures: string[];
  unfigured: unknown[];
}

interface Exported {
  components: { schemas: Record<'SearchCustomerRequest' | 'Customer', { properties: Record<string, { maxLength?: number; 'x-decision'?: string; 'x-matching'?: { judgedBy?: string } }> }> };
}

/** The copy edited, exported, typechecked and probed. */
async function editedCopy(copy: string): Promise<{ exported: string; typecheck: string; result: ProbeResult; contract: Exported }> {
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
  const contract = JSON.parse(readFileSync(join(copy, 'contracts', 'search-customer-openapi.json'), 'utf8')) as Exported;
  return { exported: exported.stdout, typecheck: typecheck.stdout, result: JSON.parse(probe.stdout) as ProbeResult, contract };
}

const pointerOf = (field: string): string => `#/components/schemas/SearchCustomerRequest/properties/${field}`;

test('one edit to the contract source adds a request field everywhere it belongs, whether a Customer property shows it or not', async () => {
  test.setTimeout(300_000);
  const copy = copyRepository();
  try {
    const { exported, typecheck, result, contract } = await editedCopy(copy);
    expect(exported).toContain('Wrote contracts/search-customer-openapi.json');
    expect(typecheck, 'the copy with the added fields typechecks').toBe('');
    expect(result.placed.unplaced, 'every request field placed').toBeNull();
    expect(result.undecided, 'every field beyond the page decided').toBeNull();
    expect(result.plainBroken, 'the default simulator still passes every rule').toEqual([]);
    const twin = `${pointerOf('departmentName')}/`;

    for (const field of ADDED) {
      const pointer = pointerOf(field.name);
      const shown = field.customer !== undefined;
      // The export carries the field, its limit and its decisions.
      const schema = contract.components.schemas.SearchCustomerRequest.properties[field.name];
      expect(schema?.maxLength, field.name).toBe(field.maxLength);
      expect(schema?.['x-decision'], field.name).toBe(DECISION);
      expect(schema?.['x-matching']?.judgedBy, field.name).toBe(shown ? undefined : 'baseline');
      expect(contract.components.schemas.Customer.properties[field.name] !== undefined, field.name).toBe(shown);
      // Placed: a criterion a Customer shows, or held beside by its decision.
      expect(result.placed[shown ? 'criteria' : 'held'], field.name).toContain(field.name);
      // The coverage phase sends it: the longest valid value, one past the limit, the wrong types;
      // as many values as a field the contract already had with the same keywords (departmentName).
      const fixed = result.fixed.filter((item) => item.path.startsWith(pointer));
      expect(fixed.map((item) => item.title), field.name).toEqual(
        expect.arrayContaining([
          `${field.name}: ${field.maxLength} characters (the longest valid value) accepted`,
          `${field.name}: ${field.maxLength + 1} characters (maxLength ${field.maxLength} + 1) refused`,
          `${field.name}: an object instead of a string refused`,
        ]),
      );
      expect(fixed.every((item) => typeof item.body === 'object' && item.body !== null && field.name in item.body), `${field.name} in every body of its cases`).toBe(true);
      expect(fixed.length, field.name).toBe(result.fixed.filter((item) => item.path.startsWith(twin)).length);
      // The drift check: beyond the page, with its decision recorded, on each side it is on.
      expect(result.beyondPage.filter((item) => item.name === field.name).map((item) => [item.side, Boolean(item.decision)]), field.name).toEqual(shown ? [['request', true], ['response', true]] : [['request', true]]);
      // The vendor document of the diff tests has it, with the same limit.
      expect(result.vendor[field.name]?.maxLength, field.name).toBe(field.maxLength);
      // The seed: the known customer holds a value inside the field's limits (in its record when a
      // Customer shows the field, beside it otherwise), and the matcher matches on it.
      const held = result.held[field.name];
      expect(held?.inCustomer, `${field.name} in the known customer's record`).toBe(shown);
      expect(held?.inLimits, `${field.name}: the held value ${String(held?.value)} is inside the field's limits`).toBe(true);
      expect(held?.sameValue, `${field.name}: its held value finds the known customer`).toEqual([documentedProfile.knownCustomer.customerNumber]);
      expect(held?.otherValue, `${field.name}: another value finds no one`).toEqual([]);
      // A provider that ignores the field is caught: by results-match-criteria on a case sending it
      // when a Customer shows it, by the behaviour baseline on the cases sending it otherwise.
      const ignored = result.ignored[field.name];
      if (shown) expect(ignored?.broken.filter((item) => item.rule === 'results-match-criteria' && item.case.startsWith(`${field.name}: `)).length, `${field.name} ignored breaks results-match-criteria`).toBeGreaterThan(0);
      else expect(ignored?.broken, `${field.name} ignored breaks no rule: a decision, not a fault`).toEqual([]);
      expect(ignored?.drift.filter((title) => title.startsWith(`${field.name}: `)).length, `${field.name} ignored shows as drift from the baseline`).toBeGreaterThan(0);
    }
    // The documentation's figures followed the export, every one of them, and no count it states escapes them.
    expect(result.staleFigures).toEqual([]);
    expect(result.unfigured).toEqual([]);
    const perField = result.fixed.filter((item) => item.path.startsWith(twin)).length;
    expect(result.fixed.length).toBe(buildContractCases(documentedProfile).length + perField * ADDED.length);
    const stating = readDocumentationSet(copy).filter((page) => page.text.includes(`**${result.fixed.length} fixed cases**`));
    expect(stating.map((page) => page.path), 'the page stating the fixed cases').toHaveLength(1);
    expect(exported).toContain(`${stating[0]?.path}: figures updated`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
