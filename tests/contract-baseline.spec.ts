import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { buildTargetBaseline, defaultBaselineFile, learnNoise, observeCampaign, readBaselineFile, stableJson, writeTargetBaseline, type Observations, type TargetBaseline } from '../gate/behaviour-baseline';
import { behaviourDrift, failsOn, type DriftSeverity } from '../gate/behaviour-drift';
import type { BehaviourObservation } from '../gate/behaviour-observation';
import { providerVariantNames, providerVariants, type ProviderVariant } from '../simulator/provider-variants';
import { clauseRegistry } from '../contracts/clause-registry';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { runContractCli } from './fixtures/run-contract-cli';
import { seedCustomers } from '../simulator/seed-customers';
import { searchCriteria } from '../contracts/search-criteria';

/*
 * The behaviour baseline: what the target did where the page leaves the choice open, recorded in
 * two passes (noise learned Diffy-style) and compared with every later run. The drift computation is
 * pure, so most tests build observations by hand; the simulator proves the rest in-process.
 */

const ok: BehaviourObservation = {
  status: 200,
  contentType: 'application/json',
  charset: 'utf-8',
  body: ['$.customers: array', '$.customers[].customerNumber: number', '$.customers[].firstName: string', '$.customers[]: object', '$: object'],
  count: 'one',
  headers: { 'x-ratelimit-remaining': 'integer', 'retry-after': 'absent' },
};
const refused: BehaviourObservation = { ...ok, status: 400, body: ['$.errorMessage: string', '$.exceptionType: string', '$: object'], count: undefined };
const baselineOf = (cases: Observations, noise: Record<string, string[]> = {}): TargetBaseline => ({ cases, noise });
const severities = (old: BehaviourObservation, now: BehaviourObservation, noise: string[] = []): [DriftSeverity, string[]][] =>
  behaviourDrift(baselineOf({ a: old }, { a: noise }), { a: now }).map((entry) => [entry.severity, entry.changes.map((change) => `${change.aspect}: ${change.severity}`)]);

test('drift is graded: refused where accepted breaks, more lenient or another status of the class changes, a new property or header adds', () => {
  expect(severities(ok, refused)).toEqual([['breaking', ['status: breaking']]]);
  expect(severities(refused, ok)).toEqual([['change', ['status: change']]]);
  expect(severities({ ...refused, status: 403 }, { ...refused, status: 401 })).toEqual([['change', ['status: change']]]);
  expect(severities(ok, { ...ok, body: ok.body.filter((entry) => !entry.includes('firstName')) })).toEqual([['breaking', ['response shape: breaking']]]);
  expect(severities(ok, { ...ok, body: [...ok.body, '$.customers[].links: object'] })).toEqual([['additive', ['response shape: additive']]]);
  expect(severities(ok, { ...ok, headers: { ...ok.headers, 'retry-after': 'integer' } })).toEqual([['additive', ['header retry-after: additive']]]);
  expect(severities(ok, { ...ok, headers: { ...ok.headers, 'x-ratelimit-remaining': 'absent' } })).toEqual([['change', ['header x-ratelimit-remaining: change']]]);
  expect(severities(refused, { ...refused, contentType: 'text/plain', body: ['(not JSON)'] })).toEqual([['change', ['contentType: change', 'error body shape: change', 'error body shape: additive']]]);
  expect(severities({ ...ok, relation: 'narrowed' }, { ...ok, relation: 'unchanged' })).toEqual([['change', ['relation: change']]]);
  expect(severities(ok, { ...ok, count: 'capped' })).toEqual([['change', ['count: change']]]);
});

test('an empty result shows no customer properties: one that finds customers again is no shape drift, only a count change', () => {
  const empty: BehaviourObservation = { ...ok, body: ['$.customers: array', '$: object'], count: 'none' };
  expect(severities(ok, empty)).toEqual([['change', ['count: change']]]);
  expect(severities(empty, ok)).toEqual([['change', ['count: change']]]);
});

test('noise, unobserved cases and unrecorded cases are never drift', () => {
  expect(severities(ok, refused, ['status'])).toEqual([]);
  expect(severities(ok, refused, ['*'])).toEqual([]);
  expect(behaviourDrift(baselineOf({ a: ok }), {})).toEqual([]);
  expect(behaviourDrift(baselineOf({}), { a: refused })).toEqual([]);
});

test('noise is every aspect that differs between two passes, and a case seen in one pass only', () => {
  const first = { a: ok, b: ok, c: ok };
  const second = { a: ok, b: { ...ok, count: 'several' as const, headers: { ...ok.headers, 'retry-after': 'integer' as const } } };
  expect(learnNoise(first, second)).toEqual({ b: ['count', 'header retry-after'], c: ['*'] });
});

