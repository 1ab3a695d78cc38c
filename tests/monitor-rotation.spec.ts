import { expect, test } from '@playwright/test';
import { documentedProfile } from '../client/target-profile';
import { buildContractCases } from '../cases/contract-cases';
import { isProductionSafe, monitorProbes, probeNames, rotationPool, rotationSlice } from '../monitor/monitor-probes';
import { loadMonitorConfig } from '../monitor/monitor-config';
import { sampleValue, startTestMonitor } from './fixtures/monitor-harness';

/*
 * The monitor's probes come from the contract engine: named picks of the gate's cases, and a
 * rotating slice of the rest that covers every production-safe case within the configured runs.
 */
const cases = buildContractCases(documentedProfile);

test('every named probe is a production-safe case of the gate, and the rotation holds all the others', () => {
  const named = Object.values(monitorProbes(documentedProfile));
  const titles = cases.map((item) => item.title);
  expect(named.filter((probe) => !titles.includes(probe.title) || !isProductionSafe(probe))).toEqual([]);
  const pool = rotationPool(documentedProfile);
  expect(new Set([...named, ...pool].map((item) => item.title))).toEqual(new Set(cases.filter(isProductionSafe).map((item) => item.title)));
  expect(pool.some((item) => item.expectation.kind === 'forced' || item.needs !== undefined)).toBe(false);
});

test('at the defaults the rotation covers its pool within its runs (28), for under 1 % of the documented 2000 calls a minute', () => {
  const config = loadMonitorConfig({});
  const pool = rotationPool(documentedProfile);
  const seen = new Set<string>();
  let heaviest = 0;
  for (let run = 0; run < config.rotationRuns; run++) {
    const slice = rotationSlice(pool, run, config.rotationRuns);
    heaviest = Math.max(heaviest, slice.reduce((sum, item) => sum + (item.wider ? 2 : 1), 0));
    for (const item of slice) seen.add(item.title);
  }
  expect(seen.size).toBe(pool.length);
  const runsPerMinute = 60_000 / config.intervalMs;
  expect(heaviest * runsPerMinute).toBeLessThan(2000 * 0.01);
});

test('a violation found by the rotation is counted under its rule with the probe label rotation', async () => {
  const { monitor, scrape } = await startTestMonitor({ MONITOR_ROTATION_RUNS: '20' });
  try {
    // Limits counted in bytes break the Nordic boundary cases of every field and the coverage phase's text classes; the rotation sends most of them.
    monitor.target.simulator?.setFault('limit-counted-in-bytes');
    const outcomes: string[] = [];
    for (let run = 0; run < 20; run++) {
      const records = await monitor.runOnce();
      outcomes.push(records.find((record) => record.probe === 'rotation')?.outcome ?? 'missing');
    }
    expect(outcomes).toContain('contract_violation');
    expect(outcomes).not.toContain('missing');
    const text = await scrape();
    expect(sampleValue(text, 'customer_search_contract_violations_total{probe="rotation",rule="valid-search-accepted"}')).toBeGreaterThan(1);
    const failed = monitor.history.list().find((record) => record.probe === 'rotation' && record.outcome === 'contract_violation');
    // The Nordic longest value of one field, or a whole class of text at every field's limit (coverage phase).
    expect(failed?.detail).toMatch(/^[a-zA-Z -]+: (\d+ characters \(the longest valid value\)|.+ at maxLength) accepted: valid-search-accepted: expected 200, received 400/);
  } finally {
    await monitor.stop();
  }
});

test('MONITOR_ROTATION_RUNS=0 turns the rotation off', async () => {
  const { monitor } = await startTestMonitor({ MONITOR_ROTATION_RUNS: '0' });
  try {
    const records = await monitor.runOnce();
    // Every other probe still runs: an empty run must not pass for a run without the rotation.
    expect(records.map((record) => record.probe).sort()).toEqual(probeNames.filter((probe) => probe !== 'rotation').sort());
  } finally {
    await monitor.stop();
  }
});
