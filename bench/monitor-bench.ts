import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleNames } from '../contracts/contract-rules';
import { startSimulator } from '../simulator/provider-simulator';
import { builtMonitor } from '../harness/built-monitor';
import { findBinary } from '../harness/find-binary';
import { freePort } from '../harness/free-port';
import { waitUntilReady } from '../harness/wait-until-ready';
import { median, processUsage } from './bench-stats';
import { simulatorTargetEnvironment } from '../harness/simulator-target-environment';

/*
 * Monitor benchmark, both in one run against the same simulator on loopback:
 *  - the real monitor process as bin/capi-monitor runs it in production (built JavaScript under node: scheduler, HTTP
 *    server, /metrics scraped every second), aimed at the simulator as a real target, so no
 *    simulator code is loaded; every run sends the named probes and the whole rotation pool
 *    (MONITOR_ROTATION_RUNS=1), until WARMUP (default 10000) and then PROBES (default 10000)
 *    requests were judged;
 *  - Debian's prometheus-blackbox-exporter running the same POST with the same OAuth 2.0 client
 *    credentials, WARMUP + PROBES times, CONCURRENCY (default 4) at a time.
 * CPU is read over the first WARMUP requests and over the PROBES after them: V8 compiles a function
 * with its optimising compiler only once it has run hot, and the rotation's many case shapes get
 * there over thousands of requests, so the second figure is what a monitor running for days costs
 * a request (docs/development.md, Benchmarks). Memory is read after 1 000 requests and after all
 * of them, to show whether it plateaus.
 *
 * Then the memory soak, as an operator runs it: the same process with its default probes and
 * rotation on a 1-s schedule, /metrics and / fetched every second, for SOAK_MINUTES (default 10),
 * resident memory sampled every second; the median of each minute shows whether it stays flat, and
 * its peak the moments a full collection copies the old generation to new pages before it frees
 * the old ones.
 */
const warmup = Number(process.env.WARMUP ?? '10000');
const probes = Number(process.env.PROBES ?? '10000');
const soakMinutes = Number(process.env.SOAK_MINUTES ?? '10');
const concurrency = Number(process.env.CONCURRENCY ?? '4');
const simulator = await startSimulator({ rateLimit: false });
const body = JSON.stringify({ phoneNumber: '+4712345678' });
const searches = (): number => simulator.requests.filter((request) => request.path.endsWith('/search')).length;

/** CPU seconds spent on a number of requests. */
interface CpuWindow {
  readonly requests: number;
  readonly cpuSeconds: number;
}

interface OursResult {
  readonly requests: number;
  /** The first WARMUP requests. */
  readonly warmup: CpuWindow;
  /** The PROBES requests after them. */
  readonly steady: CpuWindow;
  readonly rssAt1000: number;
  readonly rssAtEnd: number;
  readonly scrapes: number;
  /** Probes that missed their 900-ms deadline (the machine's load, not a judgement). */
  readonly timeouts: number;
}

