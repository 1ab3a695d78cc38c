import { countryOf } from '../contracts/search-criteria';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { SearchContext, TokenRefusal, TokenRefusalReason } from './provider-behaviour';
import { modeRegistry, type ModeDefinition } from './mode-registry';

/**
 * One choice the documentation page and the standards leave to the provider, made the other way than
 * the simulator's default. A correct provider may make it, so the gate and the monitor must pass it:
 * a variant that fails either is a false alarm of the suite, never a fault of the provider.
 */
export interface ProviderVariantDefinition extends ModeDefinition {
  /** The clause (an id of the clause registry) that leaves this choice to the provider. */
  readonly clause: string;
}

/** A customer with two properties the page does not list, as a newer API version may add. */
const withUndocumentedProperties = (customer: object): Record<string, unknown> => ({ ...customer, customerType: 'private', links: { self: '/v1/client/customer' } });

/** An answer refusing an undocumented method, other than the simulator's own 405. */
const refusedMethod = (status: number, exceptionType: string) => () => ({ status, body: JSON.stringify({ exceptionType, errorMessage: 'Method not supported' }) });
/** A body whose property `field` the reader rewrites, when it is an object holding one. */
const rewriting = (field: string, rewrite: (value: unknown) => unknown) => (parsed: unknown): unknown => {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.hasOwn(parsed, field)) return parsed;
  return { ...parsed, [field]: rewrite((parsed as Record<string, unknown>)[field]) };
};

/** A phone number written without "+" (digits alone, the "00" prefix, spaces or hyphens between digits) read as E.164 with "+". */
const withPlus = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const digits = value.trim().replace(/[ -]/g, '');
  if (!/^\d+$/.test(digits)) return value;
  return `+${digits.startsWith('00') ? digits.slice(2) : digits}`;
};

/** The customers found when the provider does not compare `field` at all. */
const ignoring = (field: keyof SearchRequestBody) => (_matched: readonly unknown[], { search, cap, match }: SearchContext) => {
  const { [field]: _ignored, ...rest } = search;
  return match(rest as SearchRequestBody).slice(0, cap);
};

/** The ISO 3166-1 codes, alpha-2 and alpha-3, of the Nordic countries: the list a provider serving them alone may check a countryCode against. */
const NORDIC_COUNTRY_CODES: readonly string[] = ['NO', 'NOR', 'SE', 'SWE', 'DK', 'DNK', 'FI', 'FIN', 'IS', 'ISL'];

/** Street numbers a provider that holds real addresses may refuse: below 1, or past five digits (no street runs that long). */
const outsideStreetNumbers = (search: SearchRequestBody): boolean =>
  typeof search.streetNumber === 'number' && (search.streetNumber < 1 || search.streetNumber > 99_999);

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

