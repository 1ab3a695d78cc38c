import { ConfigError } from '../client/config-error';
import { loadMonitorConfig } from './monitor-config';
import { jsonLineLog } from './monitor-log';
import { startSearchMonitor } from './search-monitor';

/*
 * Entry point of `npm start` (embedded simulator unless a target is configured) and
 * `npm run monitor` (`--require-target`: a real environment only).
 */
const requireExternal = process.argv.includes('--require-target');

let config;
try {
  config = loadMonitorConfig(process.env, { requireExternal });
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const monitor = await startSearchMonitor(config).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(`Cannot start the monitor on ${config.host}:${config.port}: ${code ?? (error as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`Monitor on ${monitor.url} (metrics: ${monitor.url}/metrics, recent probes: ${monitor.url}/)\n`);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  jsonLineLog({ level: 'info', msg: 'stopping', signal });
  monitor.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
