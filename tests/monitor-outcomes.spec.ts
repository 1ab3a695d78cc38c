import { expect, test } from '@playwright/test';
import { faultModeNames, faultModes, type FaultModeDefinition } from '../simulator/fault-modes';
import type { OutageMode } from '../simulator/outage-modes';
import { probeNames, type ProbeName } from '../monitor/monitor-probes';
import type { ProbeOutcome } from '../monitor/probe-outcome';
import type { LogEntry } from '../monitor/monitor-log';
import { sampleValue, startTestMonitor } from './fixtures/monitor-harness';
import { CredentialWatch } from '../monitor/credential-watch';

/*
 * The monitor against each way a provider can go wrong: the right outcome and rule label appear
 * within one run, one log line per failed probe carries no customer data or secret, and the next
 * run goes on.
 */

const SENSITIVE = ['Nordmann', 'ola.nordmann', '+4712345678', '4712345678', 'simulator-secret', 'Bearer '];

function expectCleanLogs(logs: readonly LogEntry[], tokens: readonly string[]): void {
  for (const entry of logs) {
    const line = JSON.stringify(entry);
    for (const needle of [...SENSITIVE, ...tokens]) expect(line.includes(needle), `"${needle}" in log line ${line}`).toBe(false);
  }
}

test('against the correct simulator every probe succeeds and nothing is logged as a warning', async () => {
  const { monitor, logs, scrape } = await startTestMonitor();
  try {
    const records = await monitor.runOnce();
    expect(records.map((record) => [record.probe, record.outcome])).toEqual(records.map((record) => [record.probe, 'success']));
    expect(logs.filter((entry) => entry.level !== 'info')).toEqual([]);
    const text = await scrape();
    expect(sampleValue(text, 'customer_search_probe_success{probe="broad-search"}')).toBe(1);
    expect(sampleValue(text, 'customer_search_rate_limit_remaining')).toBeGreaterThan(0);
    // Each probe's last status, as the answer gave it: a search 200, a search without a token 401 or 403.
    for (const record of records) expect(sampleValue(text, `customer_search_probe_http_status_code{probe="${record.probe}"}`), record.probe).toBe(record.status);
    expect(sampleValue(text, 'customer_search_probe_http_status_code{probe="phone-search"}')).toBe(200);
    expect([401, 403]).toContain(sampleValue(text, 'customer_search_probe_http_status_code{probe="no-token-refused"}'));
    const page = await (await fetch(monitor.url)).text();
    const tokens = monitor.target.simulator?.issuedTokens() ?? [];
    expect(tokens.length).toBeGreaterThan(0);
    for (const needle of [...SENSITIVE, ...tokens]) {
      expect(text.includes(needle), `"${needle}" in /metrics`).toBe(false);
      expect(page.includes(needle), `"${needle}" on /`).toBe(false);
    }
  } finally {
    await monitor.stop();
  }
});

/*
 * Every fault mode production can see is seen within one run by a named probe, which reports the
 * rule the fault breaks: found, not pinned, so a new fault mode needs no row here. A fault the
 * production probes cannot see says why in its own definition (`unseenInProduction`).
 */
for (const mode of faultModeNames) {
  const fault: FaultModeDefinition = faultModes[mode];
  if (fault.unseenInProduction !== undefined) continue;
  test(`fault ${mode}: a named probe reports ${fault.breaks} within one run`, async () => {
    const { monitor, logs, scrape } = await startTestMonitor();
    try {
      monitor.target.simulator?.setFault(mode);
      const records = await monitor.runOnce();
      const record = records.find((candidate) => candidate.probe !== 'rotation' && candidate.rules.includes(fault.breaks));
      expect(record, `no named probe reported ${fault.breaks}: ${records.map((item) => `${item.probe} ${item.outcome}`).join(', ')}`).toBeDefined();
      const probe = record?.probe ?? '';
      // A 5xx is the provider failing as a service, whatever else it breaks.
      const outcome: ProbeOutcome = record?.rules.includes('no-server-error') ? 'http_error' : 'contract_violation';
      expect(record?.outcome).toBe(outcome);
      const text = await scrape();
      expect(sampleValue(text, `customer_search_contract_violations_total{probe="${probe}",rule="${fault.breaks}"}`)).toBe(1);
      expect(sampleValue(text, `customer_search_probes_total{probe="${probe}",outcome="${outcome}"}`)).toBe(1);
      expect(sampleValue(text, `customer_search_probe_success{probe="${probe}"}`)).toBe(0);
      expect(logs.some((entry) => entry.probe === probe && entry.outcome === outcome)).toBe(true);
      expectCleanLogs(logs, monitor.target.simulator?.issuedTokens() ?? []);

      monitor.target.simulator?.setFault(undefined);
      const next = await monitor.runOnce();
      expect(next.find((candidate) => candidate.probe === probe)?.outcome).toBe('success');
    } finally {
      await monitor.stop();
    }
  });
}

const outageExpectations: Record<OutageMode, { probe: ProbeName; outcome: ProbeOutcome; token?: string }> = {
  slow: { probe: 'phone-search', outcome: 'timeout' },
  garbage: { probe: 'phone-search', outcome: 'contract_violation' },
  'huge-body': { probe: 'email-search', outcome: 'network_error' },
  'rate-limit-storm': { probe: 'broad-search', outcome: 'rate_limited' },
  'server-error': { probe: 'phone-search', outcome: 'http_error' },
  'token-endpoint-down': { probe: 'phone-search', outcome: 'auth_error', token: 'unavailable' },
  'token-rejected': { probe: 'email-search', outcome: 'auth_error', token: 'rejected' },
  // The token endpoint's 429 is its rate limit, not the credentials: rate_limited, and no credentials line.
  'token-throttled': { probe: 'email-search', outcome: 'rate_limited', token: 'throttled' },
  'hang-up': { probe: 'name-address-search', outcome: 'network_error' },
};

