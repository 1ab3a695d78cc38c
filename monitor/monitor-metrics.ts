import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ruleNames, type RuleName } from '../contracts/contract-rules';
import { isCorrectOutcome, probeOutcomes, tokenOutcomes, type ProbeOutcome, type TokenOutcome } from './probe-outcome';
import type { ProbeName } from './monitor-probes';
import { createBehaviourDriftGauge } from './behaviour-drift-gauge';
import { buildInfo } from './build-info';
import { CachedExposition } from './cached-exposition';

/** Histogram buckets in seconds, dense around the degraded and timeout thresholds. */
export function durationBuckets(degradedMs: number, timeoutMs: number): number[] {
  const degraded = degradedMs / 1000;
  const timeout = timeoutMs / 1000;
  const points = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, degraded / 2, degraded * 0.75, degraded, degraded * 1.5, timeout / 2, timeout * 0.9, timeout];
  return [...new Set(points.map((value) => Number(value.toFixed(4))))].filter((value) => value > 0).sort((a, b) => a - b);
}

/**
 * The monitor's metrics on a dedicated registry. Label names are typed, and every label set is
 * zeroed at start so that a missing series never reads as "fine" and dashboards see every probe
 * before its first failure. No label carries customer data, a URL, a token or a message.
 */
export class MonitorMetrics {
  readonly registry = new Registry();
  private readonly cachedExposition = new CachedExposition(this.registry);
  readonly probeSuccess: Gauge<'probe'>;
  readonly probes: Counter<'probe' | 'outcome'>;
  readonly violations: Counter<'probe' | 'rule'>;
  readonly acceptedDeviations: Counter<'rule'>;
  readonly probeDuration: Histogram<'probe'>;
  readonly lastSuccess: Gauge<'probe'>;
  readonly tokenFetches: Counter<'outcome'>;
  readonly tokenFetchDuration: Histogram<never>;
  readonly rateLimitRemaining: Gauge<never>;
  readonly overlaps: Counter<never>;
  readonly lastRun: Gauge<never>;
  readonly runDuration: Histogram<never>;
  readonly maintenance: Gauge<never>;
  readonly behaviourDrift: Gauge<'probe' | 'severity'>;
  readonly httpStatus: Gauge<'probe'>;
  readonly buildInfo: Gauge<'version' | 'revision' | 'node'>;

