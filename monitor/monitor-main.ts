import { ConfigError } from '../client/config-error';
import { loadMonitorConfig } from './monitor-config';
import { jsonLineLog } from './monitor-log';
import { startSearchMonitor } from './search-monitor';
import type { WebSecurity } from './web-config';

/*
 * Entry point of `npm start` (embedded simulator unless a target is configured) and
 * `npm run monitor` (`--require-target`: a real environment only). `--check` validates the
 * configuration, prints what would run and exits, like blackbox_exporter's --config.check.
 */
const requireExternal = process.argv.includes('--require-target');
const checkOnly = process.argv.includes('--check');

// The simulator's code is loaded only when it is the target: a real-target monitor never loads it.
const embedded = process.env.CAPI_BASE_URL?.trim() ? undefined : await import('../simulator/embedded-simulator');
const faultModes = embedded ? (await import('../simulator/fault-modes')).faultModeNames : [];
const providerVariants = embedded ? (await import('../simulator/provider-variants')).providerVariantNames : [];

let config;
let security: WebSecurity | undefined;
try {
  config = loadMonitorConfig(process.env, { requireExternal, faultModes, providerVariants });
  // The YAML parser and bcrypt are loaded only for a monitor that has a web configuration.
  if (config.webConfigFile) security = (await import('./web-config')).loadWebConfig(config.webConfigFile);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

if (checkOnly) {
  const target = config.target.kind === 'external' ? config.target.baseUrl : 'the embedded simulator';
  process.stdout.write(
    `Configuration OK: probing ${target} on schedule "${config.schedule}" (UTC, every ${config.intervalMs / 1000} s at most), ` +
      `deadline ${config.timeoutMs} ms, degraded above ${config.degradedMs} ms, serving ${config.host}:${config.port}` +
      `${security ? ` (${security.tls ? 'TLS' : 'plain HTTP'}${security.authorize ? ', basic auth' : ''})` : ''}` +
      `${config.maintenance.length > 0 ? `, ${config.maintenance.length} maintenance windows` : ''}\n`,
  );
  process.exit(0);
}

// Signals are handled from here on, so a SIGTERM during start-up also ends with exit code 0.
let stopping = false;
let stop: (() => Promise<void>) | undefined;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  jsonLineLog({ level: 'info', msg: 'stopping', signal });
  (stop ? stop() : Promise.resolve()).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

const monitor = await startSearchMonitor(config, { ...(embedded ? { startEmbedded: embedded.embeddedSimulator() } : {}), ...(security ? { security } : {}) }).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(`Cannot start the monitor on ${config.host}:${config.port}: ${code ?? (error as Error).message}\n`);
  process.exit(1);
});
stop = () => monitor.stop();
process.stdout.write(`Monitor on ${monitor.url} (metrics: ${monitor.url}/metrics, recent probes: ${monitor.url}/)\n`);