for (const [outage, expected] of Object.entries(outageExpectations) as [OutageMode, (typeof outageExpectations)[OutageMode]][]) {
  test(`outage ${outage}: ${expected.probe} reports ${expected.outcome}, and the next run recovers`, async () => {
    // Thresholds far from every latency: a slow outage never answers (30 s) and meets a short
    // deadline; every other outage answers at once and meets a long one, however busy the machine.
    const deadline = outage === 'slow' ? '400' : '20000';
    const { monitor, logs, scrape } = await startTestMonitor({ MONITOR_SCHEDULE: '*/30 * * * * *', MONITOR_TIMEOUT_MS: deadline, MONITOR_DEGRADED_MS: String(Number(deadline) - 1) });
    try {
      monitor.target.simulator?.setOutage(outage);
      const records = await monitor.runOnce();
      expect(records.find((record) => record.probe === expected.probe)?.outcome).toBe(expected.outcome);
      const text = await scrape();
      expect(sampleValue(text, `customer_search_probes_total{probe="${expected.probe}",outcome="${expected.outcome}"}`)).toBe(1);
      if (expected.token) expect(sampleValue(text, `customer_search_token_fetches_total{outcome="${expected.token}"}`)).toBeGreaterThanOrEqual(1);
      expect(logs.some((entry) => entry.msg.startsWith('credentials refused'))).toBe(expected.token === 'rejected');
      const failed = records.filter((record) => record.outcome !== 'success');
      expect(logs.filter((entry) => entry.msg === 'probe')).toHaveLength(failed.length);
      expectCleanLogs(logs, monitor.target.simulator?.issuedTokens() ?? []);

      monitor.target.simulator?.setOutage(undefined);
      const next = await monitor.runOnce();
      expect(next.filter((record) => record.outcome !== 'success')).toEqual([]);
    } finally {
      await monitor.stop();
    }
  });
}

test('a target that is down gives network_error on every probe, and the monitor keeps serving', async () => {
  const { monitor, scrape } = await startTestMonitor({
    CAPI_BASE_URL: 'http://127.0.0.1:9/capi',
    CONNECTID_TOKEN_URL: 'http://127.0.0.1:9/user/oauth/token',
    CONNECTID_CLIENT_ID: 'id',
    CONNECTID_CLIENT_SECRET: 'down-target-secret',
  });
  try {
    const records = await monitor.runOnce();
    expect(new Set(records.map((record) => record.outcome))).toEqual(new Set(['network_error']));
    const text = await scrape();
    expect(text).not.toContain('down-target-secret');
    expect(sampleValue(text, 'customer_search_token_fetches_total{outcome="transport"}')).toBeGreaterThanOrEqual(1);
    // No answer came: the status gauge says 0, not the last status it ever saw.
    expect(sampleValue(text, 'customer_search_probe_http_status_code{probe="phone-search"}')).toBe(0);
  } finally {
    await monitor.stop();
  }
});

test('a correct but slow answer is degraded, not failed', async () => {
  // 400 ms of latency against a 50 ms threshold and a 20 s deadline: degraded on any machine.
  const { monitor } = await startTestMonitor({ MONITOR_SCHEDULE: '*/30 * * * * *', MONITOR_TIMEOUT_MS: '20000', MONITOR_DEGRADED_MS: '50' });
  try {
    monitor.target.simulator?.setLatency(400);
    const records = await monitor.runOnce();
    expect(records.find((record) => record.probe === 'phone-search')?.outcome).toBe('degraded');
  } finally {
    await monitor.stop();
  }
});

test('a tick while a run is still going is skipped and counted as an overlap', async () => {
  const { monitor, logs, scrape } = await startTestMonitor({ MONITOR_TIMEOUT_MS: '300', MONITOR_DEGRADED_MS: '100' });
  try {
    monitor.target.simulator?.setOutage('slow');
    const first = monitor.tick();
    expect(first).toBeDefined();
    expect(monitor.tick()).toBeUndefined();
    await first;
    expect(sampleValue(await scrape(), 'customer_search_scheduler_overlaps_total')).toBe(1);
    expect(logs.filter((entry) => entry.msg === 'run skipped: the previous run is still going')).toHaveLength(1);
    monitor.target.simulator?.setOutage(undefined);
    expect(await monitor.tick()).toHaveLength(probeNames.length);
  } finally {
    await monitor.stop();
  }
});

test('refused credentials are logged once when they start and again only after an accepted token; an unavailable endpoint says nothing about them', () => {
  const entries: LogEntry[] = [];
  const watch = new CredentialWatch((entry) => entries.push(entry));
  expect(watch.state).toBe('unknown');
  for (const outcome of ['unavailable', 'rejected', 'rejected', 'transport', 'success', 'success', 'rejected'] as const) watch.observe(outcome);
  expect(entries.map((entry) => [entry.level, entry.msg])).toEqual([
    ['error', 'credentials refused by the token endpoint: check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET; probing goes on, every probe reports auth_error'],
    ['info', 'credentials accepted again by the token endpoint'],
    ['error', 'credentials refused by the token endpoint: check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET; probing goes on, every probe reports auth_error'],
  ]);
  expect(watch.state).toBe('refused');
});
