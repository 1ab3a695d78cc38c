import type { ProviderBehaviour } from './provider-behaviour';

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
 * Searches (with a valid token) after which the tokens-revoked variant invalidates every token: often
 * enough that one gate run and one monitor run both meet a revocation, rarely enough (above the
 * campaign's 8 workers) that the one search a client sends again with a new token is answered.
 */
export const REVOKE_TOKENS_EVERY = 10;

/** Searches the concurrency-limited variant answers at once, and how long each takes it (ms): long enough that the campaign's 8 workers overlap. */
export const CONCURRENCY_LIMIT = 3;
const CONCURRENCY_HOLD_MS = 20;

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
