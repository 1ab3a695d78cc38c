import { createNodeTransport, type HttpTransport } from '../client/http-transport';
import { openTarget, type OpenTarget } from '../client/open-target';
import type { EmbeddedProvider, StartEmbeddedProvider } from '../client/embedded-provider';
import type { MonitorConfig } from './monitor-config';
import { jsonLineLog, type MonitorLog } from './monitor-log';
import { MonitorMetrics } from './monitor-metrics';
import { monitorProbes, probeNames, rotationPool, rotationSlice } from './monitor-probes';
import { ProbeHistory, type ProbeRecord } from './probe-history';
import { startMonitorServer } from './monitor-server';
import { buildInfo } from './build-info';
import type { StatusPageInfo } from './status-page';
import { runProbes } from './run-probes';
import { buildContractCases } from '../cases/contract-cases';
import { isExpired } from '../gate/accepted-deviations';
import { activeMaintenance } from './maintenance-windows';
import { ProbeEvidence } from './probe-evidence';
import type { WebSecurity } from './web-config';
import { watchBehaviourDrift, type BehaviourDriftWatch } from './behaviour-drift-gauge';
import { targetKey } from '../gate/counterexample-store';
import { CredentialWatch } from './credential-watch';
import { scheduleRuns, type RunSchedule } from './run-schedule';

export interface SearchMonitor<P extends EmbeddedProvider = EmbeddedProvider> {
  readonly url: string;
  readonly metrics: MonitorMetrics;
  readonly history: ProbeHistory;
  /** Each probe's last violating exchanges, served as HAR at /evidence/<probe>.har. */
  readonly evidence: ProbeEvidence;
  /** Drift of probe answers from the gate's behaviour baseline of this target. */
  readonly drift: BehaviourDriftWatch;
  readonly target: OpenTarget<P>;
  /** Runs every probe once now. */
  runOnce(): Promise<ProbeRecord[]>;
  /**
   * What the schedule calls: a run, or, while one is still going, nothing but an overlap counted and
   * logged. (The schedule's own overlap guard only knows its own calls, not the run made at start.)
   */
  tick(): Promise<ProbeRecord[]> | undefined;
  /** Stops scheduling, lets a running probe finish, closes the server and the embedded simulator. */
  stop(): Promise<void>;
}

export interface SearchMonitorOptions<P extends EmbeddedProvider = EmbeddedProvider> {
  readonly transport?: HttpTransport;
  readonly log?: MonitorLog;
  /** Starts the embedded simulator; needed only when no real environment is configured. */
  readonly startEmbedded?: StartEmbeddedProvider<P>;
  /** Schedule runs (MONITOR_SCHEDULE, UTC). Default true; tests drive runOnce instead. */
  readonly schedule?: boolean;
  /** Run once right away, so metrics are live before the first tick. Default true. */
  readonly runAtStart?: boolean;
  /** The clock that stamps probes and decides whether a maintenance window is in force. Default the system clock. */
  readonly now?: () => Date;
  /** TLS and basic auth already loaded from config.webConfigFile; loaded here when absent. */
  readonly security?: WebSecurity;
}

/** The scheduler's side: runs, the overlap guard and the time of the last finished run. */
function probeRunner(config: MonitorConfig, deps: Omit<Parameters<typeof runProbes>[0], 'probes' | 'rotation' | 'timeoutMs' | 'degradedMs' | 'deviations' | 'maintenance'>) {
  const cases = buildContractCases(config.target.profile);
  const probes = monitorProbes(config.target.profile, cases);
  const pool = rotationPool(config.target.profile, cases);
  let runs = 0;
  let lastRunAt: Date | undefined;
  let running: Promise<ProbeRecord[]> | undefined;
  const runOnce = (): Promise<ProbeRecord[]> => {
    const rotation = rotationSlice(pool, runs++, config.rotationRuns);
    const limits = { timeoutMs: config.timeoutMs, degradedMs: config.degradedMs, deviations: config.deviations.deviations, maintenance: config.maintenance };
    const run = runProbes({ ...deps, ...limits, probes, rotation })
      .catch((error: unknown) => {
        // runProbes does not throw; this guard keeps the scheduler alive if that ever changes.
        deps.log({ level: 'error', msg: 'run failed', error: error instanceof Error ? error.name : 'unknown' });
        return [] as ProbeRecord[];
      })
      .finally(() => {
        lastRunAt = new Date();
        if (running === run) running = undefined;
      });
    running = run;
    return run;
  };
  const skipOverlap = (): void => {
    deps.metrics.overlaps.inc();
    deps.log({ level: 'warn', msg: 'run skipped: the previous run is still going' });
  };
  const tick = (): Promise<ProbeRecord[]> | undefined => {
    if (!running) return runOnce();
    skipOverlap();
    return undefined;
  };
  return { runOnce, tick, skipOverlap, lastRunAt: () => lastRunAt, running: () => running };
}

