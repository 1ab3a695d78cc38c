import { ConfigError } from '../client/config-error';
import { namesRealTarget } from '../client/target-config';
import { loadMonitorConfig, type MonitorConfig } from './monitor-config';
import { MONITOR_HELP, parseMonitorFlags, type MonitorFlags } from './monitor-flags';
import { jsonLineLog } from './monitor-log';
import { startSearchMonitor, type SearchMonitor } from './search-monitor';
import type { WebSecurity } from './web-config';

/*
 * What bin/capi-monitor runs, for `npm start` (embedded simulator unless a target is configured),
 * `npm run monitor` (`--require-target`: a real environment only) and the container. See --help.
 */

/** Bad flags or configuration: one message naming the flag or variable, exit 2, nothing started. */
function refuse(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

let flags: MonitorFlags;
try {
  flags = parseMonitorFlags(process.argv.slice(2));
} catch (error) {
  refuse(error);
}
if (flags.help) {
  process.stdout.write(MONITOR_HELP);
  process.exit(0);
}
const env = { ...process.env, ...flags.environment };

// The simulator's code is loaded only when it is the target: a real-target monitor never loads it.
const embedded = namesRealTarget(env) ? undefined : await import('../simulator/embedded-simulator');
const faultModes = embedded ? (await import('../simulator/fault-modes')).faultModeNames : [];
const providerVariants = embedded ? (await import('../simulator/provider-variants')).providerVariantNames : [];

let config: MonitorConfig;
let security: WebSecurity | undefined;
try {
  config = loadMonitorConfig(env, { requireExternal: flags.requireTarget, faultModes, providerVariants });
  // The YAML parser and bcrypt are loaded only for a monitor that has a web configuration.
  if (config.webConfigFile) security = (await import('./web-config')).loadWebConfig(config.webConfigFile);
} catch (error) {
  refuse(error);
}

if (flags.check) {
  const target = config.target.kind === 'external' ? config.target.baseUrl : 'the embedded simulator';
  process.stdout.write(
    `Configuration OK: probing ${target} on schedule "${config.schedule}" (UTC, every ${config.intervalMs / 1000} s at most), ` +
      `deadline ${config.timeoutMs} ms, degraded above ${config.degradedMs} ms, serving ${config.host}:${config.port}` +
      `${security ? ` (${security.tls ? 'TLS' : 'plain HTTP'}${security.authorize ? ', basic auth' : ''})` : ''}` +
      `${config.maintenance.length > 0 ? `, ${config.maintenance.length} maintenance windows` : ''}\n`,
  );
  process.exit(0);
}

/*
 * Signals are handled from here on, so a SIGTERM during start-up also ends with exit code 0. As PID 1
 * in a container the kernel delivers only signals a process handles: these handlers are what make
 * `docker stop` work. bin/capi-monitor execs node, so no shell or npm stands between.
 */
let stopping = false;
let starting: Promise<SearchMonitor | undefined> = Promise.resolve(undefined);
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  jsonLineLog({ level: 'info', msg: 'stopping', signal });
  // A monitor still starting is let start, then stopped: nothing it opened is left behind.
  starting.then((monitor) => monitor?.stop()).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

starting = startSearchMonitor(config, { ...(embedded ? { startEmbedded: embedded.embeddedSimulator() } : {}), ...(security ? { security } : {}) }).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(`Cannot start the monitor on ${config.host}:${config.port}: ${code ?? (error as Error).message}\n`);
  process.exit(1);
});
const monitor = await starting;
if (monitor && !stopping) process.stdout.write(`Monitor on ${monitor.url} (metrics: ${monitor.url}/metrics, recent probes: ${monitor.url}/)\n`);