/** RFC 6750 §3.1: an Authorization header outside the Bearer syntax is a malformed request, 400 `invalid_request`; any other refusal as the simulator's. */
const malformedIsBadRequest = (reason: TokenRefusalReason): TokenRefusal =>
  reason === 'malformed' ? { status: 400, challenge: 'Bearer realm="capi", error="invalid_request"' } : { status: 403 };

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
    behaviour: { rateHeaders: withoutRateLimitHeaders },
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
  // The other choice wherever a recorded decision leaves one open (documentation-contradictions.ts):
  // correct providers, which the behaviour baseline reports as drift from the simulator's own.
  'fraction-street-number-read': {
    clause: 'scalar-coercion',
    description: 'Reads a fractional streetNumber (6.5) as its integer part, as lenient binders do, where the simulator refuses it.',
    behaviour: { readsBody: rewriting('streetNumber', (value) => (typeof value === 'number' && !Number.isInteger(value) ? Math.trunc(value) : value)) },
  },
  'email-plain-check': {
    clause: 'rfc5322-3.4.1-addr-spec',
    description: 'Checks an email only as one "@" between a local part and a domain, with no whitespace, where the simulator reads format email as JSON Schema validators do: leading and doubled dots or a comma are searched as sent, and find nobody.',
    behaviour: {
      ignoresViolation: (violation) => violation.instancePath === '/email' && violation.keyword === 'format',
      refuses: (search) => typeof search.email === 'string' && !/^[^\s@]+@[^\s@]+$/u.test(search.email),
    },
  },
  'phone-without-plus-read': {
    clause: 'phone-number-notation',
    description: 'Reads a phone number without "+" (digits alone, "00", spaces, hyphens, surrounding whitespace) as E.164 with "+", where the simulator refuses it.',
    behaviour: { readsBody: rewriting('phoneNumber', withPlus) },
  },
  'country-code-by-country': {
    clause: 'country-code-standard',
    description: 'Matches a sent countryCode by the country it names, so NOR and NO-03 find a customer held as NO, where the simulator compares the code as text.',
    behaviour: {
      results: (matched, { search, cap, match }) => {
        const country = countryOf(search.countryCode);
        if (country === undefined) return matched.slice(0, cap);
        const { countryCode: _, ...rest } = search;
        return match(rest)
          .filter((customer) => countryOf(customer.countryCode) === country)
          .slice(0, cap);
      },
    },
  },
  'product-code-not-compared': {
    clause: 'name-address-matching',
    description: 'Ignores productCode, a criterion no Customer property shows, where the simulator narrows by the products it holds beside each customer.',
    behaviour: { results: ignoring('productCode') },
  },
  'care-of-address-not-compared': {
    clause: 'name-address-matching',
    description: 'Ignores careOfAddress, a criterion no Customer property shows, where the simulator narrows by the care-of address it holds beside each customer.',
    behaviour: { results: ignoring('careOfAddress') },
  },
  'street-number-range-refused': {
    clause: 'integer-range',
    description: 'Refuses street numbers below 1 and past 99999, where the simulator accepts any integer.',
    behaviour: { refuses: outsideStreetNumbers },
  },
  'country-code-list': {
    clause: 'country-code-standard',
    description: `Refuses a countryCode outside the codes it serves (${NORDIC_COUNTRY_CODES.join(', ')}), as a provider that checks codes against its list does, where the simulator takes any code of 3 characters at most.`,
    behaviour: { refuses: (search) => typeof search.countryCode === 'string' && !NORDIC_COUNTRY_CODES.includes(search.countryCode) },
  },
  'email-path-length': {
    clause: 'rfc5321-4.5.3.1.3-path-length',
    description: 'Refuses an email longer than 254 characters, the most an RFC 5321 path carries, where the page allows 255.',
    behaviour: { refuses: (search) => typeof search.email === 'string' && search.email.length > 254 },
  },
  'error-body-text': {
    clause: 'error-bodies',
    description: 'Answers errors with a text/plain body, where the simulator sends a JSON object.',
    behaviour: { errorAnswer: (status, body) => ({ status, body: Object.values(JSON.parse(body) as Record<string, string>).join(': '), contentType: 'text/plain; charset=utf-8' }) },
  },
  'postal-code-number-read': {
    clause: 'postal-code-type',
    description: 'Reads a numeric postalCode (the page example\'s 179) as the four-digit string ("0179"), where the simulator refuses it.',
    behaviour: { readsBody: rewriting('postalCode', (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(4, '0') : value)) },
  },
  'rate-limit-reset-epoch': {
    clause: 'rate-limit-reset-unit',
    description: 'Sends X-RateLimit-Reset as the epoch second of the reset, where the simulator sends the seconds remaining.',
    behaviour: { rateHeaders: (headers) => (headers['x-ratelimit-reset'] === undefined ? headers : { ...headers, 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + Number(headers['x-ratelimit-reset'])) }) },
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
  'token-rate-limited': {
    clause: 'rfc6585-4-too-many-requests',
    description: 'The token endpoint allows 2 token requests a second and answers the rest 429 with Retry-After, as an authorization server that limits its clients does: a 429 that says nothing of the credentials.',
    behaviour: { tokenRateLimit: { perSecond: 2, perMinute: 120 } },
  },
  'retry-after-date': {
    clause: 'rfc9110-10.2.3-retry-after',
    description: 'Allows 30 calls a second and says when to come back after a 429 with Retry-After as an HTTP-date (RFC 9110 allows it as well as seconds), and with no X-RateLimit-* on any answer.',
    behaviour: { rateLimit: { perSecond: 30, perMinute: 2000 }, rateLimitHint: retryAfterDate, rateHeaders: withoutRateLimitHeaders },
  },
  'malformed-token-400': {
    clause: 'rfc6750-3.1-invalid-request',
    description: 'Answers a search whose Authorization header is outside the Bearer syntax 400 with RFC 6750 §3.1\'s invalid_request challenge (a malformed request), and every other refused token 403.',
    behaviour: { tokenRefusal: malformedIsBadRequest },
  },
  'unauthorized-401': {
    clause: 'forbidden-vs-unauthorized',
    description: 'Answers a search without a valid token 401 with an RFC 6750 §3.1 challenge (WWW-Authenticate: Bearer, with error="invalid_token" when a token was sent) instead of the documented 403.',
    behaviour: { tokenRefusal: unauthorized },
  },
  'length-required': {
    clause: 'rfc9112-6.3-length-required',
    description: 'Answers a search whose body comes chunked, without Content-Length, 411 Length Required, as RFC 9112 §6.3 lets a server (a gateway that buffers bodies of known length only).',
    behaviour: { requiresContentLength: true },
  },
} as const satisfies Record<string, ProviderVariantDefinition>;

export type ProviderVariant = keyof typeof providerVariants;

const variants = modeRegistry<ProviderVariant>(providerVariants);
export const providerVariantNames = variants.names as ProviderVariant[];
export const isProviderVariant = variants.is;
/** The behaviour of a variant, or none. */
export const variantBehaviour = variants.behaviour;
