import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignProgress } from '../gate/campaign-progress';
import type { CaseResult } from '../gate/run-campaign';
import { TerminalRelay } from '../gate/terminal-relay';
import { gateExitCode, readGateReports, type GateReports } from '../gate/gate-verdict';
import { resetReportDir } from '../gate/report-dir-reset';
import { gateSummaryLines } from '../gate/gate-summary';
import { runContractCli } from './fixtures/run-contract-cli';
import { loadTargetConfig } from '../client/target-config';
import { openTarget } from '../client/open-target';
import { createNodeTransport } from '../client/http-transport';
import { credentialHint } from '../client/preflight';
import { TokenError } from '../client/token-error';
import { maskPii } from '../gate/mask-pii';
import { curlLine } from '../gate/reproduction';
import type { ContractCase } from '../cases/contract-case';
import { runContractCampaign, type ContractCampaign } from '../gate/contract-campaign';
import { DEFAULT_TEST_CAMPAIGN } from '../harness/simulator-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';

/*
 * What the gate shows while it works and how it ends: progress lines from the first moment, drawn
 * in place on a terminal, and an exit code per cause read from the run's reports.
 */

const answered = (attempts: number): CaseResult => ({ exchange: { response: { attempts } } }) as unknown as CaseResult;

test('progress: the seed and plan come first, then per phase done of total, the rate, 429s and retries', async () => {
  const lines: string[] = [];
  let now = 0;
  const progress = new CampaignProgress({ write: (line) => lines.push(line), intervalMs: 60_000, now: () => now });
  let sent = 0;
  // Every other answer is a 429.
  const transport = progress.countingTransport(async () => ({ status: (sent += 1) % 2 ? 429 : 200, headers: {}, bodyText: '', durationMs: 1 }));
  progress.plan(7, { replayed: 0, coverage: 2, fixed: 1, generated: 3 });
  expect(lines).toEqual(['Contract campaign: seed 7 (CONTRACT_SEED=7 repeats it), plan: 0 replayed, 2 coverage, 1 fixed, 3 generated, ? relations cases\n']);
  for (let index = 0; index < 4; index += 1) await transport({ method: 'POST', url: 'http://127.0.0.1/', headers: {}, timeoutMs: 1 });
  now = 2000;
  progress.caseDone('coverage', answered(1));
  progress.caseDone('coverage', answered(3));
  // The coverage phase is complete: a line at once, with the rate over the 2 s since the start.
  expect(lines[1]).toBe('Progress: coverage 2/2, fixed 0/1, generated 0/3, relations 0/?; 2.0 req/s, 2 429s, 2 retries\n');
  progress.tick();
  expect(lines[2]).toBe('Progress: coverage 2/2, fixed 0/1, generated 0/3, relations 0/?; 2.0 req/s, 2 429s, 2 retries\n');
  progress.total('relations', 0);
  progress.stop();
  expect(lines[3]).toBe('Progress: coverage 2/2, fixed 0/1, generated 0/3; 2.0 req/s, 2 429s, 2 retries\n');
});

test('on a terminal progress lines replace each other in place; the last stays when other output comes', () => {
  let shown = '';
  const relay = new TerminalRelay({ write: (text: string) => (shown += text) }, true, () => 40);
  relay.write('Running 19 tests\nProgress: coverage 1/2; 1.0 req/s\nProg');
  relay.write('ress: coverage 2/2 and a tail far wider than the terminal is\nContract campaign done\n');
  relay.end();
  expect(shown).toBe('Running 19 tests\nProgress: coverage 1/2; 1.0 req/s\r\u001b[2KProgress: coverage 2/2 and a tail far w\nContract campaign done\n');

  let logged = '';
  const pipe = new TerminalRelay({ write: (text: string) => (logged += text) }, false);
  pipe.write('Progress: coverage 1/2\nProgress: coverage 2/2\n');
  pipe.end();
  expect(logged).toBe('Progress: coverage 1/2\nProgress: coverage 2/2\n');
});

test("two sources' unfinished lines never mix: Playwright's output and the front door's campaign each keep their own", () => {
  let logged = '';
  const relay = new TerminalRelay({ write: (text: string) => (logged += text) }, false);
  relay.write('Running 25 te', 'playwright');
  relay.write('Contract campaign: seed 7\nProgress: cov', 'campaign');
  relay.write('sts using 1 worker\n', 'playwright');
  relay.write('erage 1/2\n', 'campaign');
  relay.end();
  expect(logged).toBe('Contract campaign: seed 7\nRunning 25 tests using 1 worker\nProgress: coverage 1/2\n');
});

