import { createFetchTransport } from '../client/http-transport';
import { openTarget } from '../client/open-target';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { loadTargetConfig } from '../client/target-config';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { monitorProbes } from '../monitor/monitor-probes';
import { ProbeHistory } from '../monitor/probe-history';
import { runProbes } from '../monitor/run-probes';

/*
 * Child process of the monitor benchmark: runs the monitor's phone-search probe PROBES times against
 * the target in the environment (CONCURRENCY at a time), then prints its own CPU time and RSS as JSON.
 */
const total = Number(process.env.PROBES ?? '10000');
const concurrency = Number(process.env.CONCURRENCY ?? '4');
const config = loadTargetConfig(
  Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(CAPI_|CONNECTID_|CONTRACT_)/.test(name))),
);
const target = await openTarget(config, { transport: createFetchTransport(), startEmbedded: embeddedSimulator() });
const metrics = new MonitorMetrics(['phone-search'], { degradedMs: 2000, timeoutMs: 10_000 });
const history = new ProbeHistory(200);
const probes = { 'phone-search': monitorProbes(config.profile)['phone-search'] };
const cpuBefore = process.cpuUsage();
let failures = 0;
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next++ < total) {
      const [record] = await runProbes({ target, probes, metrics, history, log: () => undefined, timeoutMs: 10_000, degradedMs: 2000 });
      if (record?.outcome !== 'success' && record?.outcome !== 'degraded') failures++;
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
await target.close();
const rssBytes = process.memoryUsage().rss;
// Run with --expose-gc: what the probes retain, as opposed to heap V8 has not handed back yet.
(globalThis as { gc?: () => void }).gc?.();
const heapAfterGcBytes = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, rssBytes, heapAfterGcBytes, failures })}\n`);