  /**
   * @param maintenanceActive whether a declared maintenance window is in force now; read at every
   * scrape, so the gauge flips at the window's edge, not at the next run.
   */
  constructor(probes: readonly ProbeName[], thresholds: { degradedMs: number; timeoutMs: number }, maintenanceActive: () => boolean = () => false) {
    const registers = [this.registry];
    // Event-loop lag sampled every 100 ms, not prom-client's default 10 ms: a probe runner needs no finer view, and the
    // sampling timer was a tenth of the monitor's CPU.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
    this.probeSuccess = new Gauge({ name: 'customer_search_probe_success', help: 'Whether the last run of the probe was correct (1) or not (0).', labelNames: ['probe'] as const, registers });
    this.probes = new Counter({ name: 'customer_search_probes_total', help: 'Probes run, by outcome.', labelNames: ['probe', 'outcome'] as const, registers });
    this.violations = new Counter({ name: 'customer_search_contract_violations_total', help: 'Contract rules broken by probe answers, by rule name.', labelNames: ['probe', 'rule'] as const, registers });
    this.acceptedDeviations = new Counter({
      name: 'customer_search_accepted_deviations_total',
      help: 'Rule violations an accepted-deviations entry covers: reported, not counted as failures.',
      labelNames: ['rule'] as const,
      registers,
    });
    this.probeDuration = new Histogram({
      name: 'customer_search_probe_duration_seconds',
      help: 'Wall time of one probe, token fetch included.',
      labelNames: ['probe'] as const,
      buckets: durationBuckets(thresholds.degradedMs, thresholds.timeoutMs),
      registers,
    });
    this.lastSuccess = new Gauge({ name: 'customer_search_last_success_timestamp_seconds', help: 'Unix time of the last correct run of the probe (0: never).', labelNames: ['probe'] as const, registers });
    this.tokenFetches = new Counter({ name: 'customer_search_token_fetches_total', help: 'OAuth 2.0 token fetches, by outcome.', labelNames: ['outcome'] as const, registers });
    this.tokenFetchDuration = new Histogram({ name: 'customer_search_token_fetch_duration_seconds', help: 'Wall time of one token fetch.', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
    this.rateLimitRemaining = new Gauge({ name: 'customer_search_rate_limit_remaining', help: 'Last X-RateLimit-Remaining the API sent (-1: never sent).', registers });
    this.overlaps = new Counter({ name: 'customer_search_scheduler_overlaps_total', help: 'Scheduled runs skipped because the previous run was still going.', registers });
    this.lastRun = new Gauge({ name: 'customer_search_last_run_timestamp_seconds', help: 'Unix time the last run of all probes finished.', registers });
    this.runDuration = new Histogram({ name: 'customer_search_run_duration_seconds', help: 'Wall time of one run of all probes.', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    this.maintenance = new Gauge({
      name: 'customer_search_maintenance',
      help: 'Whether a declared maintenance window (MONITOR_MAINTENANCE) is in force (1) or not (0); SLOs exclude those runs.',
      registers,
      collect() {
        this.set(maintenanceActive() ? 1 : 0);
      },
    });

    this.behaviourDrift = createBehaviourDriftGauge(this.registry, probes);
    this.httpStatus = new Gauge({
      name: 'customer_search_probe_http_status_code',
      help: 'HTTP status of the last answer to the probe (0: no answer, as on a timeout or network error).',
      labelNames: ['probe'] as const,
      registers,
    });
    this.buildInfo = new Gauge({ name: 'customer_search_build_info', help: 'Always 1; the labels say which build runs, on which Node.js.', labelNames: ['version', 'revision', 'node'] as const, registers });
    this.buildInfo.set({ ...buildInfo }, 1);

    this.zero(probes);
  }

  /** Every series before the first run, so dashboards and alerts see zeros rather than nothing. */
  private zero(probes: readonly ProbeName[]): void {
    for (const probe of probes) {
      this.probeSuccess.set({ probe }, 0);
      this.httpStatus.set({ probe }, 0);
      this.lastSuccess.set({ probe }, 0);
      this.probeDuration.zero({ probe });
      for (const outcome of probeOutcomes) this.probes.inc({ probe, outcome }, 0);
      for (const rule of ruleNames) this.violations.inc({ probe, rule }, 0);
    }
    for (const rule of ruleNames) this.acceptedDeviations.inc({ rule }, 0);
    for (const outcome of tokenOutcomes) this.tokenFetches.inc({ outcome }, 0);
    this.rateLimitRemaining.set(-1);
    this.overlaps.inc(0);
    this.lastRun.set(0);
  }

  /** What /metrics serves: the registry's exposition, each metric rendered again only after it changed. */
  exposition(): Promise<string> {
    return this.cachedExposition.text();
  }

  /** @param status the answer's HTTP status; undefined when none came. */
  recordProbe(probe: ProbeName, outcome: ProbeOutcome, seconds: number, rules: readonly RuleName[], at: Date, status?: number): void {
    const correct = isCorrectOutcome(outcome);
    this.httpStatus.set({ probe }, status ?? 0);
    this.probes.inc({ probe, outcome });
    this.probeSuccess.set({ probe }, correct ? 1 : 0);
    this.probeDuration.observe({ probe }, seconds);
    if (correct) this.lastSuccess.set({ probe }, at.getTime() / 1000);
    for (const rule of new Set(rules)) this.violations.inc({ probe, rule });
  }

  recordTokenFetch(outcome: TokenOutcome, seconds: number): void {
    this.tokenFetches.inc({ outcome });
    this.tokenFetchDuration.observe(seconds);
  }
}