test('exit codes: a broken rule wins over drift, drift over cases not judged; 2 and 3 pass through', () => {
  const reports = (overrides: Partial<GateReports>): GateReports => ({ failedTests: [], rules: ['result-cap', 'error-body'], brokenInSummary: [], notJudged: 0, driftFailing: 0, ...overrides });
  expect(gateExitCode(0, reports({}))).toBe(0);
  expect(gateExitCode(1, reports({ failedTests: ['result-cap', 'every case judged'], notJudged: 3, driftFailing: 2 }))).toBe(1);
  expect(gateExitCode(1, reports({ failedTests: ['behaviour unchanged', 'every case judged'], notJudged: 3, driftFailing: 2 }))).toBe(5);
  expect(gateExitCode(0, reports({ driftFailing: 1 }))).toBe(5);
  expect(gateExitCode(1, reports({ failedTests: ['every case judged'], notJudged: 3 }))).toBe(4);
  // Without Playwright's JSON report (another --reporter given), the summary decides.
  expect(gateExitCode(1, reports({ failedTests: undefined, brokenInSummary: ['result-cap'], notJudged: 1 }))).toBe(1);
  // A failure nothing explains is not passed over.
  expect(gateExitCode(1, reports({ failedTests: ['a test that threw'] }))).toBe(1);
  expect(gateExitCode(2, reports({}))).toBe(2);
  expect(gateExitCode(3, reports({}))).toBe(3);
  // An interrupted run is no verdict, whatever its reports say so far.
  expect(gateExitCode(130, reports({ failedTests: ['result-cap'], notJudged: 2 }))).toBe(130);
});

test('the verdict is read from the reports: results.json, contract-summary.json and behaviour-drift.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-gate-verdict-'));
  expect(readGateReports(dir)).toEqual({ failedTests: undefined, rules: [], brokenInSummary: [], notJudged: 0, driftFailing: 0 });
  const spec = (title: string, ok: boolean): object => ({ title, ok, tests: [] });
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ suites: [{ specs: [], suites: [{ specs: [spec('result-cap', false), spec('error-body', true)] }] }] }));
  writeFileSync(
    join(dir, 'contract-summary.json'),
    JSON.stringify({ 'result-cap': { violations: [{}], notJudged: [], expiredDeviations: [] }, 'error-body': { violations: [], notJudged: [{}, {}], expiredDeviations: [] } }),
  );
  writeFileSync(join(dir, 'behaviour-drift.json'), JSON.stringify({ failing: 4 }));
  expect(readGateReports(dir)).toEqual({ failedTests: ['result-cap'], rules: ['result-cap', 'error-body'], brokenInSummary: ['result-cap'], notJudged: 2, driftFailing: 4 });
  writeFileSync(join(dir, 'behaviour-drift.json'), JSON.stringify({ failing: '4' }));
  expect(readGateReports(dir).driftFailing).toBe(0);
});

test('the gate prints its seed and plan before any request, and a progress line per phase', async () => {
  const run = await runContractCli({ CONTRACT_GENERATED_CASES: '10', CONTRACT_SEED: '5' });
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  const plan = lines.findIndex((line) => line.startsWith('Contract campaign: seed 5 (CONTRACT_SEED=5 repeats it), plan: 0 replayed, '));
  const firstProgress = lines.findIndex((line) => line.startsWith('Progress: '));
  expect(plan, run.stdout).toBeGreaterThanOrEqual(0);
  expect(firstProgress).toBeGreaterThan(plan);
  expect(run.stdout).toMatch(/^Progress: coverage (\d+)\/\1, fixed (\d+)\/\2, generated 10\/10, relations (\d+)\/\3; [\d.]+ req\/s, \d+ 429s, \d+ retries$/m);
});

test('the report folder is emptied at the start, unless it holds the working directory or a project', () => {
  const root = mkdtempSync(join(tmpdir(), 'capi-gate-reset-'));
  mkdirSync(join(root, 'reports', 'har'), { recursive: true });
  writeFileSync(join(root, 'reports', 'har', 'earlier.har'), '{}');
  resetReportDir('reports', root);
  expect(readdirSync(join(root, 'reports'))).toEqual([]);
  expect(() => resetReportDir('.', root)).toThrow('Invalid configuration: CONTRACT_REPORT_DIR: . holds the working directory; every run empties its report folder');
  mkdirSync(join(root, 'project'));
  writeFileSync(join(root, 'project', 'package.json'), '{}');
  expect(() => resetReportDir('project', root)).toThrow('CONTRACT_REPORT_DIR: project holds package.json');
  expect(readdirSync(join(root, 'project'))).toEqual(['package.json']);
});

