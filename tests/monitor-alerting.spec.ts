import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startAlertmanager, startWebhookReceiver, type AlertmanagerServer, type WebhookAlert, type WebhookReceiver } from './fixtures/alertmanager-server';
import { ALERT_RULES, ALERTMANAGER_EXAMPLE, SLO_RULES } from './fixtures/monitoring-assets';
import { startTestMonitor } from './fixtures/monitor-harness';
import { startPrometheus } from './fixtures/prometheus-server';
import { requireBinary } from './fixtures/system-binary';

/*
 * Alerts followed all the way: a simulator fault or outage, the monitor, a real Prometheus
 * evaluating the shipped rules, a real Alertmanager routing with the shipped example, and webhook
 * receivers here. The rules and the route keep their production durations in the repository; these
 * tests load copies with `for:` and the grouping waits shortened, produced from them.
 */
function shortened(text: string, replacements: readonly [RegExp | string, string][]): string {
  const result = replacements.reduce((current, [pattern, value]) => (typeof pattern === 'string' ? current.replaceAll(pattern, value) : current.replace(pattern, value)), text);
  if (result === text) throw new Error('nothing was shortened: the shipped file changed shape');
  return result;
}

/** The shipped rules: alert-rules.yml with `for:` shortened (in a copy), and the generated SLO rules. */
function ruleFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'capi-alerting-'));
  const rules = join(dir, 'alert-rules.yml');
  writeFileSync(rules, shortened(readFileSync(ALERT_RULES, 'utf8'), [[/for: \d+m/g, 'for: 2s']]));
  return [rules, resolve(SLO_RULES)];
}

