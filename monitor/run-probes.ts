import { checkExchange, type RuleViolation } from '../contracts/check-exchange';
import type { RuleName } from '../contracts/contract-rules';
import type { Exchange } from '../contracts/exchange';
import type { OpenTarget } from '../client/open-target';
import { TokenError } from '../client/token-error';
import { TransportError } from '../client/transport-error';
import type { MonitorMetrics } from './monitor-metrics';
import type { MonitorProbe, NamedProbe, ProbeName } from './monitor-probes';
import type { ProbeHistory, ProbeRecord, ProbeViolation } from './probe-history';
import { worstOutcome, type ProbeOutcome } from './probe-outcome';
import type { MonitorLog } from './monitor-log';
import { partitionViolations, type AcceptedDeviation } from '../gate/accepted-deviations';
import { activeMaintenance, type MaintenanceWindow } from './maintenance-windows';
import { newTraceId } from '../client/trace-context';
import { retriesOutlasting } from '../client/rate-limit-delay';
import type { HarEvidence } from '../gate/har-log';
import type { ProbeEvidence } from './probe-evidence';

export interface ProbeRunDeps {
  readonly target: OpenTarget;
  /** The named probes to run; a subset is allowed (the benchmark runs one). */
  readonly probes: Readonly<Partial<Record<NamedProbe, MonitorProbe>>>;
  /** This run's slice of the gate's other production-safe cases, reported as the `rotation` probe. */
  readonly rotation?: readonly MonitorProbe[];
  readonly metrics: MonitorMetrics;
  readonly history: ProbeHistory;
  readonly log: MonitorLog;
  /** Deadline of one probe, token included, in milliseconds. */
  readonly timeoutMs: number;
  /** Correct but slower than this is `degraded`, in milliseconds. */
  readonly degradedMs: number;
  /** Accepted deviations: the violations they cover are counted apart and do not fail a probe. */
  readonly deviations?: readonly AcceptedDeviation[];
  /** Declared maintenance windows: probes run as usual, their records and log lines are marked. */
  readonly maintenance?: readonly MaintenanceWindow[];
  /** The clock probes are stamped with. Default the system clock. */
  readonly now?: () => Date;
  /** Where each probe's last violating exchanges are kept for /evidence. */
  readonly evidence?: ProbeEvidence;
  /** Sees every answered probe case (the behaviour baseline's drift gauge). Default none. */
  readonly onAnswer?: (probe: ProbeName, caseTitle: string, exchange: Exchange, wider?: Exchange) => void;
}

type Attempt =
  | {
      readonly kind: 'answered';
      readonly exchange: Exchange;
      readonly wider?: Exchange;
      readonly violations: readonly RuleViolation[];
      /** The rule that judges the answer's status for this probe (its expectation's): a 429 breaks it by throttling, not by the contract. */
      readonly statusRule?: RuleName;
    }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'deadline' };

interface Classified {
  readonly outcome: ProbeOutcome;
  readonly detail: string;
  /** Rules counted in customer_search_contract_violations_total. */
  readonly rules: readonly RuleName[];
  /** The violations behind `rules`, for the / page (at most 3). */
  readonly violations?: readonly ProbeViolation[];
}

/**
 * Sorts one probe's attempt into an outcome. Answers are judged by the rules first: a 5xx breaks
 * no-server-error and counts it (outcome `http_error`); a 429, or a refused token, is the
 * provider's documented throttling or our credentials, not the contract, and counts no rule, except
 * what a 429 breaks by its own form (a Retry-After outside RFC 9110, an error body that is not JSON).
 */
