import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { alertExpressions, dashboardExpressions, recordingExpressions, RULE_FILES, withoutThresholds } from './fixtures/monitoring-assets';
import { startTestMonitor } from './fixtures/monitor-harness';
import { startPrometheus } from './fixtures/prometheus-server';
import { requireBinary } from './fixtures/system-binary';

/*
 * Integration: a real Prometheus (Debian's package) scrapes two monitors, as an operator runs them
 * in two locations: oslo probes a provider that returns six customers, bergen a correct one. Every
 * documented series exists, every dashboard expression returns data, and each alert expression
 * returns exactly what the quorum rules promise: oslo's failures warn, none pages, and a broken
 * contract burns none of the availability SLO's error budget.
 */
type Series = { metric: Record<string, string>; value: [number, string] };

test('two locations, one faulty: each alert expression returns what the quorum rules promise', async () => {
  const prometheus = requireBinary('prometheus', 'prometheus');
  test.setTimeout(90_000);
  const env = { MONITOR_SCHEDULE: '* * * * * *', MONITOR_TIMEOUT_MS: '800', MONITOR_DEGRADED_MS: '400' };
  const oslo = await startTestMonitor(env, { schedule: true, runAtStart: true, startEmbedded: embeddedSimulator({ fault: 'six-customers' }) });
  const bergen = await startTestMonitor(env, { schedule: true, runAtStart: true });
  const server = await startPrometheus({
    binary: prometheus,
    targets: [
      { address: new URL(oslo.monitor.url).host, labels: { location: 'oslo' } },
      { address: new URL(bergen.monitor.url).host, labels: { location: 'bergen' } },
    ],
    job: 'customer-search-monitor',
    ruleFiles: RULE_FILES.map((file) => resolve(file)),
  });
  const series = async (expr: string): Promise<Series[]> => {
    const answer = await server.query(expr);
    expect(answer.status, `${expr}: ${answer.error ?? ''}`).toBe('success');
    return (answer.data?.result ?? []) as Series[];
  };
  const expressions = Object.fromEntries(alertExpressions().map(({ alert, expr }) => [alert, expr]));
  const expressionOf = (alert: string): string => {
    const expr = expressions[alert];
    if (!expr) throw new Error(`no alert ${alert} in ${RULE_FILES.join(', ')}`);
    return expr;
  };
  try {
    // Enough scrapes of both locations for rate() over 30 s windows.
    await expect
      .poll(async () => (await series('count_over_time(up{job="customer-search-monitor"}[1m]) >= 5')).length, { timeout: 45_000, intervals: [500] })
      .toBe(2);

    for (const { title, expr } of dashboardExpressions('30s')) {
      expect((await series(expr)).length, `${title} returned no data: ${expr}`).toBeGreaterThan(0);
    }

    // Failing from oslo only: a warning for oslo, naming the probe; never for bergen.
    const atLocation = await series(expressionOf('CustomerSearchProbeFailingAtLocation'));
    expect(atLocation.map((s) => s.metric.location)).not.toContain('bergen');
    expect(atLocation.filter((s) => s.metric.location === 'oslo').map((s) => s.metric.probe)).toContain('broad-search');
    // One location of two is no quorum: nothing pages.
    expect(await series(expressionOf('CustomerSearchProbeFailing'))).toEqual([]);
    // The rule broken is named, whichever location saw it.
    const violations = await series(expressionOf('CustomerSearchContractViolation'));
    expect(violations.map((s) => `${s.metric.probe}/${s.metric.rule}`)).toContain('broad-search/result-cap');
    expect(violations.map((s) => s.metric.rule)).toEqual(violations.map(() => 'result-cap'));
    // A broken contract is no outage: the availability SLO neither pages nor opens a ticket, and
    // both locations keep their whole error budget.
    expect(await series(expressionOf('CustomerSearchAvailabilityBudgetBurn'))).toEqual([]);
    expect(await series(expressionOf('CustomerSearchAvailabilityBudgetSlowBurn'))).toEqual([]);
    await expect
      .poll(async () => (await series('customer_search:slo_error_budget_remaining:ratio')).map((s) => `${s.metric.location}=${s.value[1]}`).sort(), { timeout: 30_000, intervals: [500] })
      .toEqual(['bergen=1', 'oslo=1']);
    // Every recorded series of the SLO exists for both locations.
    for (const { record } of recordingExpressions()) {
      expect((await series(record)).map((s) => s.metric.location).sort(), record).toEqual(['bergen', 'oslo']);
    }
    // Both monitors run and are scraped; tokens come.
    expect(await series(expressionOf('CustomerSearchMonitorSilent'))).toEqual([]);
    expect(await series(expressionOf('CustomerSearchMonitorAbsent'))).toEqual([]);
    expect(await series(expressionOf('CustomerSearchTokenFailing'))).toEqual([]);

    // Each expression reads real series once its thresholds are taken away.
    for (const { alert, expr } of alertExpressions()) {
      const bare = withoutThresholds(expr);
      if (bare.includes('absent(')) continue;
      expect((await series(bare)).length, `${alert} reads no data: ${bare}`).toBeGreaterThan(0);
    }

    // The rule manager evaluated every rule without error.
    const rules = (await (await fetch(`${server.url}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const evaluated = rules.data.groups.flatMap((group) => group.rules);
    expect(evaluated.length).toBe(alertExpressions().length + recordingExpressions().length);
    expect(evaluated.filter((rule) => rule.health !== 'ok')).toEqual([]);
  } finally {
    await server.stop();
    await oslo.monitor.stop();
    await bergen.monitor.stop();
  }
});
