import { checkExchange } from '../contracts/check-exchange';
import type { RuleName } from '../contracts/contract-rules';
import type { Exchange, RuleViolation } from '../contracts/exchange';
import type { OpenTarget } from '../client/open-target';
import { TokenError } from '../client/token-error';
import { TransportError } from '../client/transport-error';
import type { MonitorMetrics } from './monitor-metrics';
import type { MonitorProbe, ProbeName } from './monitor-probes';
import type { ProbeHistory, ProbeRecord } from './probe-history';
import type { ProbeOutcome } from './probe-outcome';
import type { MonitorLog } from './monitor-log';

export interface ProbeRunDeps {
  readonly target: OpenTarget;
  /** The probes to run; a subset is allowed (the benchmark runs one). */
  readonly probes: Readonly<Partial<Record<ProbeName, MonitorProbe>>>;
  readonly metrics: MonitorMetrics;
  readonly history: ProbeHistory;
  readonly log: MonitorLog;
  /** Deadline of one probe, token included, in milliseconds. */
  readonly timeoutMs: number;
  /** Correct but slower than this is `degraded`, in milliseconds. */
  readonly degradedMs: number;
}

type Attempt =
  | { readonly kind: 'answered'; readonly exchange: Exchange; readonly violations: readonly RuleViolation[] }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'deadline' };

/** Sorts one probe's attempt into an outcome; only a `contract_violation` counts its rules. */
export function classifyAttempt(attempt: Attempt, elapsedMs: number, degradedMs: number): { outcome: ProbeOutcome; detail: string } {
  if (attempt.kind === 'deadline') return { outcome: 'timeout', detail: 'probe deadline passed' };
  if (attempt.kind === 'failed') {
    const { error } = attempt;
    if (error instanceof TransportError) return { outcome: error.kind === 'timeout' ? 'timeout' : 'network_error', detail: error.message };
    if (error instanceof TokenError) {
      // An unreachable token endpoint is the network's failure, not the credentials'.
      if (error.kind === 'transport' && error.cause instanceof TransportError) {
        return { outcome: error.cause.kind === 'timeout' ? 'timeout' : 'network_error', detail: error.message };
      }
      return { outcome: 'auth_error', detail: error.message };
    }
    return { outcome: 'network_error', detail: error instanceof Error ? error.name : 'unknown failure' };
  }
  const { exchange, violations } = attempt;
  const status = exchange.response.status;
  if (violations.length === 0) {
    return elapsedMs > degradedMs
      ? { outcome: 'degraded', detail: `correct, but ${Math.round(elapsedMs)} ms > ${degradedMs} ms` }
      : { outcome: 'success', detail: '' };
  }
  const first = violations[0] as RuleViolation;
  const detail = `${first.rule}: expected ${first.expected}, received ${first.received}`;
  if (status === 429) return { outcome: 'rate_limited', detail: 'answered 429' };
  if ((status === 401 || status === 403) && exchange.request.auth === 'valid') return { outcome: 'auth_error', detail: `token refused with ${status}` };
  if (status >= 500) return { outcome: 'http_error', detail: `answered ${status}` };
  return { outcome: 'contract_violation', detail };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function runProbe(deps: ProbeRunDeps, name: ProbeName, probe: MonitorProbe): Promise<ProbeRecord> {
  const at = new Date();
  const started = performance.now();
  let attempt: Attempt;
  try {
    // No retry after 429 in production: a storm must show as rate_limited, not be hidden by waiting.
    const result = await withDeadline(deps.target.search.send(probe.request, { retryRateLimited: false }), deps.timeoutMs);
    attempt =
      result === 'deadline'
        ? { kind: 'deadline' }
        : { kind: 'answered', exchange: result, violations: checkExchange(result, probe.expectation, { casePath: probe.contractPath }).violations };
  } catch (error) {
    attempt = { kind: 'failed', error };
  }
  const elapsedMs = performance.now() - started;
  const { outcome, detail } = classifyAttempt(attempt, elapsedMs, deps.degradedMs);
  const rules: RuleName[] = outcome === 'contract_violation' && attempt.kind === 'answered' ? [...new Set(attempt.violations.map((v) => v.rule))] : [];
  const status = attempt.kind === 'answered' ? attempt.exchange.response.status : undefined;
  if (attempt.kind === 'answered') {
    const remaining = attempt.exchange.response.headers['x-ratelimit-remaining'];
    if (remaining !== undefined && /^\d+$/.test(remaining)) deps.metrics.rateLimitRemaining.set(Number(remaining));
  }
  deps.metrics.recordProbe(name, outcome, elapsedMs / 1000, rules, at);
  const record: ProbeRecord = { at, probe: name, outcome, status, latencyMs: Math.round(elapsedMs), rules, detail };
  deps.history.add(record);
  if (outcome !== 'success') {
    deps.log({ level: outcome === 'degraded' ? 'info' : 'warn', msg: 'probe', probe: name, outcome, status, rules, latency_ms: record.latencyMs, detail });
  }
  return record;
}

/** Runs every probe once, concurrently; never throws, whatever the target does. */
export async function runProbes(deps: ProbeRunDeps): Promise<ProbeRecord[]> {
  const started = performance.now();
  const entries = Object.entries(deps.probes) as [ProbeName, MonitorProbe][];
  const records = await Promise.all(entries.map(([name, probe]) => runProbe(deps, name, probe)));
  deps.metrics.runDuration.observe((performance.now() - started) / 1000);
  deps.metrics.lastRun.set(Date.now() / 1000);
  return records;
}
