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

test('a forced failure shows on the recent-probes page with its outcome and rule', async ({ page }) => {
  const { monitor } = await startTestMonitor();
  try {
    await monitor.runOnce();
    monitor.target.simulator?.setFault('six-customers');
    await monitor.runOnce();

    await page.goto(monitor.url);
    await expect(page.getByRole('heading', { name: 'Customer search monitor' })).toBeVisible();
    const failed = page.locator('tr[data-probe="broad-search"][data-outcome="contract_violation"]');
    await expect(failed).toHaveCount(1);
    await expect(failed.locator('td.rules')).toHaveText('result-cap');
    await expect(failed).toContainText('result-cap: expected /customers must NOT have more than 5 items, received 6 customers');
    // Newest first: the failure sits above the earlier success of the same probe.
    const outcomes = await page.locator('tr[data-probe="broad-search"] td.outcome').allTextContents();
    expect(outcomes).toEqual(['contract_violation', 'success']);
    await expect(page.locator('#latest li[data-probe="broad-search"] .outcome')).toHaveText('contract_violation');
    await expect(page.locator('#latest li[data-probe="phone-search"] .outcome')).toHaveText('success');
    await expect(page.locator('body')).not.toContainText('Nordmann');
  } finally {
    await monitor.stop();
  }
});
