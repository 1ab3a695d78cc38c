import type { SearchRequestBody } from './search-customer-types';
import type { RuleName } from './contract-rules';

/** How a request authenticates: a real token, or one of the ways of not having one. */
export type AuthMode = 'valid' | 'none' | 'malformed' | 'unknown' | 'expired';

export interface ExchangeRequest {
  /** The body sent, serialised as JSON: an object for searches, any JSON value for malformed-input cases. */
  readonly body: SearchRequestBody | unknown;
  /** Sent verbatim instead of `body` when set: bodies that are not JSON at all. */
  readonly rawBody?: string;
  readonly auth: AuthMode;
  /** Status asked for with `Prefer: code=NNN`, on targets that honour it. */
  readonly prefer?: number;
}

export interface ExchangeResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** Wall time of the last attempt, in milliseconds. */
  readonly durationMs: number;
  /** 1 plus the number of retries after 429 or a rejected cached token. */
  readonly attempts: number;
}

/** One request and the response that answered it: the evidence every rule judges. */
export interface Exchange {
  readonly request: ExchangeRequest;
  readonly response: ExchangeResponse;
}

/** What the customers of a 200 must show for the search to count as answered. */
export interface ResultExpectation {
  /** The search is by this phone number (results-match-criteria judges every criterion from the request itself). */
  readonly phoneNumber?: string;
  /** The search is by this email (results-match-criteria judges every criterion from the request itself). */
  readonly email?: string;
  /** Some customer has this number. */
  readonly customerNumber?: number;
  /** The search is known to match more than the cap: at least one customer must come back. */
  readonly overCap?: boolean;
}

/** Rules whose cases expect a 400 for a request that breaks the request schema. */
export type RefusalRule = 'field-max-length' | 'field-type' | 'field-format' | 'search-requirement' | 'invalid-body-refused';

/** What one case expects of the target, besides the rules every response must meet. */
export type Expectation =
  | { readonly kind: 'accepted'; readonly rule: 'valid-search-accepted'; readonly results?: ResultExpectation }
  | { readonly kind: 'refused'; readonly rule: RefusalRule }
  | { readonly kind: 'unauthorized'; readonly rule: 'auth-required' }
  | { readonly kind: 'forced'; readonly rule: 'forced-error-status'; readonly status: number }
  /** The page does not rule on this input (see the contradictions): only the universal rules judge it. */
  | { readonly kind: 'unruled'; readonly rule: 'no-server-error' };

/** A rule broken by one exchange. */
export interface RuleViolation {
  readonly rule: RuleName;
  /** The precise contract path broken, e.g. `#/components/schemas/Customer/properties/postalCode/type`. */
  readonly contractPath: string;
  readonly expected: string;
  readonly received: string;
}