export function classifyAttempt(attempt: Attempt, elapsedMs: number, degradedMs: number): Classified {
  if (attempt.kind === 'deadline') return { outcome: 'timeout', detail: 'probe deadline passed', rules: [] };
  if (attempt.kind === 'failed') {
    const { error } = attempt;
    if (error instanceof TransportError) return { outcome: error.kind === 'timeout' ? 'timeout' : 'network_error', detail: error.message, rules: [] };
    if (error instanceof TokenError) {
      // An unreachable token endpoint is the network's failure, not the credentials'.
      if (error.kind === 'transport' && error.cause instanceof TransportError) {
        return { outcome: error.cause.kind === 'timeout' ? 'timeout' : 'network_error', detail: error.message, rules: [] };
      }
      // A throttled token endpoint is the provider's rate limit, as a 429 to the search is: not the credentials.
      if (error.kind === 'throttled') return { outcome: 'rate_limited', detail: error.message, rules: [] };
      return { outcome: 'auth_error', detail: error.message, rules: [] };
    }
    return { outcome: 'network_error', detail: error instanceof Error ? error.name : 'unknown failure', rules: [] };
  }
  const { exchange } = attempt;
  const status = exchange.response.status;
  // A 429 is throttling, not the contract: only what the answer itself breaks (its Retry-After, its error body) counts.
  const violations = status === 429 ? attempt.violations.filter((violation) => violation.rule !== attempt.statusRule) : attempt.violations;
  const [first] = violations;
  if (first === undefined) {
    if (status === 429) return { outcome: 'rate_limited', detail: 'answered 429', rules: [] };
    return elapsedMs > degradedMs
      ? { outcome: 'degraded', detail: `correct, but ${Math.round(elapsedMs)} ms > ${degradedMs} ms`, rules: [] }
      : { outcome: 'success', detail: '', rules: [] };
  }
  const rules = [...new Set(violations.map((violation) => violation.rule))];
  const detail = `${first.rule}: expected ${first.expected}, received ${first.received}`;
  const shown = violations.slice(0, 3).map(({ rule, expected, received }) => ({ rule, expected, received }));
  if (rules.includes('no-server-error')) return { outcome: 'http_error', detail, rules, violations: shown };
  if ((status === 401 || status === 403) && exchange.request.auth === 'valid') return { outcome: 'auth_error', detail: `token refused with ${status}`, rules: [] };
  return { outcome: 'contract_violation', detail, rules, violations: shown };
}

const systemClock = (): Date => new Date();

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Retries of one probe's search after 429: enough for a bare 429's back-off to outlast the
 * documented per-second window (4), since a run's burst can fill a strict provider's second, too
 * few to hide a storm, which still shows as rate_limited.
 */
const MAX_RATE_LIMIT_RETRIES = retriesOutlasting(1000);

/** Sends one probe (its wider search first, when it has one) under the deadline and judges it. */
async function attemptProbe(deps: ProbeRunDeps, probe: MonitorProbe, name: ProbeName): Promise<AttemptResult> {
  const started = performance.now();
  // One trace per probe run: its wider search and its search share it, each with its own span.
  const traceId = newTraceId();
  let attempt: Attempt;
  try {
    // The retries after 429 stay inside the probe's deadline too.
    const sendOptions = { maxRateLimitRetries: MAX_RATE_LIMIT_RETRIES, notAfter: Date.now() + deps.timeoutMs, traceId };
    const send = async (): Promise<Attempt> => {
      const wider = probe.wider ? await deps.target.search.send(probe.wider, sendOptions) : undefined;
      const exchange = await deps.target.search.send(probe.request, sendOptions);
      const { violations } = checkExchange(exchange, probe.expectation, { casePath: probe.contractPath, ...(wider ? { wider } : {}) });
      const { counted, accepted } = partitionViolations(violations, probe.title, deps.deviations ?? [], new Date());
      for (const { violation } of accepted) deps.metrics.acceptedDeviations.inc({ rule: violation.rule });
      return { kind: 'answered', exchange, ...(wider ? { wider } : {}), violations: counted, statusRule: probe.expectation.rule };
    };
    const result = await withDeadline(send(), deps.timeoutMs);
    attempt = result === 'deadline' ? { kind: 'deadline' } : result;
  } catch (error) {
    attempt = { kind: 'failed', error };
  }
  const elapsedMs = performance.now() - started;
  if (attempt.kind === 'answered') {
    deps.onAnswer?.(name, probe.title, attempt.exchange, attempt.wider);
    const remaining = attempt.exchange.response.headers['x-ratelimit-remaining'];
    if (remaining !== undefined && /^\d+$/.test(remaining)) deps.metrics.rateLimitRemaining.set(Number(remaining));
  }
  const classified = classifyAttempt(attempt, elapsedMs, deps.degradedMs);
  // Kept only when a rule is broken: the exchanges the vendor needs to see, the wider search first.
  const evidence: HarEvidence[] =
    attempt.kind === 'answered' && (classified.violations ?? []).length > 0
      ? [...(attempt.wider ? [{ case: probe, exchange: attempt.wider }] : []), { case: probe, exchange: attempt.exchange, violations: attempt.violations }]
      : [];
  return { classified, status: attempt.kind === 'answered' ? attempt.exchange.response.status : undefined, elapsedMs, traceId, evidence };
}

