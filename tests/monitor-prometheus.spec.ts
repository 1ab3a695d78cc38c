import { expect, test } from '@playwright/test';
import { alertExpressions, ALERT_RULES, dashboardExpressions, withoutThresholds } from './fixtures/monitoring-assets';
import { startTestMonitor } from './fixtures/monitor-harness';
import { startPrometheus } from './fixtures/prometheus-server';
import { requireBinary } from './fixtures/system-binary';
import { resolve } from 'node:path';
import { probeNames } from '../monitor/monitor-probes';

/*
 * Integration: a real Prometheus (Debian's package) scrapes the monitor while it probes the
 * simulator every second; every documented series exists, and every PromQL expression of the
 * dashboard and the alert rules evaluates without error and returns data.
 */
test('Prometheus scrapes the monitor, and every dashboard and alert expression evaluates with data', async () => {
  const prometheus = requireBinary('prometheus', 'prometheus');
  test.setTimeout(60_000);
  const { monitor } = await startTestMonitor(
    { MONITOR_SCHEDULE: '* * * * * *', MONITOR_TIMEOUT_MS: '800', MONITOR_DEGRADED_MS: '400' },
    { schedule: true, runAtStart: true },
  );
  const server = await startPrometheus({
    binary: prometheus,
    target: new URL(monitor.url).host,
    job: 'customer-search-monitor',
    ruleFiles: [resolve(ALERT_RULES)],
  });
  try {
    // Enough scrapes for rate() over 30 s windows.
    await expect
      .poll(async () => Number((((await server.query('count_over_time(up{job="customer-search-monitor"}[1m])')).data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1]) ?? 0), { timeout: 30_000, intervals: [500] })
      .toBeGreaterThanOrEqual(5);

    const success = await server.query('customer_search_probe_success == 1');
    expect(success.data?.result.length).toBe(probeNames.length);
    for (const series of [
      'customer_search_probes_total',
      'customer_search_contract_violations_total',
      'customer_search_probe_duration_seconds_bucket',
      'customer_search_last_success_timestamp_seconds',
      'customer_search_token_fetches_total',
      'customer_search_token_fetch_duration_seconds_count',
      'customer_search_rate_limit_remaining',
      'customer_search_scheduler_overlaps_total',
      'customer_search_last_run_timestamp_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect((await server.query(series)).data?.result.length, series).toBeGreaterThan(0);
    }

    for (const { title, expr } of dashboardExpressions('30s')) {
      const answer = await server.query(expr);
      expect(answer.status, `${title}: ${expr}: ${answer.error ?? ''}`).toBe('success');
      expect(answer.data?.result.length, `${title} returned no data: ${expr}`).toBeGreaterThan(0);
    }
    for (const { alert, expr } of alertExpressions()) {
      const answer = await server.query(expr);
      expect(answer.status, `${alert}: ${answer.error ?? ''}`).toBe('success');
      if (expr.startsWith('absent(')) {
        // absent() has data exactly when the monitor is gone: here it must be empty.
        expect(answer.data?.result, alert).toEqual([]);
        continue;
      }
      const bare = await server.query(withoutThresholds(expr));
      expect(bare.status, `${alert}: ${bare.error ?? ''}`).toBe('success');
      expect(bare.data?.result.length, `${alert} reads no data: ${withoutThresholds(expr)}`).toBeGreaterThan(0);
    }

    // The rule manager evaluated every rule without error.
    const rules = (await (await fetch(`${server.url}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const evaluated = rules.data.groups.flatMap((group) => group.rules);
    expect(evaluated.length).toBe(alertExpressions().length);
    expect(evaluated.filter((rule) => rule.health !== 'ok')).toEqual([]);
  } finally {
    await server.stop();
    await monitor.stop();
  }
});
