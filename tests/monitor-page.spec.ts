import { expect, test } from '@playwright/test';
import { chromium } from '@playwright/test';
import { startTestMonitor } from './fixtures/monitor-harness';
import { findBinary } from '../harness/find-binary';
import { requireBinary } from './fixtures/system-binary';

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
