import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleNames, tooLargeForAnySearch } from '../contracts/contract-rules';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { freePort } from '../harness/free-port';
import { startSimulator } from '../simulator/provider-simulator';
import { startProxiedProvider } from './fixtures/faulty-proxy';
import { runContractCli } from './fixtures/run-contract-cli';

/*
 * `npm run contract` against providers that are correct but strict, faulty in a way that once hung
 * the gate, or not reachable at all: the run ends by itself, and a cause outside the contract (rate
 * limit, deadline, network) is reported as itself, never under a contract rule.
 */

type Summary = Record<string, { checked: number; violations: unknown[]; notJudged: { case: string; reason: string; detail: string }[] }>;
const summaryOf = (dir: string): Summary => JSON.parse(readFileSync(join(dir, 'contract-summary.json'), 'utf8')) as Summary;

test('a correct provider with a hard 15 calls/s limit and bare 429s passes the gate', async () => {
  test.setTimeout(180_000);
  const provider = await startProxiedProvider({ searchesPerSecond: 15 });
  try {
    const run = await runContractCli({ ...provider.env, CONTRACT_SEED: '1' });
    // Every rule but forced-error-status (skipped: no fault injection), "every case judged" and "behaviour baseline".
    expect(run.stdout, run.stderr).toContain(`${ruleNames.length + 1} passed`);
    expect(run.stdout).not.toContain('Not judged');
    expect(run.code).toBe(0);
    // The limit was reached and answered bare: the pacer learnt it rather than the limit never biting.
    expect(provider.proxy.refused[429]).toBeGreaterThan(0);
  } finally {
    await provider.close();
  }
});

test('a case answered only 429 is not judged: rate-limited, a line of its own, and the run fails under no rule', async () => {
  test.setTimeout(180_000);
  // A bare 429 every time to any value past 35 characters, and a second to wait each one out.
  const provider = await startProxiedProvider({ rateLimitPastLength: 35 });
  try {
    const run = await runContractCli({ ...provider.env, CONTRACT_RATE_LIMIT_WAIT_S: '1', CONTRACT_GENERATED_CASES: '0' });
    // Not judged, no rule broken: the gate's own exit code for causes outside the contract.
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^Not judged: rate-limited: companyName: 41 characters \(maxLength 40 \+ 1\) refused \(field-max-length\): only 429 \(\d+ attempts, within the time the client may wait out 429s\)$/m);
    expect(run.stdout).not.toContain('Not judged: deadline');
    expect(run.stdout).not.toMatch(/Rule [a-z-]+ broken/);
    expect(run.stdout).toContain('1 failed');
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="every case judged"[^>]*>(?:(?!<\/testcase>)[\s\S])*<(?:failure|error) message="Not judged: rate-limited: /);
    const summary = summaryOf(run.reportDir);
    expect(summary['field-max-length']?.notJudged).toContainEqual({
      case: 'companyName: 41 characters (maxLength 40 + 1) refused',
      reason: 'rate-limited',
      detail: expect.stringMatching(/^only 429 \(\d+ attempts/) as unknown as string,
    });
    expect(Object.values(summary).flatMap((rule) => rule.violations)).toEqual([]);
  } finally {
    await provider.close();
  }
});

test('past CONTRACT_DEADLINE_S the run reports what it judged and fails naming the deadline, under no rule', async () => {
  test.setTimeout(180_000);
  // Values past 35 characters are never answered, and one request may wait 120 s: only the deadline ends them.
  const provider = await startProxiedProvider({ holdPastLength: 35 });
  try {
    const run = await runContractCli({ ...provider.env, CONTRACT_TIMEOUT_MS: '120000', CONTRACT_DEADLINE_S: '10' });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^Not judged: deadline: CONTRACT_DEADLINE_S=10 reached with \d+ of \d+ cases not judged; raise it or lower CONTRACT_GENERATED_CASES$/m);
    expect(run.stdout).not.toMatch(/Rule [a-z-]+ broken/);
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="every case judged"[^>]*>(?:(?!<\/testcase>)[\s\S])*<(?:failure|error) message="Not judged: deadline: CONTRACT_DEADLINE_S=10 reached/);
    const summary = summaryOf(run.reportDir);
    expect(summary['field-max-length']?.notJudged).toContainEqual({ case: 'companyName: 41 characters (maxLength 40 + 1) refused', reason: 'deadline', detail: expect.any(String) as unknown as string });
    expect(Object.values(summary).flatMap((rule) => rule.violations)).toEqual([]);
  } finally {
    await provider.close();
  }
});

