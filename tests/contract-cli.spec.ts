import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleNames } from '../contracts/contract-rules';
import { startSimulator } from '../simulator/provider-simulator';
import { readReportTexts, runContractCli } from './fixtures/run-contract-cli';
import { simulatorTargetEnvironment } from '../harness/simulator-target-environment';

// Each test starts Playwright at least once: on a busy machine that alone takes tens of seconds.
test.describe.configure({ timeout: 120_000 });

/*
 * `npm run contract` end to end, as a user runs it: exit codes, the rule named in the output and the
 * JUnit file, and reports free of secrets, tokens and unmasked customer data.
 */

test('against the correct embedded simulator the contract run exits 0', async () => {
  const run = await runContractCli({});
  expect(run.stderr).toBe('');
  // One test per rule, "every case judged" and "behaviour baseline".
  expect(run.stdout).toContain(`${ruleNames.length + 2} passed`);
  expect(run.code).toBe(0);
});

test('against a provider returning 6 customers it exits 1 and names the rule, in the output and the JUnit file', async () => {
  const run = await runContractCli({ CONTRACT_SIMULATOR_FAULT: 'six-customers', CONTRACT_GENERATED_CASES: '10' });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Rule result-cap broken at #/components/schemas/SearchCustomerResponse/properties/customers/maxItems');
  // The Rerun line carries every variable that shaped the run, and reproduces the failure as printed.
  const seed = /Contract campaign: seed (\d+)/.exec(run.stdout)?.[1];
  const rerun = rerunOf(run.stdout, 'result-cap');
  // The first broken case may be a generated one, which the line replays by its path (seed-dependent).
  expect(rerun.line).toMatch(new RegExp(`CONTRACT_SEED=${seed} (CONTRACT_REPLAY=\\S+ )?CONTRACT_SIMULATOR_FAULT=six-customers CONTRACT_GENERATED_CASES=10 CONTRACT_EXAMPLES=off npm run contract -- --grep result-cap`));
  const again = await runContractCli(rerun.env, rerun.args);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain(`Contract campaign: seed ${seed}`);
  expect(again.stdout).toContain('Received: 6 customers');
  expect(run.stdout).toContain('Expected: /customers must NOT have more than 5 items');
  expect(run.stdout).toContain('Received: 6 customers');
  const summary = JSON.parse(readFileSync(join(run.reportDir, 'contract-summary.json'), 'utf8')) as Record<string, { checked: number; violations: { case: string; received: string }[] }>;
  expect(Object.keys(summary)).toEqual(ruleNames);
  expect(summary['result-cap']?.violations.length).toBeGreaterThan(0);
  expect(summary['result-cap']?.violations[0]?.received).toBe('6 customers');
  expect(summary['response-schema']?.violations).toEqual([]);
  expect(summary['response-schema']?.checked).toBeGreaterThan(0);
  const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
  // Soft assertions reach JUnit as <error>, carrying the rule and contract path in the message.
  expect(junit).toMatch(
    /<testcase name="result-cap"[^>]*>(?:(?!<\/testcase>)[\s\S])*<error message="Rule result-cap broken at #\/components\/schemas\/SearchCustomerResponse\/properties\/customers\/maxItems"/,
  );
});