test('fail-on: breaking fails breaking only, change (the default) breaking and change, any everything', () => {
  const table = (['breaking', 'change', 'any'] as const).map((failOn) => (['breaking', 'change', 'additive'] as const).filter((severity) => failsOn(severity, failOn)));
  expect(table).toEqual([['breaking'], ['breaking', 'change'], ['breaking', 'change', 'additive']]);
});

test('the file is sorted and stable, keyed by target, and keeps every other target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-baseline-'));
  const file = join(dir, 'nested', 'baseline.json');
  writeTargetBaseline(file, 'https://a.example/capi', baselineOf({ z: ok, a: refused }));
  const once = readFileSync(file, 'utf8');
  writeTargetBaseline(file, 'https://a.example/capi', baselineOf({ a: refused, z: ok }));
  expect(readFileSync(file, 'utf8')).toBe(once);
  expect(once.indexOf('"a"')).toBeLessThan(once.indexOf('"z"'));
  writeTargetBaseline(file, 'simulator', baselineOf({ a: ok }));
  const read = readBaselineFile(file);
  expect(read.ok && Object.keys(read.file?.targets ?? {})).toEqual(['https://a.example/capi', 'simulator']);
  expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{\n  "a": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ],\n  "b": 1\n}\n');
  expect(defaultBaselineFile('https://api.mediaconnect.no/capi')).toBe('contract-baselines/https-api-mediaconnect-no-capi.json');
  expect(defaultBaselineFile('simulator (CONTRACT_SIMULATOR_VARIANT=extra-fields)')).toBe('contract-baselines/simulator-contract-simulator-variant-extra-fields.json');
  writeFileSync(file, '{"version":9}');
  expect(readBaselineFile(file).ok).toBe(false);
});

/** The deterministic cases' observations of one in-process run (no generated cases: they are only recorded under a pinned seed). */
async function observe(variant?: ProviderVariant): Promise<Observations> {
  const { results } = await runSimulatorCampaign({ simulator: variant ? { variant } : {}, campaign: { generatedCases: 0 } });
  return observeCampaign(results, false);
}

/** Pinned: the severity each variant's choice shows as against the default simulator's baseline. */
const expectedSeverity: Record<ProviderVariant, DriftSeverity | 'none'> = {
  'extra-fields': 'additive',
  'fraction-street-number-read': 'change',
  'phone-without-plus-read': 'change',
  'email-plain-check': 'change',
  'country-code-by-country': 'change',
  'product-code-not-compared': 'change',
  'care-of-address-not-compared': 'change',
  'street-number-range-refused': 'breaking',
  // A chunked search refused 411 where the baseline saw it served: a status class of its own.
  'length-required': 'breaking',
  // The page's 255-character email refused where the baseline saw it served.
  'email-path-length': 'breaking',
  // A country code of the right shape that names no Nordic country refused where the baseline saw it served.
  'country-code-list': 'breaking',
  'error-body-text': 'change',
  'unauthorized-401': 'change',
  'malformed-token-400': 'change',
  'postal-code-number-read': 'change',
  'rate-limit-reset-epoch': 'change',
  // Answer formats the standards make equivalent leave the observation as it was.
  'chunked-slow-answers': 'none',
  'media-type-case': 'none',
  'charset-absent': 'change',
  'rate-limit-headers-absent': 'change',
  // An undocumented method refused otherwise: 404 stays a refusal, 501 moves to another status class.
  'method-not-found': 'change',
  'method-not-implemented': 'breaking',
  // The client's side of the standards: a refetched token, negotiated authentication and waited-out
  // 429s leave no trace in what is observed; the X-RateLimit-* headers that go away do.
  'tokens-revoked': 'none',
  'basic-auth-only': 'none',
  'concurrency-limited': 'none',
  'token-rate-limited': 'none',
  'strict-rate-limit': 'change',
  'retry-after-date': 'change',
};

test.describe('against the default simulator', () => {
  test.describe.configure({ mode: 'serial' });
  let baseline: TargetBaseline;

  test('recorded twice and checked again, the default simulator shows no noise and no drift', async () => {
    baseline = buildTargetBaseline(await observe(), await observe(), undefined);
    expect(Object.keys(baseline.cases).length).toBeGreaterThan(150);
    expect(baseline.noise).toEqual({});
    expect(behaviourDrift(baseline, await observe())).toEqual([]);
  });

  test('the recorded observations hold no customer value: names, addresses, phone numbers and emails stay out', () => {
    // Case titles are the suite's own (free of customer data by ContractCase's contract, literals such as "+4712345678A" aside).
    const text = stableJson(Object.values(baseline.cases));
    const values = seedCustomers.flatMap(({ customer }) => [customer.firstName, customer.lastName, customer.companyName, customer.streetAddress, customer.postalPlace, ...(customer.emails?.email ?? []), ...(customer.phoneNumbers ?? []).map((phone) => phone.phoneNumber)]);
    const texts = [...new Set(values.filter((value): value is string => typeof value === 'string' && value.length > 3))];
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((value) => text.includes(value))).toEqual([]);
  });

  for (const variant of providerVariantNames) {
    test(`variant ${variant} (${providerVariants[variant].clause}) is reported as ${expectedSeverity[variant] === 'none' ? 'no' : expectedSeverity[variant]} drift`, async () => {
      const entries = behaviourDrift(baseline, await observe(variant));
      const expected = expectedSeverity[variant];
      expect([...new Set(entries.map((entry) => entry.severity))].sort()).toEqual(expected === 'none' ? [] : [expected]);
    });
  }
});