/** The built monitor aimed at the simulator as a real target, on a 1-s schedule, with extra variables. */
async function startOurs(extra: Readonly<Record<string, string>>): Promise<{ child: ChildProcess; port: number }> {
  const { entry } = builtMonitor();
  const port = await freePort();
  const child = spawn(entry, [], {
    env: {
      PATH: process.env.PATH ?? '',
      ...simulatorTargetEnvironment(simulator),
      MONITOR_PORT: String(port),
      MONITOR_SCHEDULE: '* * * * * *',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilReady(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 20_000, gaveUp: () => child.exitCode !== null });
  return { child, port };
}

async function stopOurs(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
}

async function benchOurs(): Promise<OursResult> {
  const { child, port } = await startOurs({
    CONTRACT_MAX_RPS: '100000',
    CONTRACT_MAX_RPM: '6000000',
    MONITOR_TIMEOUT_MS: '900',
    MONITOR_DEGRADED_MS: '800',
    MONITOR_ROTATION_RUNS: '1',
  });
  try {
    const first = searches();
    const before = processUsage(child.pid as number);
    let rssAt1000 = 0;
    let scrapes = 0;
    // Where the warm-up ended: the count and the CPU read together, at the first check past WARMUP.
    let warm: { requests: number; cpuSeconds: number } | undefined;
    while (searches() - first < warmup + probes) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if ((await fetch(`http://127.0.0.1:${port}/metrics`)).ok) scrapes++;
      const done = searches() - first;
      if (rssAt1000 === 0 && done >= 1000) rssAt1000 = processUsage(child.pid as number).rssBytes;
      if (warm === undefined && done >= warmup) warm = { requests: done, cpuSeconds: processUsage(child.pid as number).cpuSeconds };
    }
    const after = processUsage(child.pid as number);
    const requests = searches() - first;
    const warmEnd = warm ?? { requests, cpuSeconds: after.cpuSeconds };
    const failed = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    // A wrong judgement fails the benchmark; a deadline missed on a loaded machine is counted and shown.
    const bad = [...failed.matchAll(/^customer_search_probes_total\{probe="([^"]+)",outcome="(?!success|degraded|timeout)[^"]+"\} ([1-9]\d*)/gm)];
    if (bad.length > 0) throw new Error(`monitor probes failed: ${bad.map((match) => match[0]).join('; ')}`);
    const timeouts = [...failed.matchAll(/^customer_search_probes_total\{probe="[^"]+",outcome="timeout"\} (\d+)/gm)].reduce((sum, [, count]) => sum + Number(count), 0);
    return {
      requests,
      warmup: { requests: warmEnd.requests, cpuSeconds: warmEnd.cpuSeconds - before.cpuSeconds },
      steady: { requests: requests - warmEnd.requests, cpuSeconds: after.cpuSeconds - warmEnd.cpuSeconds },
      rssAt1000,
      rssAtEnd: after.rssBytes,
      scrapes,
      timeouts,
    };
  } finally {
    await stopOurs(child);
  }
}

/** Resident memory of one minute of the soak, sampled every second, in bytes. */
interface SoakMinute {
  readonly peak: number;
  readonly median: number;
}

/** Peak and median resident memory of each minute of the soak. */
async function soakOurs(minutes: number): Promise<SoakMinute[]> {
  const { child, port } = await startOurs({});
  const peaks: SoakMinute[] = [];
  try {
    for (let minute = 0; minute < minutes; minute++) {
      const samples: number[] = [];
      for (let second = 0; second < 60; second++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        await (await fetch(`http://127.0.0.1:${port}/`)).text();
        samples.push(processUsage(child.pid as number).rssBytes);
      }
      peaks.push({ peak: Math.max(...samples), median: median(samples) });
    }
    return peaks;
  } finally {
    await stopOurs(child);
  }
}

/** blackbox_exporter's CPU time over its first WARMUP probes and the PROBES after them, its resident memory after 1 000 probes and after all, and the peak and median of its resident memory sampled every second as the soak samples ours. */
async function benchBlackbox(binary: string): Promise<{ warmup: CpuWindow; steady: CpuWindow; rssBytes: number; rssAt1000: number; peakRssBytes: number; medianRssBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'capi-blackbox-'));
  const config = [
    'modules:',
    '  capi_search:',
    '    prober: http',
    '    timeout: 10s',
    '    http:',
    '      method: POST',
    '      headers:',
    '        Content-Type: application/json',
    '        Accept: application/json',
    `      body: '${body}'`,
    '      valid_status_codes: [200]',
    '      fail_if_body_not_matches_regexp: ["\\"customers\\""]',
    '      oauth2:',
    `        client_id: ${simulator.clientId}`,
    `        client_secret: ${simulator.clientSecret}`,
    `        token_url: ${simulator.tokenUrl}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'blackbox.yml'), config);
  const port = await freePort();
  const child = spawn(binary, [`--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/probe?module=capi_search&target=${encodeURIComponent(`${simulator.baseUrl}/v1/client/customer/search`)}`;
  await waitUntilReady(`http://127.0.0.1:${port}/-/healthy`, { timeoutMs: 10_000, gaveUp: () => child.exitCode !== null });
  const before = processUsage(child.pid as number);
  let next = 0;
  let failures = 0;
  let rssAt1000 = 0;
  let warmCpuSeconds = before.cpuSeconds;
  const samples = [before.rssBytes];
  const sampler = setInterval(() => samples.push(processUsage(child.pid as number).rssBytes), 1000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < warmup + probes) {
        const probe = ++next;
        // The warm-up's end: the probes still in flight (at most CONCURRENCY - 1) are counted in it.
        if (probe === warmup + 1) warmCpuSeconds = processUsage(child.pid as number).cpuSeconds;
        const text = await (await fetch(url)).text();
        if (!/^probe_success 1$/m.test(text)) failures++;
        if (probe === 1000) rssAt1000 = processUsage(child.pid as number).rssBytes;
      }
    }),
  );
  clearInterval(sampler);
  const after = processUsage(child.pid as number);
  child.kill('SIGTERM');
  if (failures > 0) throw new Error(`${failures} blackbox probes failed`);
  return {
    warmup: { requests: warmup, cpuSeconds: warmCpuSeconds - before.cpuSeconds },
    steady: { requests: probes, cpuSeconds: after.cpuSeconds - warmCpuSeconds },
    rssBytes: after.rssBytes,
    rssAt1000,
    peakRssBytes: Math.max(...samples, after.rssBytes),
    medianRssBytes: median([...samples, after.rssBytes]),
  };
}