test('bad configuration stops the run at once with one line naming the variable, and a JUnit file naming it in place of the last run\'s', async () => {
  // What an earlier run left: it must not pass for this run's results.
  const reportDir = mkdtempSync(join(tmpdir(), 'capi-contract-report-'));
  writeFileSync(join(reportDir, 'junit.xml'), '<testsuites name="an earlier run"/>');
  mkdirSync(join(reportDir, 'har'));
  writeFileSync(join(reportDir, 'har', 'earlier.har'), '{}');
  const run = await runContractCli({ CAPI_BASE_URL: 'api.mediaconnect.no/capi', CONNECTID_CLIENT_SECRET: 'x', CONTRACT_REPORT_DIR: reportDir });
  expect(run.code).toBe(2);
  const message =
    'Invalid configuration: CAPI_BASE_URL: is not a URL (expected e.g. https://api-test.mediaconnect.no/capi); ' + 'CONNECTID_CLIENT_ID: is required with CAPI_BASE_URL';
  expect(run.stderr.trim().split('\n')).toEqual([message]);
  // The gate's first line, printed before Playwright starts, and nothing after it.
  expect(run.stdout).toMatch(/^Contract gate: seed \d+ \(CONTRACT_SEED=\d+ repeats it\); reports go to \S+\/; Playwright is starting, the campaign's plan and progress follow\n$/);
  expect(readdirSync(reportDir)).toEqual(['junit.xml']);
  const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
  expect(junit).toContain('<testsuite name="contract gate" tests="1" failures="1" errors="0" skipped="0">');
  expect(junit).toContain(`<testcase name="configuration" classname="contract gate">\n      <failure message="${message}" type="configuration">`);
});

test('reports carry no client secret, no access token and no unmasked customer data', async () => {
  const secret = 'sUp3r-s3cret-9d1f0c';
  // An external target (the simulator on loopback, reached like a real environment) that breaks the
  // response schema, so failing cases attach their exchanges to the report.
  const simulator = await startSimulator({ clientSecret: secret, fault: 'postal-code-as-number' });
  try {
    const expired = simulator.expiredToken();
    const run = await runContractCli({
      CAPI_BASE_URL: simulator.baseUrl,
      CONNECTID_TOKEN_URL: simulator.tokenUrl,
      CONNECTID_CLIENT_ID: simulator.clientId,
      CONNECTID_CLIENT_SECRET: secret,
      CONTRACT_FAULT_INJECTION: 'prefer',
      CONTRACT_EXPIRED_TOKEN: expired,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Rule response-schema broken at #/components/schemas/Customer/properties/postalCode/type');
    const texts = [...readReportTexts(run.reportDir), { path: 'stdout', text: run.stdout }, { path: 'stderr', text: run.stderr }];
    const attachments = texts.filter((file) => file.path.includes('#attachment-'));
    expect(attachments.length).toBeGreaterThan(0);
    const tokens = simulator.issuedTokens();
    expect(tokens.length).toBeGreaterThan(1);
    for (const { path, text } of texts) {
      expect(text.includes(secret), `client secret in ${path}`).toBe(false);
      for (const token of tokens) expect(text.includes(token), `access token in ${path}`).toBe(false);
      expect(text.includes('Nordmann'), `unmasked customer name in ${path}`).toBe(false);
    }
    expect(attachments.some((file) => file.text.includes('"N*******"'))).toBe(true);
  } finally {
    await simulator.close();
  }
});

test('CONTRACT_SHOW_PII=1 shows customer data in attachments, and still no token', async () => {
  const simulator = await startSimulator({ fault: 'postal-code-as-number' });
  try {
    const run = await runContractCli({
      ...simulatorTargetEnvironment(simulator),
      CONTRACT_SHOW_PII: '1',
    });
    expect(run.code).toBe(1);
    const attachments = readReportTexts(run.reportDir).filter((file) => file.path.includes('#attachment-'));
    expect(attachments.some((file) => file.text.includes('"Nordmann"'))).toBe(true);
    for (const token of simulator.issuedTokens()) {
      expect(attachments.some((file) => file.text.includes(token))).toBe(false);
    }
    expect(run.stdout).toContain('forced-error-status');
  } finally {
    await simulator.close();
  }
});

test('a counterexample found by generation is shrunk, replays alone from its printed command, and is kept for the next run', async () => {
  // Several whole runs of the gate, each paced at 90 calls/s.
  test.setTimeout(240_000);
  const store = join(mkdtempSync(join(tmpdir(), 'capi-examples-')), 'counterexamples.json');
  // Limits counted in UTF-16 units: generated text beyond the BMP breaks them, and is shrunk (the coverage phase's astral class fails too, unshrunk).
  const fault = { CONTRACT_SIMULATOR_FAULT: 'limit-counted-in-utf16', CONTRACT_EXAMPLES: store };
  const found = await runContractCli({ ...fault, CONTRACT_SEED: '1' });
  expect(found.code).toBe(1);
  expect(found.stdout).toContain('Contract campaign: seed 1 (CONTRACT_SEED=1 repeats it)');
  expect(found.stdout).toMatch(/Shrunk to: generated valid [\d:]+: /);
  expect(found.stdout).toMatch(/curl: curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/capi\/v1\/client\/customer\/search' -H "Authorization: Bearer \$TOKEN"/);
  const rerun = rerunOf(found.stdout, 'valid-search-accepted', { replay: true });
  expect(rerun.line).toMatch(new RegExp(`^CONTRACT_SEED=1 CONTRACT_REPLAY=valid:[\\d:]+ CONTRACT_SIMULATOR_FAULT=limit-counted-in-utf16 CONTRACT_EXAMPLES=${store} npm run contract -- --grep valid-search-accepted$`));
  const shrunkTitle = /Shrunk to: (.*)/.exec(found.stdout)?.[1];

  // The printed command, as a user would paste it: exactly that case, alone, still failing.
  const replayed = await runContractCli(rerun.env, rerun.args);
  expect(replayed.code).toBe(1);
  expect(replayed.stdout).toContain('0 fixed, 1 generated, 0 replayed cases');
  expect(replayed.stdout).toContain(`Case: ${shrunkTitle}`);

  // The store holds the shrunk case; a run that generates nothing replays it first and fails on it.
  const kept = JSON.parse(readFileSync(store, 'utf8')) as { counterexamples: { rule: string; case: { title: string } }[] };
  expect(kept.counterexamples.map((example) => example.case.title)).toContain(shrunkTitle);
  const fromStore = await runContractCli({ ...fault, CONTRACT_GENERATED_CASES: '0' });
  expect(fromStore.code).toBe(1);
  expect(fromStore.stdout).toContain(`Case: replayed: ${shrunkTitle}`);

  // Another target (the correct simulator) is not sent them, and they stay in the store for theirs.
  const otherTarget = await runContractCli({ CONTRACT_EXAMPLES: store, CONTRACT_GENERATED_CASES: '0' });
  expect(otherTarget.code).toBe(0);
  expect(otherTarget.stdout).toMatch(/0 generated, 0 replayed cases/);
  const after = JSON.parse(readFileSync(store, 'utf8')) as { counterexamples: { target: string; case: { title: string } }[] };
  expect(after.counterexamples.map((example) => example.case.title)).toContain(shrunkTitle);
  expect(new Set(after.counterexamples.map((example) => example.target))).toEqual(new Set(['simulator (CONTRACT_SIMULATOR_FAULT=limit-counted-in-utf16)']));
});

test('counterexamples are kept per target: a target that passes them again is emptied of them, another keeps its own', async () => {
  test.setTimeout(240_000);
  const store = join(mkdtempSync(join(tmpdir(), 'capi-examples-')), 'counterexamples.json');
  // One loopback provider reached like a real environment, broken and then mended under the same base URL.
  const simulator = await startSimulator({ fault: 'limit-counted-in-utf16' });
  try {
    const env = {
      ...simulatorTargetEnvironment(simulator),
      CONTRACT_EXAMPLES: store,
      CONTRACT_SEED: '1',
    };
    expect((await runContractCli(env)).code).toBe(1);
    const broken = await runContractCli({ CONTRACT_SIMULATOR_FAULT: 'limit-counted-in-utf16', CONTRACT_EXAMPLES: store, CONTRACT_SEED: '1' });
    expect(broken.code).toBe(1);
    const targets = (): string[] => (JSON.parse(readFileSync(store, 'utf8')) as { counterexamples: { target: string }[] }).counterexamples.map((example) => example.target);
    expect(new Set(targets())).toEqual(new Set([simulator.baseUrl, 'simulator (CONTRACT_SIMULATOR_FAULT=limit-counted-in-utf16)']));

    simulator.setFault(undefined);
    const mended = await runContractCli({ ...env, CONTRACT_GENERATED_CASES: '0' });
    expect(mended.code).toBe(0);
    expect(mended.stdout).toMatch(/0 generated, [1-9]\d* replayed cases, 0 counterexamples kept/);
    expect(new Set(targets())).toEqual(new Set(['simulator (CONTRACT_SIMULATOR_FAULT=limit-counted-in-utf16)']));
  } finally {
    await simulator.close();
  }
});

/** A printed Rerun line, read as a shell would: its variables and the arguments after `--`. */
/** The first Rerun line for `rule`; with `replay`, the first that replays a generated case. */
function rerunOf(stdout: string, rule: string, options: { replay?: boolean } = {}): { line: string; env: Record<string, string>; args: string[] } {
  const lines = [...stdout.matchAll(new RegExp(`Rerun: (.* npm run contract -- --grep ${rule})$`, 'gm'))].map((match) => match[1] as string);
  const line = lines.find((candidate) => !options.replay || candidate.includes(' CONTRACT_REPLAY='));
  expect(line, stdout).toBeDefined();
  const words = (line as string).split(' ');
  const env = Object.fromEntries(words.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]));
  return { line: line as string, env, args: words.slice(words.indexOf('--') + 1) };
}

test('an unreadable counterexample store is reported and left as it is', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'capi-examples-')), 'counterexamples.json');
  writeFileSync(store, 'not json');
  const run = await runContractCli({ CONTRACT_EXAMPLES: store, CONTRACT_GENERATED_CASES: '0' });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Note: counterexample store left untouched: ${store} is not JSON`);
  expect(readFileSync(store, 'utf8')).toBe('not json');
});

test('a bad seed or replay stops the run at once naming the variable', async () => {
  const run = await runContractCli({ CONTRACT_SEED: 'abc', CONTRACT_REPLAY: 'fuzzy:1' });
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe(
    'Invalid configuration: CONTRACT_SEED: must be a whole number from 0 to 2147483647, got "abc"; ' +
      'CONTRACT_REPLAY: must be <generator>:<path> with generator one of valid, invalid, known-customer, got "fuzzy:1"',
  );
});
