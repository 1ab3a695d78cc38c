import { OPERATION_POINTER } from '../contracts/contract-reader';
import { DOCUMENTED_RATE_LIMITS } from '../contracts/documented-rate-limits';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

/** How a burst is sent: at most `calls` searches, every one started within `withinMs` of the first. */
export interface RateLimitBurst {
  readonly calls: number;
  readonly withinMs: number;
}

/** The case the burst sends, and how: the first 429 it draws (else its last answer) is what every rule judges. */
export interface RateLimitBurstCase extends ContractCase {
  readonly burst: RateLimitBurst;
}

/**
 * The documented limit, passed on purpose ("exceeding them throttles calls with 429", clause
 * vendor-rate-limits): the known customer's phone search, a valid search every provider answers, sent
 * up to twice the per-second limit plus once within one second. Twice: a provider counting per
 * calendar second may split one second of calls across two of its windows, and one of them then
 * still holds more than the limit. It stays far inside the per-minute limit, beside the run's own calls.
 */
export function rateLimitBurstCase(profile: TargetProfile): RateLimitBurstCase {
  const calls = 2 * DOCUMENTED_RATE_LIMITS.perSecond + 1;
  return {
    title: `rate limit: the known customer's phone search sent up to ${calls} times within a second is answered 200 or 429`,
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'valid' },
    expectation: { kind: 'throttled', rule: 'valid-search-accepted' },
    contractPath: `${OPERATION_POINTER}/responses/429`,
    burst: { calls, withinMs: 1_000 },
  };
}