// blackbox_exporter right after the monitor, before the soak: on a shared machine, CPU figures
// taken minutes apart compare the load of two moments as much as the two processes.
const ours = await benchOurs();
const blackboxBinary = findBinary('prometheus-blackbox-exporter');
const theirs = blackboxBinary ? await benchBlackbox(blackboxBinary) : undefined;
const soak = soakMinutes > 0 ? await soakOurs(soakMinutes) : [];
await simulator.close();

const perProbe = (cpuSeconds: number, count: number): string => `${((cpuSeconds / count) * 1e6).toFixed(0)} µs`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ratio = (a: number, b: number | undefined): string => (b ? `${(a / b).toFixed(2)}×` : '–');
const total = warmup + probes;
process.stdout.write(
  `Monitor: the real process (bin/capi-monitor: the production build and node flags, ${ours.scrapes} /metrics scrapes${ours.timeouts > 0 ? `, ${ours.timeouts} probes past their deadline on this loaded machine` : ''}) judging ${ours.requests} requests, beside blackbox_exporter running ${total} probes ${concurrency} at a time\n\n`,
);
process.stdout.write('| measure | capi-contract monitor | prometheus-blackbox-exporter | ratio |\n| --- | --- | --- | --- |\n');
const cpuRow = (label: string, window: (result: { warmup: CpuWindow; steady: CpuWindow }) => CpuWindow): string => {
  const mine = window(ours);
  const other = theirs ? window(theirs) : undefined;
  const cost = (of: CpuWindow): number => of.cpuSeconds / of.requests;
  return `| ${label} | ${perProbe(mine.cpuSeconds, mine.requests)} | ${other ? perProbe(other.cpuSeconds, other.requests) : 'not installed'} | ${ratio(cost(mine), other && cost(other))} |\n`;
};
process.stdout.write(cpuRow(`CPU time per request judged, after the first ${warmup} (the next ${probes}: what a running monitor costs)`, (result) => result.steady));
process.stdout.write(cpuRow(`CPU time per request judged, the first ${warmup} (V8 optimising the code as it gets hot)`, (result) => result.warmup));
process.stdout.write(`| resident memory after 1 000 requests | ${mib(ours.rssAt1000)} | ${theirs ? mib(theirs.rssAt1000) : 'not installed'} | ${ratio(ours.rssAt1000, theirs?.rssAt1000)} |\n`);
process.stdout.write(`| resident memory after ${total} requests | ${mib(ours.rssAtEnd)} | ${theirs ? mib(theirs.rssBytes) : 'not installed'} | ${ratio(ours.rssAtEnd, theirs?.rssBytes)} |\n`);
process.stdout.write(`| checks per request | status, content type, response schema, cap, results, rate-limit headers, no 5xx (all ${ruleNames.length} rules) | status 200, body matches "customers" | |\n`);
if (soak.length > 0) {
  const soakLabel = `resident memory per minute, 1-s schedule, /metrics and / every second, ${soak.length} min (blackbox_exporter: over its ${total} probes, sampled every second too)`;
  const peaks = soak.map((minute) => minute.peak);
  const medians = soak.map((minute) => minute.median);
  process.stdout.write(`| peak ${soakLabel} | ${peaks.map(mib).join(', ')} | ${theirs ? mib(theirs.peakRssBytes) : 'not installed'} | ${ratio(Math.max(...peaks), theirs?.peakRssBytes)} |\n`);
  process.stdout.write(`| median ${soakLabel} | ${medians.map(mib).join(', ')} | ${theirs ? mib(theirs.medianRssBytes) : 'not installed'} | ${ratio(Math.max(...medians), theirs?.medianRssBytes)} |\n`);
}
