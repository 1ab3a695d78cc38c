import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startAlertmanager, startWebhookReceiver, type WebhookAlert } from './fixtures/alertmanager-server';
import { ALERT_RULES, ALERTMANAGER_EXAMPLE } from './fixtures/monitoring-assets';
import { startTestMonitor } from './fixtures/monitor-harness';
import { startPrometheus } from './fixtures/prometheus-server';
import { requireBinary } from './fixtures/system-binary';

/*
 * One alert followed all the way: a simulator fault, the monitor, a real Prometheus evaluating the
 * shipped rules, a real Alertmanager routing with the shipped example, and a webhook receiver here.
 * The rules and the route keep their production durations in the repository; this test loads
 * copies with `for:` and the grouping waits shortened, produced from them.
 */
function shortened(text: string, replacements: readonly [RegExp, string][]): string {
  const result = replacements.reduce((current, [pattern, value]) => current.replace(pattern, value), text);
  if (result === text) throw new Error('nothing was shortened: the shipped file changed shape');
  return result;
}

test('a broken contract rule reaches the on-call webhook with its probe, rule, summary and runbook', async () => {
  const prometheus = requireBinary('prometheus', 'prometheus');
  const alertmanager = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'capi-alerting-'));
  const rules = join(dir, 'alert-rules.yml');
  writeFileSync(rules, shortened(readFileSync(ALERT_RULES, 'utf8'), [[/for: \d+m/g, 'for: 2s']]));

  const receiver = await startWebhookReceiver();
  const route = shortened(readFileSync(ALERTMANAGER_EXAMPLE, 'utf8'), [
    [/http:\/\/127\.0\.0\.1:5001/g, receiver.url],
    [/group_wait: \d+s/, 'group_wait: 1s'],
    [/group_interval: \d+m/, 'group_interval: 1s'],
  ]);
  const manager = await startAlertmanager(alertmanager, route);
  const { monitor } = await startTestMonitor(
    { MONITOR_SCHEDULE: '* * * * * *', MONITOR_TIMEOUT_MS: '800', MONITOR_DEGRADED_MS: '400' },
    { schedule: true, runAtStart: true, startEmbedded: embeddedSimulator({ fault: 'six-customers' }) },
  );
  const server = await startPrometheus({
    binary: prometheus,
    targets: [{ address: new URL(monitor.url).host, labels: { location: 'oslo' } }],
    job: 'customer-search-monitor',
    ruleFiles: [rules],
    alertmanager: manager.address,
  });
  const delivered = (path: string, alertname: string): WebhookAlert | undefined =>
    receiver.received
      .filter((delivery) => delivery.path === path)
      .flatMap((delivery) => delivery.alerts)
      .find((alert) => alert.status === 'firing' && alert.labels.alertname === alertname && alert.labels.probe === 'broad-search');
  try {
    await expect.poll(() => delivered('/channel', 'CustomerSearchContractViolation'), { timeout: 60_000, intervals: [500] }).toBeDefined();
    const violation = delivered('/channel', 'CustomerSearchContractViolation');
    expect(violation?.labels).toMatchObject({ probe: 'broad-search', rule: 'result-cap', severity: 'warning' });
    expect(violation?.annotations).toEqual({
      summary: 'Probe broad-search broke contract rule result-cap',
      description:
        "The rule result-cap is the contract suite test of the same name: run npm run contract against the environment to see every broken case with Expected and Received; the monitor's / page shows the last violation.",
      runbook_url: 'README.md#customersearchcontractviolation',
    });

    // One location is its own quorum: the failing probe pages, on the pager route.
    await expect.poll(() => delivered('/pager', 'CustomerSearchProbeFailing'), { timeout: 60_000, intervals: [500] }).toBeDefined();
    const page = delivered('/pager', 'CustomerSearchProbeFailing');
    expect(page?.labels).toMatchObject({ probe: 'broad-search', severity: 'critical' });
    expect(page?.annotations.summary).toBe('Customer search probe broad-search has failed for 5 minutes from 1 locations');
    expect(page?.annotations.runbook_url).toBe('README.md#customersearchprobefailing');
  } finally {
    await server.stop();
    await monitor.stop();
    await manager.stop();
    await receiver.close();
  }
});