test('a provider answering 500 to values past 100 characters fails no-server-error, and the run ends by itself before its deadline', async () => {
  test.setTimeout(180_000);
  const provider = await startProxiedProvider({ serverErrorPastLength: 100 });
  try {
    const run = await runContractCli({ ...provider.env, CONTRACT_DEADLINE_S: '60' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Rule no-server-error broken at #/paths/~1v1~1client~1customer~1search/post/responses/500');
    expect(run.stdout).toContain('Received: 500 (InternalServerError)');
    // Shrinking and the campaign finished on their own: nothing was cut off by the deadline.
    expect(run.stdout).not.toContain('Not judged');
    expect(summaryOf(run.reportDir)['no-server-error']?.violations.length).toBeGreaterThan(0);
  } finally {
    await provider.close();
  }
});

test('an unreachable target or token endpoint stops the run before the campaign with one line and exit code 3', async () => {
  test.setTimeout(120_000);
  const simulator = await startSimulator({ clientSecret: 'unreachable-secret-3e1' });
  const closed = await freePort();
  try {
    const credentials = { CONNECTID_CLIENT_ID: simulator.clientId, CONNECTID_CLIENT_SECRET: 'unreachable-secret-3e1' };
    const noTarget = await runContractCli({ ...credentials, CAPI_BASE_URL: `http://127.0.0.1:${closed}/capi`, CONNECTID_TOKEN_URL: simulator.tokenUrl });
    expect(noTarget.stderr.trim().split('\n')).toEqual([
      `Preflight: the target http://127.0.0.1:${closed}/capi (CAPI_BASE_URL) cannot be reached: POST http://127.0.0.1:${closed}/capi/v1/client/customer/search: ECONNREFUSED`,
    ]);
    expect(noTarget.stdout).not.toContain('Rule ');
    expect(noTarget.code).toBe(3);

    const noToken = await runContractCli({ ...credentials, CAPI_BASE_URL: simulator.baseUrl, CONNECTID_TOKEN_URL: `http://127.0.0.1:${closed}/user/oauth/token` });
    expect(noToken.stderr.trim().split('\n')).toEqual([
      `Preflight: the token endpoint http://127.0.0.1:${closed}/user/oauth/token (CONNECTID_TOKEN_URL) gave no token: POST http://127.0.0.1:${closed}/user/oauth/token: ECONNREFUSED`,
    ]);
    expect(noToken.code).toBe(3);

    const refused = await runContractCli({ ...credentials, CONNECTID_CLIENT_SECRET: 'wrong-secret-77', CAPI_BASE_URL: simulator.baseUrl, CONNECTID_TOKEN_URL: simulator.tokenUrl });
    expect(refused.stderr.trim()).toBe(`Preflight: the token endpoint ${simulator.tokenUrl} (CONNECTID_TOKEN_URL) gave no token: Token request to ${simulator.tokenUrl} answered 401 (invalid_client); check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET`);
    expect(refused.code).toBe(3);
    // CI shows the cause, not an empty or an earlier run's report.
    expect(readFileSync(join(refused.reportDir, 'junit.xml'), 'utf8')).toMatch(/<testcase name="preflight" classname="contract gate">\s*<failure message="Preflight: the token endpoint /);
    for (const run of [noTarget, noToken, refused]) expect(`${run.stdout}${run.stderr}`).not.toMatch(/unreachable-secret-3e1|wrong-secret-77/);
  } finally {
    await simulator.close();
  }
});

test('a base URL off the documented hosts without CONNECTID_TOKEN_URL is a configuration error, and no token request is sent', async () => {
  const simulator = await startSimulator();
  try {
    const run = await runContractCli({ CAPI_BASE_URL: simulator.baseUrl, CONNECTID_CLIENT_ID: simulator.clientId, CONNECTID_CLIENT_SECRET: simulator.clientSecret });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'Invalid configuration: CONNECTID_TOKEN_URL: is required when CAPI_BASE_URL is on 127.0.0.1 (a default exists only for api.mediaconnect.no and api-test.mediaconnect.no), so the client secret never goes to a login server it was not meant for',
    );
    expect(simulator.requests).toEqual([]);
  } finally {
    await simulator.close();
  }
});

test('a bad CONTRACT_DEADLINE_S stops the run at once naming it', async () => {
  const run = await runContractCli({ CONTRACT_DEADLINE_S: 'soon' });
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe('Invalid configuration: CONTRACT_DEADLINE_S: must be a whole number from 10 to 86400, got "soon"');
});

test('a provider that answers nothing leaves cases not judged (network), never broken, and closing on an oversized body is a refusal', async () => {
  const { results } = await runSimulatorCampaign({ simulator: { outage: 'hang-up' }, campaign: { generatedCases: 0 } });
  expect(results.flatMap((result) => result.check.violations)).toEqual([]);
  const unanswered = results.filter((result) => result.notJudged?.reason === 'network');
  expect(unanswered.length).toBeGreaterThan(100);
  expect(unanswered[0]?.notJudged?.detail).toMatch(/^no answer: /);
  // A body larger than any valid search may be refused by closing the connection (RFC 9110 §15.5.14).
  const oversized = results.filter((result) => result.case.expectation.kind === 'refused' && tooLargeForAnySearch(result.case.request));
  expect(oversized.length).toBeGreaterThan(0);
  for (const result of oversized) expect([result.notJudged, result.check.rulesChecked], result.case.title).toEqual([undefined, [result.case.expectation.rule]]);
});
