import type { ProviderBehaviour, TokenRefusal, TokenRefusalReason } from './provider-behaviour';

/**
 * One choice the documentation page and the standards leave to the provider, made the other way than
 * the simulator's default. A correct provider may make it, so the gate and the monitor must pass it:
 * a variant that fails either is a false alarm of the suite, never a fault of the provider.
 */
export interface ProviderVariantDefinition {
  /** The clause (an id of the clause registry) that leaves this choice to the provider. */
  readonly clause: string;
  readonly description: string;
  readonly behaviour: ProviderBehaviour;
}

/** A customer with two properties the page does not list, as a newer API version may add. */
const withUndocumentedProperties = (customer: object): Record<string, unknown> => ({ ...customer, customerType: 'private', links: { self: '/v1/client/customer' } });

/**
 * Searches (with a valid token) after which the tokens-revoked variant invalidates every token: more
 * than the callers one client ever has waiting at once (the campaign's 8 workers, the monitor's 30 or
 * so searches of one run), so that the search a client sends again with its new token always comes
 * before the next revocation; few enough that a gate run meets several and the monitor one in two runs.
 */
export const REVOKE_TOKENS_EVERY = 40;

/** Searches the concurrency-limited variant answers at once, and how long each takes it (ms): long enough that the campaign's 8 workers overlap. */
export const CONCURRENCY_LIMIT = 3;
const CONCURRENCY_HOLD_MS = 20;

/** The headers of an answer less every X-RateLimit-* (the page's headers are optional: a provider may send none). */
const withoutRateLimitHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('x-ratelimit-')));

/**
 * Retry-After as an IMF-fixdate: whole seconds, so rounded up, or the client would come back early.
 * The clock is read when the 429 is sent.
 */
const retryAfterDate = (waitMs: number): Record<string, string> => ({ 'retry-after': new Date(Math.ceil((Date.now() + Math.max(1, waitMs)) / 1000) * 1000).toUTCString() });

/** RFC 6750 §3.1: no error code when the request had no credentials; `invalid_token` for a token that is not good. */
const unauthorized = (reason: TokenRefusalReason): TokenRefusal =>
  reason === 'missing' ? { status: 401, challenge: 'Bearer realm="capi"' } : { status: 401, challenge: `Bearer realm="capi", error="invalid_token"` };

/**
 * Named correct variants of the provider, made of the same hooks as the fault modes. Selected with
 * CONTRACT_SIMULATOR_VARIANT (gate and monitor alike); tests run the gate and the monitor against
 * each and expect no rule broken and every probe ok.
 */
export const providerVariants = {
  'extra-fields': {
    clause: 'page-response-schema-open',
    description: 'Answers customers with properties the page does not list (the schema does not forbid them).',
    behaviour: { presentCustomer: withUndocumentedProperties },
  },
  // Variants of the client's side of the standards: token handling, client authentication, rate limits.
  'tokens-revoked': {
    clause: 'rfc6750-3.1-invalid-token',
    description: `Invalidates every token issued so far after every ${REVOKE_TOKENS_EVERY} searches, as a key rotation or a restart does, and answers the old token 401 with WWW-Authenticate: Bearer error="invalid_token".`,
    behaviour: { revokesTokens: (validSearches: number) => validSearches % REVOKE_TOKENS_EVERY === 0 },
  },
  'basic-auth-only': {
    clause: 'rfc6749-2.3.1-client-password',
    description: 'The token endpoint accepts client credentials only through HTTP Basic, the one method RFC 6749 §2.3.1 makes every server support; credentials in the body get 401 invalid_client.',
    behaviour: { acceptsClientAuth: (method: 'basic' | 'body') => method === 'basic' },
  },
  'body-auth-only': {
    clause: 'rfc6749-2.3.1-client-password',
    description: 'The token endpoint accepts client credentials only in the form body, as many deployed servers do; HTTP Basic gets 401 invalid_client.',
    behaviour: { acceptsClientAuth: (method: 'basic' | 'body') => method === 'body' },
  },
  'concurrency-limited': {
    clause: 'rfc6585-4-too-many-requests',
    description: `Answers at most ${CONCURRENCY_LIMIT} searches at once, each taking ${CONCURRENCY_HOLD_MS} ms; one more gets 429 with Retry-After: 1.`,
    behaviour: { maxInFlight: CONCURRENCY_LIMIT, holdsSearchMs: CONCURRENCY_HOLD_MS },
  },
  'strict-rate-limit': {
    clause: 'rfc6585-4-too-many-requests',
    description: 'Allows 15 calls a second, far under the documented 100, and answers the rest 429 without any hint: no Retry-After, no X-RateLimit-* on any answer.',
    behaviour: { rateLimit: { perSecond: 15, perMinute: 2000 }, rateHeaders: withoutRateLimitHeaders },
  },
  'retry-after-date': {
    clause: 'rfc9110-10.2.3-retry-after',
    description: 'Allows 30 calls a second and says when to come back after a 429 with Retry-After as an HTTP-date (RFC 9110 allows it as well as seconds), and with no X-RateLimit-* on any answer.',
    behaviour: { rateLimit: { perSecond: 30, perMinute: 2000 }, rateLimitHint: retryAfterDate, rateHeaders: withoutRateLimitHeaders },
  },
  'unauthorized-401': {
    clause: 'forbidden-vs-unauthorized',
    description: 'Answers a search without a valid token 401 with an RFC 6750 §3.1 challenge (WWW-Authenticate: Bearer, with error="invalid_token" when a token was sent) instead of the documented 403.',
    behaviour: { tokenRefusal: unauthorized },
  },
} as const satisfies Record<string, ProviderVariantDefinition>;

export type ProviderVariant = keyof typeof providerVariants;

export const providerVariantNames = Object.keys(providerVariants) as ProviderVariant[];

export function isProviderVariant(name: string): name is ProviderVariant {
  return Object.hasOwn(providerVariants, name);
}

/** The behaviour of a variant, or none. */
export function variantBehaviour(variant: ProviderVariant | undefined): ProviderBehaviour {
  return variant === undefined ? {} : (providerVariants[variant] as ProviderVariantDefinition).behaviour;
}
