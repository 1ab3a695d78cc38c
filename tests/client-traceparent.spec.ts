import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeTransport, type HttpRequest, type HttpTransport } from '../client/http-transport';
import { SearchClient } from '../client/search-client';
import { TokenClient } from '../client/token-client';
import { newSpanId, newTraceId, traceparent, TRACEPARENT_PATTERN } from '../client/trace-context';
import { openTarget } from '../client/open-target';
import { loadTargetConfig } from '../client/target-config';
import { buildContractCases } from '../cases/contract-cases';
import { runCampaign } from '../gate/run-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startSimulator } from '../simulator/provider-simulator';
import { startTestMonitor } from './fixtures/monitor-harness';
import { runContractCli } from './fixtures/run-contract-cli';
import { simulatorTargetEnvironment } from '../harness/simulator-target-environment';

/*
 * W3C traceparent on every request: a trace per monitor probe run and per gate case, a span per
 * request (every retry included), and the trace id where an operator or the vendor looks: the
 * monitor's log and page, the gate's failure output and JUnit.
 */
const parse = (header: string | undefined): { traceId: string; spanId: string } => {
  const match = TRACEPARENT_PATTERN.exec(header ?? '');
  expect(match, `traceparent ${header}`).not.toBeNull();
  const [, traceId = '', spanId = ''] = match ?? [];
  expect(traceId).not.toMatch(/^0+$/);
  expect(spanId).not.toMatch(/^0+$/);
  return { traceId, spanId };
};

/** A transport that records what it sends and passes it on. */
function recording(inner: HttpTransport = createNodeTransport()): { transport: HttpTransport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return { sent, transport: (request) => (sent.push(request), inner(request)) };
}

test('ids are lower-case hex of the right length, never all zero, and fresh each time', () => {
  const traces = new Set(Array.from({ length: 200 }, newTraceId));
  const spans = new Set(Array.from({ length: 200 }, newSpanId));
  expect(traces.size).toBe(200);
  expect(spans.size).toBe(200);
  for (const id of traces) parse(traceparent(id));
  expect(traceparent('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7')).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
});

test('the search client: one trace per send, a new span for every attempt, retries included; the token fetch has its own', async () => {
  const simulator = await startSimulator();
  try {
    const { transport, sent } = recording();
    let answers = 0;
    // The first search answer is a 429, the second a 200: two attempts of one send.
    const throttled: HttpTransport = async (request) =>
      request.url.endsWith('/oauth/token') || answers++ > 0 ? transport(request) : (sent.push(request), { status: 429, headers: { 'retry-after': '0' }, bodyText: '{}', durationMs: 1 });
    const tokens = new TokenClient({ tokenUrl: simulator.tokenUrl, clientId: simulator.clientId, clientSecret: simulator.clientSecret, transport: throttled });
    const search = new SearchClient({ baseUrl: simulator.baseUrl, transport: throttled, tokens, sleep: async () => undefined });
    const exchange = await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
    expect(exchange.response.attempts).toBe(2);
    const searches = sent.filter((request) => request.url.endsWith('/search')).map((request) => parse(request.headers.traceparent));
    expect(searches).toHaveLength(2);
    expect(new Set(searches.map((ids) => ids.traceId))).toEqual(new Set([exchange.traceId]));
    expect(new Set(searches.map((ids) => ids.spanId)).size).toBe(2);
    // The exchange keeps what went on the wire for the last attempt, the token redacted.
    expect(exchange.sent?.headers.traceparent).toBe(sent.at(-1)?.headers.traceparent);
    expect(exchange.sent?.headers.authorization).toBe('Bearer [redacted]');
    const token = sent.find((request) => request.url.endsWith('/oauth/token'));
    expect(parse(token?.headers.traceparent).traceId).not.toBe(exchange.traceId);

    const again = await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
    expect(again.traceId).not.toBe(exchange.traceId);
    const given = newTraceId();
    expect((await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'none' }, { traceId: given })).traceId).toBe(given);
    // The provider receives it as sent.
    expect(simulator.requests.filter((request) => request.path.endsWith('/search')).every((request) => TRACEPARENT_PATTERN.test(request.headers.traceparent ?? ''))).toBe(true);
  } finally {
    await simulator.close();
  }
});