test('a provider that leaves any request field out of matching is caught: by a rule where a Customer shows the field, else by the baseline', async () => {
  test.setTimeout(300_000);
  // The fixed cases, unpaced: the default simulator, then one that does not compare each field in turn.
  const campaign = (uncomparedFields: readonly string[] = []) =>
    runSimulatorCampaign({ simulator: { rateLimit: false, uncomparedFields }, clientPerSecond: 100_000, campaign: { generatedCases: 0 } });
  const baseline = baselineOf(observeCampaign((await campaign()).results, false));
  const fields = [...searchCriteria.criteria.map((criterion) => criterion.field), ...searchCriteria.held.map((held) => held.field)];
  const caught: Record<string, string[]> = {};
  for (const field of fields) {
    const { results } = await campaign([field]);
    const rules = results.flatMap((result) => result.check.violations.map((violation) => violation.rule));
    const drift = behaviourDrift(baseline, observeCampaign(results, false)).length;
    caught[field] = [...[...new Set<string>(rules)].sort(), ...(drift > 0 ? ['baseline'] : [])];
  }
  // A field a Customer shows breaks results-match-criteria. Fields no Customer shows, and countryCode
  // (contradiction country-code-standard), break no rule: decisions, which the baseline reports as drift.
  const unjudged = new Set([...searchCriteria.held.map((held) => held.field), ...searchCriteria.criteria.filter((criterion) => criterion.unjudgedBecause).map((criterion) => criterion.field)]);
  for (const field of fields) {
    if (unjudged.has(field)) expect(caught[field], `${field} left out of matching`).toEqual(['baseline']);
    else expect(caught[field], `${field} left out of matching`).toContain('results-match-criteria');
  }
});

test('every variant names a recorded contradiction or a clause of the registry, and has a pinned severity', () => {
  const ids = new Set([...documentationContradictions.map((entry) => entry.id), ...clauseRegistry.map((clause) => clause.id)]);
  expect(providerVariantNames.filter((variant) => !ids.has(providerVariants[variant].clause))).toEqual([]);
  expect(Object.keys(expectedSeverity).sort()).toEqual([...providerVariantNames].sort());
});

/** Runs checked against a variant's own baseline: none may drift. */
const STABILITY_RUNS = 5;

for (const variant of providerVariantNames) {
  test(`variant ${variant} recorded against itself shows no drift over ${STABILITY_RUNS} further runs`, async () => {
    test.setTimeout(240_000);
    const own = buildTargetBaseline(await observe(variant), await observe(variant), undefined);
    expect(own.noise).toEqual({});
    for (let run = 0; run < STABILITY_RUNS; run++) expect(behaviourDrift(own, await observe(variant))).toEqual([]);
  });
}

test('the gate reports drift from a recorded baseline in its own test and in behaviour-drift.json, and accepts it with CONTRACT_BASELINE=record', async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'capi-baseline-gate-'));
  const file = join(dir, 'baseline.json');
  const recorded = buildTargetBaseline(await observe(), await observe(), undefined);
  // The simulator as it was "before": it refused zero as a street number.
  const title = Object.keys(recorded.cases).find((name) => name.startsWith('streetNumber: 0 ')) as string;
  writeTargetBaseline(file, 'simulator', { ...recorded, cases: { ...recorded.cases, [title]: { ...(recorded.cases[title] as BehaviourObservation), status: 400, count: undefined } } });
  const run = await runContractCli({ CONTRACT_BASELINE_FILE: file, CONTRACT_GENERATED_CASES: '0' });
  const report = JSON.parse(readFileSync(join(run.reportDir, 'behaviour-drift.json'), 'utf8')) as { failing: number; entries: { case: string; severity: string }[] };
  expect(report.failing).toBe(1);
  expect(report.entries.map((entry) => [entry.case, entry.severity])).toEqual([[title, 'change']]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toContain('behaviour baseline');
  expect(run.stdout).toMatch(new RegExp(`Accept it: CONTRACT_BASELINE=record .*CONTRACT_BASELINE_FILE=${file} npm run contract`));
  const lenient = await runContractCli({ CONTRACT_BASELINE_FILE: file, CONTRACT_GENERATED_CASES: '0', CONTRACT_BASELINE_FAIL_ON: 'breaking' });
  expect(JSON.parse(readFileSync(join(lenient.reportDir, 'behaviour-drift.json'), 'utf8')).failing).toBe(0);
  expect(lenient.code).toBe(0);
});
