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

/** An answer refusing an undocumented method, other than the simulator's own 405. */
const refusedMethod = (status: number, exceptionType: string) => () => ({ status, body: JSON.stringify({ exceptionType, errorMessage: 'Method not supported' }) });

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
  // Answer formats and method refusals the standards allow (clause registry: RFC 9110, 9112, 8259, vendor facts).
  'chunked-slow-answers': {
    clause: 'rfc9112-7.1-chunked',
    description: 'Sends every 200 chunked, without Content-Length, in 4 pieces 5 ms apart.',
    behaviour: { trickle: { pieces: 4, delayMs: 5 } },
  },
  'charset-absent': {
    clause: 'rfc8259-11-no-charset',
    description: 'Serves 200 bodies as `application/json` with no charset parameter (RFC 8259 defines none).',
    behaviour: { successContentType: 'application/json' },
  },
  'media-type-case': {
    clause: 'rfc9110-8.3.1-media-type-case',
    description: 'Serves 200 bodies as `Application/JSON; Charset="UTF-8"`: type, subtype and parameter names are case-insensitive, the value quoted.',
    behaviour: { successContentType: 'Application/JSON; Charset="UTF-8"' },
  },
  'rate-limit-headers-absent': {
    clause: 'vendor-rate-limit-headers-optional',
    description: 'Sends no X-RateLimit-Remaining or X-RateLimit-Reset on answers other than 429 (only X-Mediaconnect-Api-Version).',
    behaviour: { rateHeaders: (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('x-ratelimit-'))) },
  },
  'method-not-found': {
    clause: 'rfc9110-15.5.5-not-found',
    description: 'Answers an undocumented method on the path with 404, as a router keyed on method and path does.',
    behaviour: { otherMethod: refusedMethod(404, 'NotFoundException') },
  },
  'method-not-implemented': {
    clause: 'rfc9110-9.1-not-implemented',
    description: 'Answers an undocumented method on the path with 501 Not Implemented.',
    behaviour: { otherMethod: refusedMethod(501, 'NotImplementedException') },
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
