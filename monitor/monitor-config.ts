import { ConfigError, type ConfigProblem } from '../client/config-error';
import { readInteger, unknownVariables, type Environment } from '../client/environment-reader';
import { loadTargetConfig, namesRealTarget, type TargetConfig, type TargetConfigOptions } from '../client/target-config';
import { DEVIATION_VARIABLES, loadDeviationConfig, type DeviationConfig } from '../gate/accepted-deviations';
import { BASELINE_VARIABLES, loadBaselineConfig, type BaselineConfig } from '../gate/baseline-config';
import { loadMaintenanceWindows, type MaintenanceWindow } from './maintenance-windows';
import { readRunbookBase } from './runbook-url';
import { scheduleProblem, shortestInterval } from './run-schedule';

export interface MonitorConfig {
  readonly target: TargetConfig;
  /** Cron expression, seconds field allowed, evaluated in UTC. Default every 30 s. */
  readonly schedule: string;
  /** Shortest gap between two scheduled runs, in milliseconds (derived from the schedule). */
  readonly intervalMs: number;
  /** Address the HTTP server binds. Default 127.0.0.1 (set 0.0.0.0 to be scraped from elsewhere). */
  readonly host: string;
  /** Port of /metrics, /healthz and /. Default 9464; 0 picks a free one. */
  readonly port: number;
  /** Deadline of one probe (token included), in milliseconds; below the interval. Default 10000. */
  readonly timeoutMs: number;
  /** A correct probe slower than this is `degraded`, in milliseconds. Default 2000. */
  readonly degradedMs: number;
  /** Probes kept for the / page. Default 200. */
  readonly historySize: number;
  /** Runs over which the rotation sends every other production-safe case of the gate once. Default 28 (14 minutes at the default schedule); 0 turns it off. */
  readonly rotationRuns: number;
  /** The suite's accepted deviations (CONTRACT_DEVIATIONS), counted apart from failures. */
  readonly deviations: DeviationConfig;
  /** The gate's behaviour baseline (CONTRACT_BASELINE, CONTRACT_BASELINE_FILE), compared with every probe answer. */
  readonly baseline: BaselineConfig;
  /** Declared maintenance windows (MONITOR_MAINTENANCE). Default none. */
  readonly maintenance: readonly MaintenanceWindow[];
  /** Exporter-toolkit web configuration (MONITOR_WEB_CONFIG): TLS and basic auth. Default none (plain HTTP, open). */
  readonly webConfigFile: string | undefined;
  /** Absolute URL of the runbook document (MONITOR_RUNBOOK_URL), for the page's links. Default none: entries named, not linked. */
  readonly runbookBase: string | undefined;
}

export const MONITOR_VARIABLES = [
  'MONITOR_SCHEDULE',
  'MONITOR_HOST',
  'MONITOR_PORT',
  'MONITOR_TIMEOUT_MS',
  'MONITOR_DEGRADED_MS',
  'MONITOR_HISTORY',
  'MONITOR_ROTATION_RUNS',
  'MONITOR_MAINTENANCE',
  'MONITOR_WEB_CONFIG',
  'MONITOR_RUNBOOK_URL',
] as const;

const DEFAULT_SCHEDULE = '*/30 * * * * *';

/**
 * Reads the monitor's variables and the target's, reporting every problem in one ConfigError.
 * @param requireExternal refuse to run without CAPI_BASE_URL (`npm run monitor`, meant for real environments).
 */
export function loadMonitorConfig(env: Environment, options: { requireExternal?: boolean } & TargetConfigOptions = {}): MonitorConfig {
  const problems: ConfigProblem[] = unknownVariables(env, ['MONITOR_'], MONITOR_VARIABLES);
  let target: TargetConfig | undefined;
  try {
    target = loadTargetConfig(env, { ...options, knownVariables: [...(options.knownVariables ?? []), ...DEVIATION_VARIABLES, ...BASELINE_VARIABLES] });
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  let baseline: BaselineConfig = { mode: 'off', file: undefined, failOn: 'change' };
  try {
    baseline = loadBaselineConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  let deviations: DeviationConfig = { file: undefined, deviations: [], strict: false };
  try {
    deviations = loadDeviationConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  if (options.requireExternal && !namesRealTarget(env)) {
    problems.push({ variable: 'CAPI_BASE_URL', message: 'is required by npm run monitor (npm start monitors the embedded simulator)' });
  }

  const schedule = env.MONITOR_SCHEDULE?.trim() || DEFAULT_SCHEDULE;
  let intervalMs = 30_000;
  const scheduleInvalid = scheduleProblem(schedule);
  if (scheduleInvalid) problems.push({ variable: 'MONITOR_SCHEDULE', message: `is not a valid cron expression (${scheduleInvalid})` });
  else intervalMs = shortestInterval(schedule);
  const host = env.MONITOR_HOST?.trim() || '127.0.0.1';
  const port = readInteger(env, 'MONITOR_PORT', 9464, { min: 0, max: 65_535 }, problems);
  const timeoutMs = readInteger(env, 'MONITOR_TIMEOUT_MS', Math.min(10_000, Math.floor(intervalMs * 0.8)), { min: 50, max: 600_000 }, problems);
  const degradedMs = readInteger(env, 'MONITOR_DEGRADED_MS', Math.min(2_000, Math.floor(timeoutMs / 2)), { min: 1, max: 600_000 }, problems);
  const historySize = readInteger(env, 'MONITOR_HISTORY', 200, { min: 1, max: 100_000 }, problems);
  const rotationRuns = readInteger(env, 'MONITOR_ROTATION_RUNS', 28, { min: 0, max: 10_000 }, problems);
  const maintenance = loadMaintenanceWindows(env, problems);
  // Read and checked by loadWebConfig, loaded lazily with its YAML and bcrypt modules.
  const webConfigFile = env.MONITOR_WEB_CONFIG?.trim() || undefined;
  const runbookBase = readRunbookBase(env, problems);
  if (!scheduleInvalid && timeoutMs >= intervalMs) {
    problems.push({ variable: 'MONITOR_TIMEOUT_MS', message: `must be shorter than the schedule's interval (${intervalMs} ms)` });
  }
  if (degradedMs >= timeoutMs) {
    problems.push({ variable: 'MONITOR_DEGRADED_MS', message: `must be below MONITOR_TIMEOUT_MS (${timeoutMs} ms)` });
  }
  if (problems.length > 0 || !target) throw new ConfigError(problems);
  return { target, schedule, intervalMs, host, port, timeoutMs, degradedMs, historySize, rotationRuns, deviations, baseline, maintenance, webConfigFile, runbookBase };
}
