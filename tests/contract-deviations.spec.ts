import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeviationConfig, type AcceptedDeviation } from '../gate/accepted-deviations';
import { configErrorMessage } from './fixtures/config-error-message';
import { sampleValue, startTestMonitor } from './fixtures/monitor-harness';
import { runContractCli } from './fixtures/run-contract-cli';

/*
 * Known deviations: a provider breaks a documented rule in a way the team cannot change. An entry
 * with a reason and an expiry date keeps the gate on: its violations are reported as accepted, an
 * expired entry fails the gate, an unused one is listed (and fails only when asked to).
 */
const numericPostalCode = (expires: string): AcceptedDeviation => ({
  id: 'numeric-postal-code',
  rule: 'response-schema',
  match: 'Customer/properties/postalCode/type',
  reason: 'The provider stores postal codes as numbers; a fix is planned',
  acceptedBy: 'integration team',
  expires,
});

function deviationsFile(deviations: readonly AcceptedDeviation[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'capi-deviations-')), 'accepted-deviations.json');
  writeFileSync(file, JSON.stringify({ deviations }));
  return file;
}

type Summary = Record<string, { violations: unknown[]; accepted: { deviation: string; contractPath: string }[]; expiredDeviations: string[]; unusedDeviations: string[] }>;
const summaryOf = (reportDir: string): Summary => JSON.parse(readFileSync(join(reportDir, 'contract-summary.json'), 'utf8')) as Summary;

test('a violation an entry accepts is reported as accepted, in the output, JUnit and the summary, and does not fail the gate', async () => {
  const run = await runContractCli({ CONTRACT_SIMULATOR_FAULT: 'postal-code-as-number', CONTRACT_DEVIATIONS: deviationsFile([numericPostalCode('2099-12-31')]) });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Accepted deviation numeric-postal-code: response-schema broken in \d+ cases, not failing \(The provider stores postal codes as numbers; a fix is planned; integration team, until 2099-12-31\)$/m);
  const summary = summaryOf(run.reportDir);
  expect(summary['response-schema']?.violations).toEqual([]);
  expect(summary['response-schema']?.accepted.length).toBeGreaterThan(0);
  expect(summary['response-schema']?.accepted[0]).toMatchObject({ deviation: 'numeric-postal-code', contractPath: '#/components/schemas/Customer/properties/postalCode/type' });
  const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
  expect(junit).toMatch(/<testcase name="response-schema"[\s\S]*?<property name="accepted deviation" value="numeric-postal-code: /);
});

test('an expired entry accepts nothing and fails the gate with a message naming it', async () => {
  const run = await runContractCli({ CONTRACT_SIMULATOR_FAULT: 'postal-code-as-number', CONTRACT_DEVIATIONS: deviationsFile([numericPostalCode('2020-01-31')]) });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Expired deviation numeric-postal-code: response-schema, expired 2020-01-31; it accepts nothing until renewed or removed');
  expect(run.stdout).toContain('Accepted deviation numeric-postal-code for response-schema expired on 2020-01-31: renew it with a new date or remove it');
  expect(run.stdout).toContain('Rule response-schema broken at #/components/schemas/Customer/properties/postalCode/type');
  expect(summaryOf(run.reportDir)['response-schema']?.expiredDeviations).toEqual(['numeric-postal-code']);
});

test('an entry that matched nothing is listed as unused everywhere, and fails only with CONTRACT_DEVIATIONS_STRICT=1', async () => {
  // Two whole runs of the gate, each paced at 90 calls/s.
  test.setTimeout(60_000);
  const file = deviationsFile([numericPostalCode('2099-12-31')]);
  const relaxed = await runContractCli({ CONTRACT_DEVIATIONS: file });
  expect(relaxed.code).toBe(0);
  expect(relaxed.stdout).toContain('Unused deviation numeric-postal-code: response-schema matched nothing in this run');
  expect(summaryOf(relaxed.reportDir)['response-schema']?.unusedDeviations).toEqual(['numeric-postal-code']);
  expect(readFileSync(join(relaxed.reportDir, 'junit.xml'), 'utf8')).toContain('<property name="unused deviation" value="numeric-postal-code matched nothing in this run">');

  const strict = await runContractCli({ CONTRACT_DEVIATIONS: file, CONTRACT_DEVIATIONS_STRICT: '1' });
  expect(strict.code).toBe(1);
  expect(strict.stdout).toContain('Accepted deviation numeric-postal-code for response-schema matched nothing (CONTRACT_DEVIATIONS_STRICT=1)');
});

test('a bad deviations file stops the run at once, naming CONTRACT_DEVIATIONS and the entry', () => {
  const file = deviationsFile([{ ...numericPostalCode('2099-13-45'), rule: 'postal-codes' as AcceptedDeviation['rule'] }, { ...numericPostalCode('2099-12-31'), id: 'no-reason', reason: '' }]);
  expect(configErrorMessage(() => loadDeviationConfig({ CONTRACT_DEVIATIONS: file }))).toBe(
    `Invalid configuration: CONTRACT_DEVIATIONS: ${file}: deviation numeric-postal-code names no rule of the contract (postal-codes); ` +
      `CONTRACT_DEVIATIONS: ${file}: deviation numeric-postal-code expires must be a date, YYYY-MM-DD; ` +
      `CONTRACT_DEVIATIONS: ${file}: deviation no-reason lacks reason`,
  );
  expect(configErrorMessage(() => loadDeviationConfig({ CONTRACT_DEVIATIONS: join(tmpdir(), 'no-such-deviations.json') }))).toContain('does not exist');
});

test('the committed default file loads and accepts nothing', () => {
  expect(loadDeviationConfig({}).deviations).toEqual([]);
});

test('the monitor counts accepted violations in a series of their own, not as failures', async () => {
  const { monitor, scrape } = await startTestMonitor({ CONTRACT_DEVIATIONS: deviationsFile([numericPostalCode('2099-12-31')]), MONITOR_ROTATION_RUNS: '0' });
  try {
    monitor.target.simulator?.setFault('postal-code-as-number');
    const records = await monitor.runOnce();
    expect(records.find((record) => record.probe === 'phone-search')?.outcome).toBe('success');
    const text = await scrape();
    expect(sampleValue(text, 'customer_search_accepted_deviations_total{rule="response-schema"}')).toBeGreaterThan(0);
    expect(sampleValue(text, 'customer_search_contract_violations_total{probe="phone-search",rule="response-schema"}')).toBe(0);
  } finally {
    await monitor.stop();
  }
});
