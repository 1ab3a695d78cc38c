import type { Exchange, ExchangeRequest, Expectation } from '../contracts/exchange';

/** Where a generated case came from: enough to regenerate it exactly (fast-check seed and path). */
export interface CaseOrigin {
  readonly generator: 'valid' | 'invalid' | 'known-customer';
  readonly seed: number;
  /** fast-check path: the sample index, then the shrink steps (`7:1:0`). */
  readonly path: string;
}

/** One request the suite sends and what it expects of the answer. */
export interface ContractCase {
  /** Unique, stable, free of customer data: shown in reports. */
  readonly title: string;
  readonly request: ExchangeRequest;
  readonly expectation: Expectation;
  /** The precise contract path the case exercises. */
  readonly contractPath: string;
  /** A capability of the target the case needs; without it the case is skipped, saying why. */
  readonly needs?: 'fault-injection' | 'expired-token' | 'no-client-scope';
  /** The same search without the criteria this one adds: sent first, for `criteria-narrow-results`. */
  readonly wider?: ExchangeRequest;
  /** Set on generated cases. */
  readonly origin?: CaseOrigin;
}

/** A case and the exchange it produced, if any: what relation cases are derived from (the gate's CaseResult is one). */
export interface AnsweredCase {
  readonly case: ContractCase;
  readonly exchange: Exchange | undefined;
}
