import { expect, test } from '@playwright/test';
import { ProbeHistory, type ProbeRecord } from '../monitor/probe-history';
import { summarizeProbe } from '../monitor/probe-summary';
import { startTestMonitor } from './fixtures/monitor-harness';

/* The operator page's figures and its weight, without a browser. */
const record = (latencyMs: number, outcome: ProbeRecord['outcome'], at: number): ProbeRecord => ({
  at: new Date(at),
  probe: 'phone-search',
  outcome,
  status: 200,
  latencyMs,
  rules: outcome === 'contract_violation' ? ['response-schema'] : [],
  violations: outcome === 'contract_violation' ? [{ rule: 'response-schema', expected: 'x', received: 'y' }] : [],
  detail: '',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
});

test('uptime counts degraded runs as up, and p50 and p95 are nearest-rank over the kept runs', () => {
  const history = new ProbeHistory(20);
  for (let i = 1; i <= 20; i++) history.add(record(i * 10, i === 7 ? 'contract_violation' : i === 8 ? 'degraded' : 'success', i));
  const summary = summarizeProbe(history.of('phone-search'));
  expect(summary?.runs).toBe(20);
  expect(summary?.uptime).toBe(19 / 20);
  expect(summary?.p50Ms).toBe(100);
  expect(summary?.p95Ms).toBe(190);
  expect(summary?.lastViolation?.latencyMs).toBe(70);
});

test('each probe keeps its own bounded history', () => {
  const history = new ProbeHistory(3);
  for (let i = 0; i < 10; i++) history.add(record(i, 'success', i));
  history.add({ ...record(1, 'success', 100), probe: 'rotation' });
  expect(history.of('phone-search').map((entry) => entry.latencyMs)).toEqual([9, 8, 7]);
  expect(history.of('rotation')).toHaveLength(1);
  expect(history.list(2).map((entry) => entry.probe)).toEqual(['rotation', 'phone-search']);
});

test('the newest-first list merges the probes exactly as sorting the whole history would, and all() holds every record', () => {
  const history = new ProbeHistory(50);
  const probes: ProbeRecord['probe'][] = ['phone-search', 'rotation', 'email-search'];
  // A fixed pseudo-random interleaving with ties, so the merge meets every order a schedule can make.
  let seed = 7;
  for (let i = 0; i < 400; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    history.add({ ...record(i, 'success', Math.floor(i / 3) * 10), probe: probes[seed % probes.length] ?? 'rotation' });
  }
  const everything = probes.flatMap((probe) => history.of(probe));
  const sorted = [...everything].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const limit of [0, 1, 7, 60, everything.length, Number.POSITIVE_INFINITY]) {
    expect(history.list(limit).map((entry) => entry.at.getTime())).toEqual(sorted.slice(0, limit).map((entry) => entry.at.getTime()));
  }
  expect(new Set(history.all())).toEqual(new Set(everything));
});

test('the page stays light when the history is full', async () => {
  const { monitor } = await startTestMonitor({ MONITOR_HISTORY: '300', MONITOR_ROTATION_RUNS: '0' });
  try {
    for (let run = 0; run < 30; run++) await monitor.runOnce();
    const html = await (await fetch(monitor.url)).text();
    // Bounded by design: 40 marks per probe and 60 recent rows, whatever the history holds.
    expect((html.match(/<i class=/g) ?? []).length).toBeLessThanOrEqual(40 * 13);
    expect((html.match(/data-outcome=/g) ?? []).length).toBe(60);
    expect(html.length).toBeLessThan(200_000);
  } finally {
    await monitor.stop();
  }
});