test('a rerun with the seed that found the counterexamples does not replay them: no failure counted twice', async () => {
  test.setTimeout(120_000);
  const examplesFile = join(mkdtempSync(join(tmpdir(), 'capi-examples-')), 'counterexamples.json');
  const campaignWith = async (seed: number): Promise<ContractCampaign> => {
    const config = loadTargetConfig({});
    const target = await openTarget(config, { transport: createNodeTransport(), startEmbedded: embeddedSimulator({ fault: 'limit-counted-in-utf16' }) });
    try {
      return await runContractCampaign(target, config.profile, { ...DEFAULT_TEST_CAMPAIGN, seed, examplesFile, generatedCases: 20 }, { targetKey: 'simulator under test' });
    } finally {
      await target.close();
    }
  };
  const violations = (campaign: ContractCampaign): number => campaign.results.reduce((sum, result) => sum + result.check.violations.length, 0);
  const found = await campaignWith(1);
  expect(found.counts.replayed).toBe(0);
  expect(found.stored).toBeGreaterThan(0);

  const again = await campaignWith(1);
  expect(again.counts.replayed).toBe(0);
  expect(again.notes).toContain(`${found.stored} stored counterexamples not replayed: seed 1 generates them again`);
  expect(violations(again)).toBe(violations(found));
  expect(again.stored).toBe(found.stored);

  // Another seed does not generate them: they are replayed first.
  const other = await campaignWith(2);
  expect(other.counts.replayed).toBe(found.stored);
});

test('a token endpoint refusing the client names the variables to check; other refusals do not', () => {
  const refused = (status: number, code: string): TokenError => new TokenError(status >= 500 ? 'unavailable' : 'rejected', `Token request to http://127.0.0.1/token answered ${status} (${code})`, { status });
  expect(credentialHint(refused(401, 'invalid_client'))).toBe('; check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET');
  expect(credentialHint(refused(400, 'invalid_client'))).toBe('; check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET');
  expect(credentialHint(refused(400, 'invalid_scope'))).toBe('');
  expect(credentialHint(refused(503, 'temporarily_unavailable'))).toBe('');
  expect(credentialHint(new Error('ECONNREFUSED'))).toBe('');
});

test('masking never splits a character: astral text keeps its first character whole and its length in code points', () => {
  const fraktur = '\u{1D504}\u{1D505}\u{1D506}'; // 𝔄𝔅𝔆: three characters, six UTF-16 units
  const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}'; // one emoji of five code points
  expect(maskPii({ lastName: fraktur, companyName: `${family}AS`, postalCode: '0179', entrance: 'e\u0301' })).toEqual({
    lastName: '\u{1D504}**',
    companyName: `${family}**`,
    postalCode: '0***',
    entrance: '**',
  });
  const item: ContractCase = {
    title: 'lastName: astral text accepted',
    request: { body: { lastName: fraktur, streetAddress: 'Grubbegata', postalCode: '0179' }, auth: 'valid' },
    expectation: { kind: 'accepted', rule: 'valid-search-accepted' } as unknown as ContractCase['expectation'],
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/lastName',
  };
  const curl = curlLine('http://127.0.0.1:1/capi', item, item.request, false);
  expect(curl).toContain('"lastName":"\u{1D504}**"');
  // No lone surrogate, raw or escaped, anywhere in the line.
  expect(curl).not.toMatch(/\\ud[89a-f][0-9a-f]{2}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/i);
});

test('the summary table: a row per broken rule with its cases, first case and Rerun line, then the causes outside the contract and the drift', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-gate-summary-'));
  const violation = (title: string): object => ({ case: title, contractPath: '#/x', expected: 'e', received: 'r', rerun: `CONTRACT_SEED=1 npm run contract -- --grep ${title}` });
  writeFileSync(
    join(dir, 'contract-summary.json'),
    JSON.stringify({
      'result-cap': { violations: [violation('first'), violation('second')], notJudged: [{ case: 'a', reason: 'rate-limited' }], expiredDeviations: [] },
      'error-body': { violations: [], notJudged: [{ case: 'b', reason: 'rate-limited' }, { case: 'c', reason: 'deadline' }], expiredDeviations: [] },
      'response-schema': { violations: [], notJudged: [], expiredDeviations: ['numeric-postal-code'] },
    }),
  );
  writeFileSync(join(dir, 'behaviour-drift.json'), JSON.stringify({ failing: 1 }));
  expect(gateSummaryLines(dir, 1)).toEqual([
    '',
    'Contract gate summary',
    '  rule             cases  first case',
    '  result-cap           2  first',
    '                          Rerun: CONTRACT_SEED=1 npm run contract -- --grep first',
    '  response-schema      0  expired deviation numeric-postal-code',
    '  not judged: rate-limited: 2 cases (a cause outside the contract)',
    '  not judged: deadline: 1 case (a cause outside the contract)',
    `  behaviour drift: 1 difference fails the gate (${join(dir, 'behaviour-drift.json')})`,
    `Exit 1: a contract rule is broken. Full detail: ${join(dir, 'junit.xml')}, ${join(dir, 'html')}, ${join(dir, 'contract-summary.json')}`,
  ]);
  // Bad configuration and the preflight have said their one line already.
  expect(gateSummaryLines(dir, 2)).toEqual([]);
  expect(gateSummaryLines(dir, 3)).toEqual([]);
  expect(gateSummaryLines(dir, 130)).toEqual([]);
});