/** The start log line: what runs against what, never a secret. */
function logStart(log: MonitorLog, config: MonitorConfig, url: string, target: OpenTarget, security: WebSecurity | undefined): void {
  const fault = config.target.kind === 'simulator' ? config.target.simulatorFault : undefined;
  log({
    level: 'info',
    msg: 'monitor started',
    url,
    target: target.kind,
    ...(target.kind === 'external' ? { base_url: target.baseUrl } : {}),
    ...(fault ? { simulator_fault: fault } : {}),
    ...(config.target.kind === 'simulator' && config.target.simulatorVariant ? { simulator_variant: config.target.simulatorVariant } : {}),
    schedule: config.schedule,
    probes: probeNames.length,
    build: `${buildInfo.version} (${buildInfo.revision})`,
    ...(security ? { tls: security.tls !== undefined, basic_auth: security.authorize !== undefined } : {}),
    ...(config.maintenance.length > 0 ? { maintenance_windows: config.maintenance.length } : {}),
  });
  for (const deviation of config.deviations.deviations.filter((entry) => isExpired(entry, new Date()))) {
    log({ level: 'warn', msg: 'accepted deviation expired: its violations count again', deviation: deviation.id, rule: deviation.rule, expires: deviation.expires });
  }
}

/** The target, its token fetches counted, logged and followed by the credential watch. */
function openMonitoredTarget<P extends EmbeddedProvider>(
  config: MonitorConfig,
  options: SearchMonitorOptions<P>,
  metrics: MonitorMetrics,
  log: MonitorLog,
  credentials: CredentialWatch,
): Promise<OpenTarget<P>> {
  return openTarget(config.target, {
    transport: options.transport ?? createNodeTransport(),
    ...(options.startEmbedded ? { startEmbedded: options.startEmbedded } : {}),
    onTokenFetch: (outcome, durationMs) => {
      metrics.recordTokenFetch(outcome, durationMs / 1000);
      if (outcome !== 'success') log({ level: 'warn', msg: 'token fetch failed', outcome });
      credentials.observe(outcome);
    },
  });
}

/** What the / page shows besides the history, as of now. */
function pageInfo(
  config: MonitorConfig,
  target: OpenTarget,
  now: { maintenance: StatusPageInfo['maintenance']; credentials: CredentialWatch['state']; evidence: ProbeEvidence; behaviourDrift: string },
): StatusPageInfo {
  return {
    target: target.kind === 'simulator' ? `embedded simulator (${target.baseUrl})` : target.baseUrl,
    faultMode: config.target.kind === 'simulator' ? config.target.simulatorFault : undefined,
    variant: config.target.kind === 'simulator' ? config.target.simulatorVariant : undefined,
    build: buildInfo,
    schedule: config.schedule,
    // Once per run, and never more than every 5 s: the page is for people, not a poller.
    refreshSeconds: Math.max(5, Math.round(config.intervalMs / 1000)),
    maintenance: now.maintenance,
    credentials: now.credentials,
    hasEvidence: (probe) => now.evidence.has(probe),
    runbookBase: config.runbookBase,
    behaviourDrift: now.behaviourDrift,
  };
}

/** Wires target, probes, metrics, history, HTTP server and schedule together. */
export async function startSearchMonitor<P extends EmbeddedProvider = EmbeddedProvider>(
  config: MonitorConfig,
  options: SearchMonitorOptions<P> = {},
): Promise<SearchMonitor<P>> {
  const log = options.log ?? jsonLineLog;
  // Before anything starts: a bad web configuration throws its ConfigError with nothing to close.
  const security = options.security ?? (config.webConfigFile ? (await import('./web-config')).loadWebConfig(config.webConfigFile) : undefined);
  const now = options.now ?? ((): Date => new Date());
  const maintenanceNow = () => activeMaintenance(config.maintenance, now());
  const metrics = new MonitorMetrics(probeNames, config, () => maintenanceNow() !== undefined);
  const history = new ProbeHistory(config.historySize);
  const evidence = new ProbeEvidence();
  const credentials = new CredentialWatch(log);
  const target = await openMonitoredTarget(config, options, metrics, log, credentials);
  const drift = watchBehaviourDrift(config.baseline, targetKey(config.target, target.baseUrl), metrics.behaviourDrift, (problem) =>
    log({ level: 'warn', msg: 'behaviour baseline not compared', problem }));
  const runner = probeRunner(config, { target, metrics, history, log, now, evidence, onAnswer: drift.onAnswer });
  let ready = false;
  const page = (): StatusPageInfo => pageInfo(config, target, { maintenance: maintenanceNow(), credentials: credentials.state, evidence, behaviourDrift: drift.section() });
  const server = await startMonitorServer({
    host: config.host,
    port: config.port,
    metrics,
    history,
    evidence,
    probes: probeNames,
    page,
    lastRunAt: runner.lastRunAt,
    ready: () => ready,
    ...(security ? { security } : {}),
  }).catch(async (error: unknown) => {
    await target.close();
    throw error;
  });
  const task: RunSchedule | undefined = options.schedule ?? true ? scheduleRuns(config.schedule, () => runner.tick(), runner.skipOverlap) : undefined;
  logStart(log, config, server.url, target, security);
  // The run at start fetches the first token: wrong credentials show at once, not at the first tick.
  if (options.runAtStart ?? true) void runner.runOnce();
  ready = true;
  return {
    url: server.url,
    metrics,
    history,
    evidence,
    drift,
    target,
    runOnce: runner.runOnce,
    tick: runner.tick,
    stop: async () => {
      ready = false;
      await task?.stop();
      await runner.running();
      await server.close();
      await target.close();
      log({ level: 'info', msg: 'monitor stopped' });
    },
  };
}
