import { checkExchange } from '../contracts/check-exchange';
import { DOCUMENTED_RATE_LIMITS } from '../contracts/documented-rate-limits';
import type { Exchange } from '../contracts/exchange';
import { DeadlineError } from '../client/deadline-error';
import type { OpenTarget } from '../client/open-target';
import { drawn429HoldMs } from '../client/search-client';
import type { TargetProfile } from '../client/target-profile';
import { newTraceId } from '../client/trace-context';
import { rateLimitBurstCase, type RateLimitBurstCase } from '../cases/rate-limit-burst-case';
import type { CaseOptions, CaseResult, NotJudged } from './run-campaign';

/**
 * Searches of the burst in flight at once: 201 calls fit in a second with answers of up to 150 ms,
 * and a provider that limits concurrency rather than rate answers the burst 429 as well.
 */
export const BURST_IN_FLIGHT = 32;

/** What the burst did, for the run's header line. */
export interface BurstOutcome {
  /** The most searches the burst may send, and the time they must all start in (ms). */
  readonly calls: number;
  readonly withinMs: number;
  /** Searches sent, and answered (any status). */
  readonly sent: number;
  readonly answered: number;
  /** Position in sending order (1-based) of the search whose 429 came first; none when no 429 came. */
  readonly first429?: number;
  /** How long paced searches are held back after that 429, in ms (its hint, else one second). */
  readonly holdMs?: number;
  /** From the first search sent to the last answer, in ms. */
  readonly elapsedMs: number;
  /** The first failure without an answer (the network, the deadline), when one stopped the burst. */
  readonly failure?: string;
}

export interface BurstRun {
  readonly result: CaseResult;
  readonly outcome: BurstOutcome;
}

/** The burst's answers in the order they arrived, with each one's place in sending order. */
interface BurstAnswers {
  readonly answers: { readonly position: number; readonly exchange: Exchange }[];
  readonly failures: unknown[];
  readonly sent: number;
  readonly elapsedMs: number;
}

/**
 * Sends the burst's search outside the pacer and without 429 retries, a few dozen in flight, until
 * the first 429, the first failure, the last call, the burst's second or the run's deadline: each
 * bounds the loop, and every request its own timeout.
 */
async function sendBurst(target: OpenTarget, item: RateLimitBurstCase, traceId: string, stopAt: number | undefined): Promise<BurstAnswers> {
  const started = Date.now();
  const until = Math.min(started + item.burst.withinMs, stopAt ?? Number.POSITIVE_INFINITY);
  const answers: { position: number; exchange: Exchange }[] = [];
  const failures: unknown[] = [];
  let sent = 0;
  let stopped = false;
  const sender = async (): Promise<void> => {
    while (!stopped && sent < item.burst.calls && Date.now() < until) {
      const position = ++sent;
      try {
        const exchange = await target.search.send(item.request, { unpaced: true, retryRateLimited: false, traceId, ...(stopAt !== undefined ? { notAfter: stopAt } : {}) });
        answers.push({ position, exchange });
        if (exchange.response.status === 429) stopped = true;
      } catch (error) {
        failures.push(error);
        stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BURST_IN_FLIGHT, item.burst.calls) }, sender));
  return { answers, failures, sent, elapsedMs: Date.now() - started };
}

const describeFailure = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The gate's rate-limit burst (CONTRACT_RATE_LIMIT_BURST): draws a real 429 from a provider that
 * enforces the documented per-second limit, and judges the first 429 by every rule (else the last
 * answer: a provider more lenient than documented is no fault, and the outcome says so). The pacer
 * holds the run's later searches back as long as that 429 asks, so they are not rate-limited.
 */
export async function runRateLimitBurst(target: OpenTarget, profile: TargetProfile, options: CaseOptions = {}): Promise<BurstRun> {
  const item = rateLimitBurstCase(profile);
  const traceId = newTraceId();
  // A deadline already past sends nothing: the burst's loop ends before its first search.
  const { answers, failures, sent, elapsedMs } = await sendBurst(target, item, traceId, options.stopAt);
  const first429 = answers.find((answer) => answer.exchange.response.status === 429);
  const judged = first429 ?? answers.at(-1);
  const outcome: BurstOutcome = {
    ...item.burst,
    sent,
    answered: answers.length,
    elapsedMs,
    ...(first429 ? { first429: first429.position, holdMs: drawn429HoldMs(first429.exchange.response.headers) } : {}),
    ...(failures.length > 0 ? { failure: describeFailure(failures[0]) } : {}),
  };
  if (!judged) {
    const deadline = failures.some((error) => error instanceof DeadlineError) || (options.stopAt !== undefined && Date.now() >= options.stopAt);
    const notJudged: NotJudged = deadline ? { reason: 'deadline', detail: 'the run reached its deadline before the burst was answered' } : { reason: 'network', detail: `no answer: ${outcome.failure ?? 'none'}` };
    return { result: { case: item, exchange: undefined, check: { rulesChecked: [], violations: [] }, skipped: undefined, traceId, notJudged }, outcome };
  }
  const check = checkExchange(judged.exchange, item.expectation, { casePath: item.contractPath });
  return { result: { case: item, exchange: judged.exchange, check: { rulesChecked: check.rulesChecked, violations: check.violations }, skipped: undefined, traceId }, outcome };
}

/** The run's header line about the burst: the 429 it drew and judged, or that none came (information, never a fault). */
export function burstLine(outcome: BurstOutcome | undefined): string {
  if (!outcome) return 'Rate-limit burst: off (CONTRACT_RATE_LIMIT_BURST=0, or one case replayed)';
  const took = `${(outcome.elapsedMs / 1000).toFixed(2)} s`;
  if (outcome.first429 !== undefined) {
    return `Rate-limit burst: 429 to search ${outcome.first429} of ${outcome.sent} sent in ${took}; that answer judged by every rule, later searches held back ${outcome.holdMs ?? 0} ms`;
  }
  if (outcome.failure !== undefined) return `Rate-limit burst: no 429 before a search of the ${outcome.sent} sent in ${took} failed (${outcome.failure})${outcome.answered > 0 ? '; the last answer judged by every rule' : ''}`;
  const why = outcome.sent < outcome.calls ? `, the burst's ${outcome.withinMs} ms over before all ${outcome.calls} went` : '';
  return `Rate-limit burst: no 429 after ${outcome.sent} searches in ${took}${why}: the target did not enforce the documented ${DOCUMENTED_RATE_LIMITS.perSecond} calls/s (information, not a fault); the last answer judged by every rule`;
}