test('the monitor: a fresh trace per probe run, shared by a narrowing probe\'s two searches, in the log line and on the page', async () => {
  const { transport, sent } = recording();
  const { monitor, logs } = await startTestMonitor({ MONITOR_ROTATION_RUNS: '0' }, { transport });
  try {
    const first = await monitor.runOnce();
    const searches = sent.filter((request) => request.url.endsWith('/search')).map((request) => parse(request.headers.traceparent));
    // 13 named probes, narrowing-holds sends two searches.
    expect(searches).toHaveLength(14);
    expect(new Set(searches.map((ids) => ids.spanId)).size).toBe(14);
    const traces = new Set(searches.map((ids) => ids.traceId));
    expect(traces.size).toBe(13);
    expect(new Set(first.map((record) => record.traceId))).toEqual(traces);
    const narrowing = first.find((record) => record.probe === 'narrowing-holds');
    expect(searches.filter((ids) => ids.traceId === narrowing?.traceId)).toHaveLength(2);
    for (const request of sent.filter((candidate) => candidate.url.endsWith('/oauth/token'))) parse(request.headers.traceparent);

    monitor.target.simulator?.setFault('six-customers');
    const second = await monitor.runOnce();
    for (const record of second) expect(traces.has(record.traceId), `${record.probe} reused a trace id`).toBe(false);
    const broad = second.find((record) => record.probe === 'broad-search');
    expect(broad?.outcome).toBe('contract_violation');
    expect(logs.find((entry) => entry.probe === 'broad-search')).toMatchObject({ outcome: 'contract_violation', trace_id: broad?.traceId });
    const page = await (await fetch(monitor.url)).text();
    const row = page.split('<tr').find((segment) => segment.includes('data-probe="broad-search"') && segment.includes('class="violation"'));
    expect(row).toContain(`trace <code class="trace">${broad?.traceId}</code>`);
  } finally {
    await monitor.stop();
  }
});

test('the gate: one trace per case, a span per request, on every result', async () => {
  const config = loadTargetConfig({});
  const { transport, sent } = recording();
  const target = await openTarget(config, { transport, startEmbedded: embeddedSimulator() });
  try {
    const cases = buildContractCases(config.profile).filter((item) => item.needs === undefined).slice(0, 40);
    const results = await runCampaign(target, cases);
    const byTrace = new Map<string, number>();
    const spans = new Set<string>();
    for (const request of sent.filter((candidate) => candidate.url.endsWith('/search'))) {
      const { traceId, spanId } = parse(request.headers.traceparent);
      byTrace.set(traceId, (byTrace.get(traceId) ?? 0) + 1);
      spans.add(spanId);
    }
    expect(spans.size).toBe([...byTrace.values()].reduce((a, b) => a + b, 0));
    expect(new Set(results.map((result) => result.traceId)).size).toBe(cases.length);
    for (const result of results) {
      expect(result.exchange?.traceId).toBe(result.traceId);
      // A case with a wider search sends two requests in its trace, every other case one.
      expect(byTrace.get(result.traceId ?? ''), result.case.title).toBe(result.case.wider ? 2 : 1);
    }
  } finally {
    await target.close();
  }
});

test('the gate names the failing case\'s trace id in its failure output and JUnit, and the provider received it', async () => {
  // The gate runs as a child process: time for a busy machine.
  test.setTimeout(90_000);
  const simulator = await startSimulator({ fault: 'six-customers' });
  try {
    const run = await runContractCli({
      ...simulatorTargetEnvironment(simulator),
    }, ['--grep', 'result-cap']);
    expect(run.code).toBe(1);
    const traces = [...run.stdout.matchAll(/^\s*Trace: ([0-9a-f]{32}) \(traceparent of every request of the case\)$/gm)].map(([, id]) => id ?? '');
    expect(traces.length).toBeGreaterThan(0);
    const received = new Set(simulator.requests.map((request) => parse(request.headers.traceparent).traceId));
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
    for (const trace of traces) {
      expect(received.has(trace), `trace ${trace} never reached the provider`).toBe(true);
      expect(junit).toContain(`Trace: ${trace}`);
    }
  } finally {
    await simulator.close();
  }
});
