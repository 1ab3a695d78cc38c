import type { SchemaViolation } from '../contracts/contract-validator';
import type { Customer, SearchRequestBody } from '../contracts/search-customer-types';
import type { SeedCustomer } from './seed-customers';
import type { UserPassSplit } from './client-credentials';

/** An answer a fault puts in place of the simulator's own. */
export interface FaultAnswer {
  readonly status: number;
  readonly body: string;
  /** Default `application/json; charset=utf-8`. */
  readonly contentType?: string;
}

/** An answer sent as it is: status, body, Content-Type and the headers it brings. */
export interface ServiceAnswer extends FaultAnswer {
  /** Headers beside Content-Type, names in lower case (e.g. `allow`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An answer to a method the operation does not document on its path. */
export type MethodAnswer = ServiceAnswer;

/** How a 200's bytes go on the wire: in pieces, with a pause between them (chunked transfer coding). */
export interface Trickle {
  /** Number of pieces the body is cut into. */
  readonly pieces: number;
  /** Pause before each piece after the first, in milliseconds. */
  readonly delayMs: number;
}

/** Why a search's credentials were refused: no Authorization header, not a bearer token, or a token the provider does not accept. */
export type TokenRefusalReason = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked';

/** How a refusal is answered: its status and, for 401, the RFC 6750 §3 `WWW-Authenticate` challenge. */
export interface TokenRefusal {
  readonly status: number;
  readonly challenge?: string;
}

/** What a fault's `results` hook sees of one valid search. */
export interface SearchContext {
  readonly search: SearchRequestBody;
  /** Everything the simulator serves. */
  readonly customers: readonly SeedCustomer[];
  /** The documented result cap. */
  readonly cap: number;
  /** The simulator's own matcher, for faults that match differently. */
  readonly match: (search: SearchRequestBody) => readonly Customer[];
}

/**
 * The hooks through which a mode bends the simulator: a fault mode (breaks one rule), a provider
 * variant (a choice the page and the standards leave to the provider) and an outage mode (fails as a
 * service) are all made of these. Each mode sets the one or two it needs; the simulator calls every
 * hook at exactly one place, so adding a mode never adds a branch to the simulator.
 */
export interface ProviderBehaviour {
  /** Closes the connection of every search without answering. */
  readonly hangsUp?: true;
  /** Time before every search is answered, in milliseconds, in place of the latency option and `holdsSearchMs`. Default none. */
  readonly stallsSearchMs?: number;
  /** The answer, sent as it is, to every search past its credentials and the rate limits, before its body is read. Default none. */
  readonly failsSearch?: () => ServiceAnswer;
  /** The answer, sent as it is, to every token request, before its grant and credentials are checked. Default none. */
  readonly failsToken?: () => ServiceAnswer;
  /** Reads the Authorization scheme name `Bearer` case-sensitively (RFC 9110 §11.1 makes it case-insensitive). */
  readonly schemeCaseSensitive?: true;
  /** Waits for the content of a request sent with `Expect: 100-continue` without answering 100 (RFC 9110 §10.1.1 MUST NOT). */
  readonly ignoresExpectContinue?: true;
  /** The Date field of an answer of this status (undefined: none), in place of Node's IMF-fixdate on every answer (RFC 9110 §6.6.1). Default Node's. */
  readonly dateField?: (status: number, now: Date) => string | undefined;
  /** Answers a search whose body comes chunked, without Content-Length, 411 Length Required (RFC 9112 §6.3 MAY). */
  readonly requiresContentLength?: true;
  /** Reads a search body that comes chunked, without Content-Length, as empty (RFC 9112 §7.1: a recipient MUST parse chunked). */
  readonly ignoresChunkedBody?: true;
  /** Reads exactly one space between `Bearer` and the token (RFC 6750 §2.1 allows 1*SP). */
  readonly oneSpaceOnly?: true;
  /** Answers 200 to a search that carries no Authorization header at all. */
  readonly acceptsAnonymous?: true;
  /** Takes a presented token for an issued one when this says they match (a check that skips the signature). */
  readonly matchesIssuedToken?: (presented: string, issued: string) => boolean;
  /** How a search with refused credentials is answered; default 403, and 401 `invalid_token` for a revoked token. */
  readonly tokenRefusal?: (reason: TokenRefusalReason) => TokenRefusal;
  /** Whether every token issued so far is revoked after the nth search that carried a valid token (n from 1). */
  readonly revokesTokens?: (validSearches: number) => boolean;
  /** The Cache-Control header of the token endpoint's answers; default `no-store` (RFC 6749 §5.1). */
  readonly tokenCacheControl?: string;
  /** Rewrites the members of a token answer that issues a token (RFC 6749 §5.1). Default none. */
  readonly tokenFields?: (fields: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /** The RFC 6749 §5.2 error code a token request's form is refused 400 with, after its grant type is checked; undefined lets it through. Default none. */
  readonly refusesTokenForm?: (form: URLSearchParams) => string | undefined;
  /** Rewrites the JSON text of a token answer that issues a token, after tokenFields. Default none. */
  readonly tokenText?: (text: string) => string;
  /** The JSON body of a token endpoint refusal with this RFC 6749 §5.2 error code; default `{ error }`. */
  readonly tokenErrorBody?: (error: string) => object;
  /** The WWW-Authenticate challenge of the token endpoint's 401 invalid_client; default `Basic realm="simulator"` (RFC 6749 §5.2, RFC 9110 §15.5.2). */
  readonly clientChallenge?: string;
  /** How the token endpoint parts a Basic user-pass into client id and secret; default at the first colon (RFC 7617 §2). */
  readonly splitsUserPass?: UserPassSplit;
  /** Whether the token endpoint accepts client credentials sent this way (RFC 6749 §2.3.1); default both. */
  readonly acceptsClientAuth?: (method: 'basic' | 'body') => boolean;
  /** Searches answered at once; one more gets 429 with `Retry-After: 1` (RFC 6585 §4). Default unlimited. */
  readonly maxInFlight?: number;
  /** Time every search takes the provider before it is answered, in milliseconds. Default 0. */
  readonly holdsSearchMs?: number;
  /** Ignores `Prefer: code=NNN`. */
  readonly ignoresPrefer?: true;
  /** The provider's own rate limits, in calls per rolling second and minute; default the documented 100 and 2000. */
  readonly rateLimit?: { readonly perSecond: number; readonly perMinute: number };
  /** The token endpoint's own limits: a token request past them gets 429 with `Retry-After` (RFC 6585 §4). Default none. */
  readonly tokenRateLimit?: { readonly perSecond: number; readonly perMinute: number };
  /** The hint headers of a 429 of that limit, from the wait until a call is allowed (ms); default X-RateLimit-Remaining 0 and X-RateLimit-Reset in whole seconds. */
  readonly rateLimitHint?: (waitMs: number) => Record<string, string>;
  /** Rewrites the rate-limit headers of every answer. */
  readonly rateHeaders?: (headers: Readonly<Record<string, string>>) => Record<string, string>;
  /** Replaces a documented error answer (status and JSON error body as the simulator would send them). */
  readonly errorAnswer?: (status: number, body: string) => FaultAnswer;
  /** Refuses a search's Content-Type with 415. Default none: every spelling is read as JSON. */
  readonly refusesMediaType?: (contentType: string | undefined) => boolean;
  /** Whether a search asking for this Accept is refused 406 (RFC 9110 §15.5.7) before its body is read; default never. */
  readonly refusesAccept?: (accept: string | undefined) => boolean;
  /** The provider's JSON parser for a search's body; it throws on what it does not take. Default `JSON.parse`. */
  readonly parsesJson?: (text: string) => unknown;
  /** How the provider reads the parsed body before anything else sees it (a second decoding, a normalisation). */
  readonly readsBody?: (parsed: unknown) => unknown;
  /** Crashes on a parsed body before validation: the 500 to send, or undefined to go on. */
  readonly crash?: (body: unknown) => FaultAnswer | undefined;
  /** A request-schema violation the provider does not see, with the parsed body it was found in. */
  readonly ignoresViolation?: (violation: SchemaViolation, body: unknown) => boolean;
  /** Refuses a search the contract accepts. */
  readonly refuses?: (search: SearchRequestBody) => boolean;
  /** The customers answered for a valid search, from everything its matcher found (uncapped). */
  readonly results?: (matched: readonly Customer[], context: SearchContext) => readonly Customer[];
  /** How one customer is serialised. */
  readonly presentCustomer?: (customer: Customer) => Record<string, unknown>;
  /** Content-Type of a 200. */
  readonly successContentType?: string;
  /** The body object of a 200 from its customers, as serialised; default `{ customers }`. */
  readonly presentAnswer?: (customers: readonly Record<string, unknown>[]) => unknown;
  /** The bytes of a 200's JSON text; default its UTF-8 encoding. */
  readonly encodesSuccess?: (text: string) => Buffer;
  /** Sends a 200 chunked, in pieces with pauses; default one piece with Content-Length. */
  readonly trickle?: Trickle;
  /** The answer to an undocumented method on the path; default 405 with `Allow: POST`. */
  readonly otherMethod?: (method: string) => MethodAnswer;
}