/** The shipped route, its webhooks pointed at `receiver`, its waits shortened, its maintenance window replaced. */
function route(receiver: WebhookReceiver, maintenance?: string): string {
  const edited = shortened(readFileSync(ALERTMANAGER_EXAMPLE, 'utf8'), [
    [/http:\/\/127\.0\.0\.1:5001/g, receiver.url],
    [/group_wait: \d+s/, 'group_wait: 1s'],
    [/group_interval: \d+m/, 'group_interval: 1s'],
  ]);
  return maintenance === undefined ? edited : shortened(edited, [[/(  - name: vendor-maintenance\n    time_intervals:\n)(      - [\s\S]*?)\n\n/, `$1${maintenance}\n\n`]]);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Maintenance windows of whole UTC days, as Alertmanager's time_intervals entries. */
function wholeDays(...days: readonly Date[]): string {
  return days
    .map((day) => [`      - years: ['${day.getUTCFullYear()}']`, `        months: ['${MONTHS[day.getUTCMonth()]}']`, `        days_of_month: ['${day.getUTCDate()}']`].join('\n'))
    .join('\n');
}

const DAY_MS = 86_400_000;

const deliveredTo = (receiver: WebhookReceiver, path: string): WebhookAlert[] =>
  receiver.received.filter((delivery) => delivery.path === path).flatMap((delivery) => delivery.alerts);

const firing = (receiver: WebhookReceiver, path: string, alertname: string): WebhookAlert[] =>
  deliveredTo(receiver, path).filter((alert) => alert.status === 'firing' && alert.labels.alertname === alertname);

/** Alert names an Alertmanager holds, whether or not it sent them anywhere. */
async function held(manager: AlertmanagerServer): Promise<string[]> {
  const alerts = (await (await fetch(`${manager.url}/api/v2/alerts`)).json()) as { labels: Record<string, string> }[];
  return alerts.map((alert) => alert.labels.alertname ?? '');
}

test('a broken contract rule opens a ticket with its probe, rule, summary and runbook, and wakes nobody', async () => {
  const prometheus = requireBinary('prometheus', 'prometheus');
  const alertmanager = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
  test.setTimeout(90_000);
  const receiver = await startWebhookReceiver();
  const manager = await startAlertmanager(alertmanager, route(receiver));
  const { monitor } = await startTestMonitor(
    { MONITOR_SCHEDULE: '* * * * * *', MONITOR_TIMEOUT_MS: '800', MONITOR_DEGRADED_MS: '400' },
    { schedule: true, runAtStart: true, startEmbedded: embeddedSimulator({ fault: 'six-customers' }) },
  );
  const server = await startPrometheus({
    binary: prometheus,
    targets: [{ address: new URL(monitor.url).host, labels: { location: 'oslo' } }],
    job: 'customer-search-monitor',
    ruleFiles: ruleFiles(),
    alertmanager: manager.address,
  });
  const delivered = (path: string, alertname: string): WebhookAlert | undefined => firing(receiver, path, alertname).find((alert) => alert.labels.probe === 'broad-search');
  try {
    await expect.poll(() => delivered('/ticket', 'CustomerSearchContractViolation'), { timeout: 60_000, intervals: [500] }).toBeDefined();
    const violation = delivered('/ticket', 'CustomerSearchContractViolation');
    expect(violation?.labels).toMatchObject({ probe: 'broad-search', rule: 'result-cap', severity: 'ticket' });
    expect(violation?.annotations).toEqual({
      summary: 'Probe broad-search broke contract rule result-cap',
      description:
        "The rule result-cap is the contract suite test of the same name: run npm run contract against the environment to see every broken case with Expected and Received; the monitor's / page shows the last violation.",
      runbook_url: 'docs/runbook.md#customersearchcontractviolation',
    });

    // The failing probe warns in the team's channel, naming it; the API still answers, so no page.
    await expect.poll(() => delivered('/channel', 'CustomerSearchProbeFailing'), { timeout: 60_000, intervals: [500] }).toBeDefined();
    const warning = delivered('/channel', 'CustomerSearchProbeFailing');
    expect(warning?.labels).toMatchObject({ probe: 'broad-search', severity: 'warning' });
    expect(warning?.annotations.summary).toBe('Customer search probe broad-search has failed for 5 minutes from 1 locations');
    expect(warning?.annotations.runbook_url).toBe('docs/runbook.md#customersearchprobefailing');
    // (A monitor-health page, e.g. absent before the first scrape on a busy machine, is not the contract's.)
    const paged = deliveredTo(receiver, '/pager');
    expect(paged.filter((alert) => alert.labels.probe !== undefined || alert.labels.slo !== undefined)).toEqual([]);
  } finally {
    await server.stop();
    await monitor.stop();
    await manager.stop();
    await receiver.close();
  }
});

test('an outage inside a maintenance window reaches no receiver; the same outage outside pages once', async () => {
  const prometheus = requireBinary('prometheus', 'prometheus');
  const alertmanager = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
  test.setTimeout(90_000);
  // Two Alertmanagers get the same alerts: one with a window covering today (and tomorrow, should the
  // test cross midnight UTC), one with yesterday's.
  const now = new Date();
  const inside = await startWebhookReceiver();
  const outside = await startWebhookReceiver();
  const insideManager = await startAlertmanager(alertmanager, route(inside, wholeDays(now, new Date(now.getTime() + DAY_MS))));
  const outsideManager = await startAlertmanager(alertmanager, route(outside, wholeDays(new Date(now.getTime() - DAY_MS))));
  const { monitor } = await startTestMonitor(
    { MONITOR_SCHEDULE: '* * * * * *', MONITOR_TIMEOUT_MS: '800', MONITOR_DEGRADED_MS: '400' },
    { schedule: true, runAtStart: true, startEmbedded: embeddedSimulator({ outage: 'server-error' }) },
  );
  const server = await startPrometheus({
    binary: prometheus,
    targets: [{ address: new URL(monitor.url).host, labels: { location: 'oslo' } }],
    job: 'customer-search-monitor',
    ruleFiles: ruleFiles(),
    alertmanager: [insideManager.address, outsideManager.address],
  });
  try {
    // Outside the window: the availability SLO pages, once for the whole API.
    await expect.poll(() => firing(outside, '/pager', 'CustomerSearchAvailabilityBudgetBurn').length, { timeout: 60_000, intervals: [500] }).toBeGreaterThan(0);
    const [page] = firing(outside, '/pager', 'CustomerSearchAvailabilityBudgetBurn');
    expect(page?.labels).toEqual({ alertname: 'CustomerSearchAvailabilityBudgetBurn', severity: 'critical', slo: 'customer-search-availability' });
    expect(page?.annotations.runbook_url).toBe('docs/runbook.md#customersearchavailabilitybudgetburn');
    // Every probe fails: their warnings fire too (for: shortened to 2 s) and page nobody; the one
    // page is the SLO's, one alert without probe or location.
    await expect.poll(async () => (await held(outsideManager)).includes('CustomerSearchProbeFailing'), { timeout: 30_000, intervals: [500] }).toBe(true);
    expect(deliveredTo(outside, '/pager').filter((alert) => alert.labels.probe !== undefined)).toEqual([]);
    expect(new Set(firing(outside, '/pager', 'CustomerSearchAvailabilityBudgetBurn').map((alert) => JSON.stringify(alert.labels))).size).toBe(1);

    // Inside the window: the same alerts reached that Alertmanager, and nothing left it.
    const insideHeld = await held(insideManager);
    expect(insideHeld).toContain('CustomerSearchAvailabilityBudgetBurn');
    expect(insideHeld).toContain('CustomerSearchProbeFailing');
    // Both Alertmanagers have grouped the page; the outside one has sent it. Wait out the inside
    // one's group_wait (1 s) a few times over before reading its receiver.
    await new Promise((done) => setTimeout(done, 3_000));
    expect(inside.received).toEqual([]);
  } finally {
    await server.stop();
    await monitor.stop();
    await insideManager.stop();
    await outsideManager.stop();
    await inside.close();
    await outside.close();
  }
});
