import { expect, test } from '@playwright/test';
import { chromium } from '@playwright/test';
import { startTestMonitor } from './fixtures/monitor-harness';
import { findBinary } from '../harness/find-binary';
import { requireBinary } from './fixtures/system-binary';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availabilitySlo } from '../monitor/slo/availability-slo';
import { startSimulator } from '../simulator/provider-simulator';
import { simulatorTargetEnvironment } from '../harness/simulator-target-environment';

/*
 * The recent-probes page in a real headless Chromium: Debian's package, or Playwright's own
 * browser where one is installed. The browser is needed before the test body runs (the `page`
 * fixture launches it), so the check is made at file level.
 */
const browser = findBinary('/usr/bin/chromium') ?? findBinary(chromium.executablePath());
test.beforeAll(() => {
  requireBinary('chromium', 'chromium', browser);
});

test.use({
  browserName: 'chromium',
  launchOptions: {
    ...(browser ? { executablePath: browser } : {}),
    // Without these, Chromium tries to reach Google's services from a machine that has no network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
});

test('a forced failure shows on the operator page: heartbeat, uptime, latency, last violation, recent probes', async ({ page }, testInfo) => {
  const { monitor } = await startTestMonitor();
  try {
    await monitor.runOnce();
    monitor.target.simulator?.setFault('six-customers');
    await monitor.runOnce();

    await page.goto(monitor.url);
    await expect(page.getByRole('heading', { name: 'Customer search monitor' })).toBeVisible();
    await expect(page.locator('meta[http-equiv="refresh"]')).toHaveAttribute('content', '30');

    const broad = page.locator('#summary tr[data-probe="broad-search"]');
    await expect(broad.locator('.outcome')).toHaveText('contract_violation');
    // Oldest mark on the left: one correct run, then the failure.
    await expect(broad.locator('.beats i')).toHaveCount(2);
    await expect(broad.locator('.beats i').nth(0)).toHaveClass('ok');
    await expect(broad.locator('.beats i').nth(1)).toHaveClass('bad');
    await expect(broad.locator('.uptime')).toHaveText('50.0 %');
    await expect(broad.locator('.p50')).toHaveText(/^\d+ ms$/);
    await expect(broad.locator('.p95')).toHaveText(/^\d+ ms$/);
    await expect(broad.locator('.violation')).toContainText('result-cap: expected /customers must NOT have more than 5 items, received 6 customers');
    const phone = page.locator('#summary tr[data-probe="phone-search"]');
    await expect(phone.locator('.outcome')).toHaveText('success');
    await expect(phone.locator('.uptime')).toHaveText('100.0 %');
    await expect(phone.locator('.violation')).toHaveText('—');

    const failed = page.locator('#probes tr[data-probe="broad-search"][data-outcome="contract_violation"]');
    await expect(failed).toHaveCount(1);
    await expect(failed.locator('td.rules')).toHaveText('result-cap');
    // Newest first: the failure sits above the earlier success of the same probe.
    const outcomes = await page.locator('#probes tr[data-probe="broad-search"] td.outcome').allTextContents();
    expect(outcomes).toEqual(['contract_violation', 'success']);
    await expect(page.locator('body')).not.toContainText('Nordmann');
    await testInfo.attach('operator page with a forced failure', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  } finally {
    await monitor.stop();
  }
});

test('the operator page shows the error budget and burn rate, and a maintenance window in force', async ({ page }, testInfo) => {
  const file = join(mkdtempSync(join(tmpdir(), 'capi-page-maintenance-')), 'windows.json');
  writeFileSync(file, JSON.stringify([{ start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z', reason: 'Provider database upgrade' }]));
  let clock = new Date('2026-12-01T21:50:00Z');
  const { monitor } = await startTestMonitor({ MONITOR_MAINTENANCE: file }, { now: () => clock });
  try {
    // One correct run, one outage before the window (bad runs), one outage inside it (not counted).
    await monitor.runOnce();
    clock = new Date('2026-12-01T21:55:00Z');
    monitor.target.simulator?.setOutage('server-error');
    const outage = await monitor.runOnce();
    clock = new Date('2026-12-01T22:00:00Z');
    const inWindow = await monitor.runOnce();

    await page.goto(monitor.url);
    await expect(page.locator('#maintenance')).toContainText('maintenance until 2026-12-01T23:00:00.000Z: Provider database upgrade.');
    const slo = page.locator('#slo');
    const bad = outage.filter((record) => availabilitySlo.badOutcomes.includes(record.outcome)).length;
    const counted = outage.length * 2;
    expect(bad).toBeGreaterThan(0);
    await expect(slo).toContainText(`Availability SLO 99.9 % over ${availabilitySlo.periodDays} days`);
    await expect(slo).toContainText(`(10 min, ${counted} counted, ${bad} bad, ${inWindow.length} in maintenance and not counted)`);
    // Burn rate: the bad share of counted runs over the budget rate; budget left: 10 minutes of that burn out of the period.
    const burn = bad / counted / (1 - availabilitySlo.objective);
    await expect(slo.locator('.burn')).toHaveText(`${burn.toFixed(1)}×`);
    const left = Math.max(0, 1 - (burn * 10) / (availabilitySlo.periodDays * 24 * 60));
    await expect(slo.locator('.budget')).toHaveText(`${(left * 100).toFixed(1)} %`);
    await expect(slo).toHaveClass('bad');
    await expect(page.locator('#probes tr[data-maintenance="true"]')).toHaveCount(inWindow.length);
    await testInfo.attach('operator page: error budget and a maintenance window', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  } finally {
    await monitor.stop();
  }
});

test('at a glance: the headline counts the failing probes worst first, they come first, contract and SLO side by side, target, fault mode and build shown', async ({ page }, testInfo) => {
  const { monitor } = await startTestMonitor({ CONTRACT_SIMULATOR_FAULT: 'six-customers', MONITOR_RUNBOOK_URL: 'https://runbooks.example/capi/docs/runbook.md' });
  try {
    const records = await monitor.runOnce();
    const failing = records.filter((record) => record.outcome !== 'success' && record.outcome !== 'degraded');
    expect(failing.map((record) => record.probe)).toContain('broad-search');
    await page.goto(monitor.url);
    const headline = page.locator('#headline');
    await expect(headline).toHaveClass('bad');
    await expect(headline).toContainText(`${failing.length} of ${records.length} probes failing: ${failing.length} contract_violation`);
    await expect(headline.locator('a.runbook')).toHaveAttribute('href', 'https://runbooks.example/capi/docs/runbook.md#customersearchprobefailing');
    // The failing probes are the first rows, whatever their names.
    const rows = await page.locator('#summary tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-probe')));
    expect(new Set(rows.slice(0, failing.length))).toEqual(new Set(failing.map((record) => record.probe)));
    const contract = page.locator('#glance #contract');
    await expect(contract).toHaveClass('bad');
    await expect(contract).toContainText('result-cap: broad-search');
    await expect(page.locator('#glance #slo')).toBeVisible();
    // Side by side: the contract box and the SLO box share a row.
    const [contractBox, sloBox] = [await contract.boundingBox(), await page.locator('#glance #slo').boundingBox()];
    expect(contractBox && sloBox && Math.abs(contractBox.y - sloBox.y) < 2 && contractBox.x < sloBox.x).toBe(true);
    await expect(page.locator('#context .fault')).toHaveText('six-customers');
    await expect(page.locator('#context')).toContainText('embedded simulator (http://127.0.0.1:');
    await expect(page.locator('#context .build')).toContainText(`Node.js ${process.version}`);
    await testInfo.attach('operator page at a glance', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  } finally {
    await monitor.stop();
  }
});

test('refused credentials: one error line naming the variables, every probe auth_error, a banner on the page, and the probing goes on', async ({ page }) => {
  const simulator = await startSimulator({ rateLimit: false });
  const { monitor, logs } = await startTestMonitor({ ...simulatorTargetEnvironment(simulator), CONNECTID_CLIENT_SECRET: 'not-the-secret', MONITOR_ROTATION_RUNS: '0' });
  try {
    const first = await monitor.runOnce();
    await monitor.runOnce();
    expect(first.filter((record) => record.probe !== 'no-token-refused').map((record) => record.outcome)).toEqual(first.filter((record) => record.probe !== 'no-token-refused').map(() => 'auth_error'));
    const errors = logs.filter((entry) => entry.level === 'error');
    expect(errors.map((entry) => entry.msg)).toEqual(['credentials refused by the token endpoint: check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET; probing goes on, every probe reports auth_error']);
    await page.goto(monitor.url);
    await expect(page.locator('#credentials')).toContainText('Credentials refused by the token endpoint: check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET.');
    // Every probe but the one sent without a token, which the refused credentials do not touch.
    await expect(page.locator('#headline')).toContainText(`${first.length - 1} of ${first.length} probes failing: ${first.length - 1} auth_error`);
    await expect(page.locator('body')).not.toContainText('not-the-secret');
  } finally {
    await monitor.stop();
    await simulator.close();
  }
});