interface AttemptResult {
  readonly classified: Classified;
  readonly status: number | undefined;
  readonly elapsedMs: number;
  readonly traceId: string;
  /** The exchanges behind a broken rule; empty otherwise. */
  readonly evidence: readonly HarEvidence[];
}

function record(deps: ProbeRunDeps, name: ProbeName, at: Date, result: AttemptResult): ProbeRecord {
  const { outcome, detail, rules, violations = [] } = result.classified;
  const { traceId } = result;
  deps.metrics.recordProbe(name, outcome, result.elapsedMs / 1000, rules, at, result.status);
  const maintenance = activeMaintenance(deps.maintenance ?? [], at)?.reason;
  const entry: ProbeRecord = { at, probe: name, outcome, status: result.status, latencyMs: Math.round(result.elapsedMs), rules, violations, detail, traceId, ...(maintenance ? { maintenance } : {}) };
  deps.history.add(entry);
  deps.evidence?.keep(name, result.evidence);
  if (outcome !== 'success') {
    // A failure during declared maintenance is expected: logged, but not as a warning.
    const level = outcome === 'degraded' || maintenance ? 'info' : 'warn';
    deps.log({ level, msg: 'probe', probe: name, outcome, status: result.status, rules, latency_ms: entry.latencyMs, detail, trace_id: traceId, ...(maintenance ? { maintenance } : {}) });
  }
  return entry;
}

/**
 * The rotation slice as one probe: its cases run one after another under one deadline each; the
 * worst outcome stands for the slice, every broken rule is counted, and the detail names the case
 * (case titles carry no customer data).
 */
async function runRotation(deps: ProbeRunDeps, slice: readonly MonitorProbe[]): Promise<ProbeRecord> {
  const at = (deps.now ?? systemClock)();
  const results = [];
  for (const probe of slice) results.push({ probe, ...(await attemptProbe(deps, probe, 'rotation')) });
  const worst = worstOutcome(results.map((result) => result.classified.outcome));
  const failing = results.find((result) => result.classified.outcome === worst && worst !== 'success' && worst !== 'degraded');
  const rules = [...new Set(results.flatMap((result) => result.classified.rules))];
  return record(deps, 'rotation', at, {
    classified: {
      outcome: worst,
      rules,
      violations: results.flatMap((result) => result.classified.violations ?? []).slice(0, 3),
      detail: failing ? `${failing.probe.title}: ${failing.classified.detail}` : `${results.length} cases correct`,
    },
    status: failing?.status ?? results[0]?.status,
    elapsedMs: Math.max(0, ...results.map((result) => result.elapsedMs)),
    // The failing case's trace: the one worth looking up at the provider.
    traceId: (failing ?? results[0])?.traceId ?? newTraceId(),
    evidence: (failing?.evidence.length ? failing.evidence : results.find((result) => result.evidence.length > 0)?.evidence) ?? [],
  });
}

/** Runs every named probe once, concurrently, and the rotation slice beside them; never throws, whatever the target does. */
export async function runProbes(deps: ProbeRunDeps): Promise<ProbeRecord[]> {
  const started = performance.now();
  const entries = Object.entries(deps.probes) as [NamedProbe, MonitorProbe][];
  const named = entries.map(async ([name, probe]) => {
    const at = (deps.now ?? systemClock)();
    return record(deps, name, at, await attemptProbe(deps, probe, name));
  });
  const rotation = deps.rotation && deps.rotation.length > 0 ? [runRotation(deps, deps.rotation)] : [];
  const records = await Promise.all([...named, ...rotation]);
  deps.metrics.runDuration.observe((performance.now() - started) / 1000);
  deps.metrics.lastRun.set(Date.now() / 1000);
  return records;
}
