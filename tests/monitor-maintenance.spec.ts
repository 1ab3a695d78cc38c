import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../client/config-error';
import { loadMonitorConfig } from '../monitor/monitor-config';
import { sampleValue, startTestMonitor } from './fixtures/monitor-harness';

/*
 * Declared maintenance windows (MONITOR_MAINTENANCE): bad files stop the start naming the variable
 * and the entry; inside a window the monitor keeps probing, the page says "maintenance" and
 * customer_search_maintenance is 1. The clock is injected: nothing waits for a real window.
 */
const folder = mkdtempSync(join(tmpdir(), 'capi-maintenance-'));
let files = 0;
function maintenanceFile(content: unknown): string {
  const path = join(folder, `windows-${files++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function configMessage(file: string): string {
  try {
    loadMonitorConfig({ MONITOR_MAINTENANCE: file });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'no error';
}

test('a bad maintenance file fails at start, naming the variable and each bad entry', () => {
  expect(configMessage(join(folder, 'missing.json'))).toBe(`Invalid configuration: MONITOR_MAINTENANCE: cannot read ${join(folder, 'missing.json')} (ENOENT)`);
  expect(configMessage(maintenanceFile('[{"start": '))).toMatch(/^Invalid configuration: MONITOR_MAINTENANCE: is not JSON \(/);
  expect(configMessage(maintenanceFile({ start: '2026-12-01T22:00:00Z' }))).toBe(
    'Invalid configuration: MONITOR_MAINTENANCE: must hold a JSON array of {"start", "end", "reason"} objects',
  );
  const message = configMessage(
    maintenanceFile([
      { start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z', reason: 'database upgrade' },
      { start: '2026-12-02 22:00:00', end: '2026-12-02T23:00:00Z', reason: 'no offset' },
      { start: '2026-12-03T23:00:00+01:00', end: '2026-12-03T21:00:00Z', reason: 'backwards' },
      { start: '2026-12-04T22:00:00Z', end: '2026-12-04T23:00:00Z' },
      { start: '2026-12-05T22:00:00Z', end: '2026-12-05T23:00:00Z', reason: 'typo', ends: 'x' },
      'tonight',
    ]),
  );
  expect(message.split('; ')).toEqual([
    'Invalid configuration: MONITOR_MAINTENANCE: entry 2 ("no offset") start must be an RFC 3339 time with an offset (e.g. 2026-12-01T22:00:00Z), got "2026-12-02 22:00:00"',
    'MONITOR_MAINTENANCE: entry 3 ("backwards") ends (2026-12-03T21:00:00Z) before it starts (2026-12-03T23:00:00+01:00)',
    'MONITOR_MAINTENANCE: entry 4 needs a non-empty reason',
    'MONITOR_MAINTENANCE: entry 5 ("typo") has unknown key ends (known: start, end, reason)',
    'MONITOR_MAINTENANCE: entry 6 must be an object with start, end and reason',
  ]);
});

test('a good file loads; offsets are honoured', () => {
  const config = loadMonitorConfig({
    MONITOR_MAINTENANCE: maintenanceFile([{ start: '2026-12-01T23:00:00+01:00', end: '2026-12-01T23:30:00Z', reason: 'database upgrade' }]),
  });
  expect(config.maintenance).toEqual([{ start: new Date('2026-12-01T22:00:00Z'), end: new Date('2026-12-01T23:30:00Z'), reason: 'database upgrade' }]);
  expect(loadMonitorConfig({}).maintenance).toEqual([]);
});

test('inside a window the monitor keeps probing, the page shows maintenance and the gauge is 1; outside it is 0', async () => {
  const file = maintenanceFile([{ start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z', reason: 'Provider database upgrade <CHG-42>' }]);
  let clock = new Date('2026-12-01T21:59:59.999Z');
  const { monitor, logs, scrape } = await startTestMonitor({ MONITOR_MAINTENANCE: file }, { now: () => clock });
  const page = async (): Promise<string> => (await fetch(monitor.url)).text();
  try {
    await monitor.runOnce();
    expect(sampleValue(await scrape(), 'customer_search_maintenance')).toBe(0);
    expect(await page()).not.toContain('id="maintenance"');

    // The gauge follows the clock at scrape time, without waiting for a run.
    clock = new Date('2026-12-01T22:00:00Z');
    expect(sampleValue(await scrape(), 'customer_search_maintenance')).toBe(1);
    monitor.target.simulator?.setFault('six-customers');
    const records = await monitor.runOnce();
    // Probing goes on, and is judged as always: the failure is recorded, marked as maintenance.
    const broad = records.find((record) => record.probe === 'broad-search');
    expect(broad?.outcome).toBe('contract_violation');
    expect(broad?.maintenance).toBe('Provider database upgrade <CHG-42>');
    const text = await scrape();
    expect(sampleValue(text, 'customer_search_maintenance')).toBe(1);
    expect(sampleValue(text, 'customer_search_probes_total{probe="broad-search",outcome="contract_violation"}')).toBe(1);
    const html = await page();
    expect(html).toContain('<p id="maintenance"><strong>maintenance</strong> until 2026-12-01T23:00:00.000Z: Provider database upgrade &lt;CHG-42&gt;.');
    expect(html).toMatch(/<tr class="bad maint" data-probe="broad-search" data-outcome="contract_violation" data-maintenance="true">/);
    expect(html).toMatch(/<td class="outcome">contract_violation <small class="maintenance"[^>]*>maintenance<\/small><\/td>/);
    const line = logs.find((entry) => entry.probe === 'broad-search');
    expect(line).toMatchObject({ level: 'info', outcome: 'contract_violation', maintenance: 'Provider database upgrade <CHG-42>' });

    // The end is exclusive.
    clock = new Date('2026-12-01T23:00:00Z');
    expect(sampleValue(await scrape(), 'customer_search_maintenance')).toBe(0);
    const after = await page();
    expect(after).not.toContain('id="maintenance"');
    const later = await monitor.runOnce();
    expect(later.find((record) => record.probe === 'broad-search')?.maintenance).toBeUndefined();
    expect(logs.filter((entry) => entry.probe === 'broad-search').map((entry) => entry.level)).toEqual(['info', 'warn']);
  } finally {
    await monitor.stop();
  }
});

test('without a maintenance file the gauge exists and reads 0', async () => {
  const { monitor, scrape } = await startTestMonitor();
  try {
    const text = await scrape();
    expect(text).toContain('# TYPE customer_search_maintenance gauge');
    expect(sampleValue(text, 'customer_search_maintenance')).toBe(0);
  } finally {
    await monitor.stop();
  }
});
