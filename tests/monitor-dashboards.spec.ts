import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames } from '../monitor/monitor-probes';
import { MAINTENANCE_SERIES } from '../monitor/slo/slo-rules';
import {
  ALERTMANAGER_EXAMPLE,
  ALERT_RULE_TESTS,
  ALERT_RULES,
  SCRAPE_CONFIG,
  SLO_RULES,
  alertExpressions,
  dashboardExpressions,
  metricNames,
  readDashboard,
  recordedNames,
  recordingExpressions,
} from './fixtures/monitoring-assets';
import { requireBinary } from './fixtures/system-binary';

/* The shipped dashboard and alert rules, checked without a running Prometheus. */
const exported = async (): Promise<Set<string>> => {
  const metrics = new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 });
  const text = await metrics.registry.metrics();
  return new Set([...text.matchAll(/^# TYPE (\S+) (\S+)/gm)].flatMap(([, name, type]) =>
    type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name ?? '']));
};

test('the dashboard has datasource, location and probe variables, every panel uses the datasource and filters by location', () => {
  const dashboard = readDashboard();
  expect(dashboard.templating.list.map((variable) => [variable.name, variable.type])).toEqual([
    ['datasource', 'datasource'],
    ['location', 'query'],
    ['probe', 'query'],
  ]);
  for (const panel of dashboard.panels) {
    expect(panel.datasource.uid, panel.title).toBe('${datasource}');
    for (const target of panel.targets) {
      expect(target.datasource.uid, panel.title).toBe('${datasource}');
      // Every series the panel reads is narrowed to the chosen locations.
      for (const selector of target.expr.match(/customer_search[_:][a-z0-9_:]+(\{[^}]*\})?/g) ?? []) expect(selector, panel.title).toContain('location=~"$location"');
    }
  }
});

test('every metric the dashboard and the rules read is one the monitor exports or a rule records', async () => {
  const names = await exported();
  const expressions = [...dashboardExpressions(), ...alertExpressions(), ...recordingExpressions()];
  const read = expressions.flatMap(({ expr }) => metricNames(expr));
  expect(read.length).toBeGreaterThan(10);
  // The maintenance gauge is the monitor's side of the SLO's contract: 1 while a declared window is open.
  expect([...new Set(read)].filter((name) => !names.has(name) && name !== MAINTENANCE_SERIES)).toEqual([]);
  const recorded = new Set(recordingExpressions().map(({ record }) => record));
  const readRecorded = expressions.flatMap(({ expr }) => recordedNames(expr));
  expect(readRecorded.length).toBeGreaterThan(10);
  expect([...new Set(readRecorded)].filter((name) => !recorded.has(name))).toEqual([]);
});

test('the dashboard shows the error budget remaining and the burn rate, by location', () => {
  const titles = readDashboard().panels.map((panel) => panel.title);
  expect(titles).toContain('Error budget remaining');
  expect(titles).toContain('Error budget burn rate');
});

test('promtool accepts the alert rules and the scrape config, and the rule unit tests pass', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  for (const args of [['check', 'rules', ALERT_RULES, SLO_RULES], ['check', 'config', SCRAPE_CONFIG], ['test', 'rules', ALERT_RULE_TESTS]]) {
    const run = spawnSync(promtool, args, { encoding: 'utf8' });
    expect(run.status, `promtool ${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
  }
});

test('amtool accepts the example Alertmanager route', () => {
  const amtool = requireBinary('amtool', 'prometheus-alertmanager');
  const run = spawnSync(amtool, ['check-config', ALERTMANAGER_EXAMPLE], { encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  expect(run.stdout).toContain('3 receivers');
});

test('promtool check metrics passes on the monitor\'s own metric families', async () => {
  const promtool = requireBinary('promtool', 'prometheus');
  const metrics = new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 });
  metrics.recordProbe('phone-search', 'success', 0.05, [], new Date());
  // Only our families: prom-client's default process metrics are not ours to rename.
  const own = (await metrics.registry.metrics()).split('\n').filter((line) => line.includes('customer_search_')).join('\n');
  const run = spawnSync(promtool, ['check', 'metrics'], { input: `${own}\n`, encoding: 'utf8' });
  expect(`${run.stdout}${run.stderr}`).toBe('');
  expect(run.status).toBe(0);
});
