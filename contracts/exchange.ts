import type { SearchRequestBody } from './search-customer-types';

/**
 * How a request authenticates: a real token (`valid`: the client's own, however it negotiated it,
 * cached; `issued`: one asked for anew for this request, as the client negotiates; `basic`: one
 * issued for HTTP Basic client authentication alone, RFC 6749 §2.3.1), or one of the ways of not
 * having one (`wrong-secret`: whatever the token endpoint answers HTTP Basic client authentication
 * with a wrong secret, a token if it issues one, else none; `secret-past-colon`: the same with the
 * client's own secret followed by an unencoded `:x`, which RFC 7617 §2 makes part of the password;
 * `lowercase-scheme`: the client's own
 * token under the scheme name `bearer`, which RFC 9110 §11.1 makes case-insensitive; `two-spaces`: the
 * client's own token parted from the scheme by two spaces, as RFC 6750 §2.1's `1*SP` allows; `empty-scope`
 * and `unrecognized-parameter`: the answer to a token request with `scope=` or a parameter no server
 * defines added, which RFC 6749 §3.2 says are treated as omitted and ignored, the search going with
 * the client's own token).
 */
export type AuthMode = 'valid' | 'lowercase-scheme' | 'two-spaces' | 'basic' | 'issued' | 'wrong-secret' | 'secret-past-colon' | 'empty-scope' | 'unrecognized-parameter' | 'none' | 'malformed' | 'unknown' | 'tampered' | 'expired';

/** Modes that send HTTP Basic client authentication with a wrong secret: RFC 6749 §5.2 says how the token endpoint refuses them. */
export const WRONG_SECRET_MODES: ReadonlySet<AuthMode> = new Set<AuthMode>(['wrong-secret', 'secret-past-colon']);

/**
 * Modes whose case asks the token endpoint for an answer of its own and judges it: the gate's alone,
 * since production searches with the token it negotiated and cached, and a failed client
 * authentication every run could lock the client out or page whoever watches the token endpoint.
 */
export const OWN_TOKEN_REQUEST_MODES: ReadonlySet<AuthMode> = new Set<AuthMode>(['basic', 'issued', ...WRONG_SECRET_MODES, 'empty-scope', 'unrecognized-parameter']);

/**
 * The methods RFC 9110 §9.3 and RFC 5789 define that address a resource's own state, besides the
 * documented POST. OPTIONS, TRACE and CONNECT are left out: they ask about the server or the path
 * to it, and a 2xx to them is correct (clause rfc9110-9.3.7-options).
 */
export const RESOURCE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type RequestMethod = (typeof RESOURCE_METHODS)[number];

export interface ExchangeRequest {
  /** The body sent, serialised as JSON: an object for searches, any JSON value for malformed-input cases. */
  readonly body: SearchRequestBody | unknown;
  /** Sent byte for byte instead of `body` when set: bodies that are not JSON, or not UTF-8. */
  readonly rawBody?: RawBody;
  readonly auth: AuthMode;
  /** The Content-Type sent; default `application/json`. Other spellings of that media type (RFC 9110 §8.3.1) test the provider reads it as one. */
  readonly contentType?: string;
  /**
   * The Accept header sent; default `application/json`; null sends none. Other media ranges that
   * admit JSON (RFC 9110 §12.5.1: none at all admits any) test the provider reads them as such.
   */
  readonly accept?: string | null;
  /**
   * Sent with `Expect: 100-continue`, the content held back until the provider answers 100 or a
   * final status (RFC 9110 §10.1.1), or the wait runs out and it is sent all the same, as a client may.
   */
  readonly expectContinue?: true;
  /**
   * Sent with `Transfer-Encoding: chunked` in two chunks and no Content-Length (RFC 9112 §7.1: every
   * HTTP/1.1 recipient MUST parse it; §6.3: a server MAY refuse it 411). Default with Content-Length.
   */
  readonly chunked?: true;
  /** Status asked for with `Prefer: code=NNN`, on targets that honour it. */
  readonly prefer?: number;
  /** The HTTP method; default the documented POST. Other methods test undocumented-method-refused. */
  readonly method?: RequestMethod;
}

/** The Accept a request is sent with: its own, else `application/json`; undefined when it sends none. */
export function requestAccept(request: ExchangeRequest): string | undefined {
  return request.accept === null ? undefined : (request.accept ?? 'application/json');
}

/** The method a request is sent with: its own, else the documented POST. */
export function requestMethod(request: ExchangeRequest): RequestMethod {
  return request.method ?? 'POST';
}

/**
 * Request bytes that must reach the target exactly as written. Kept as JSON-serialisable data (the
 * counterexample store and the campaign cache are JSON files): UTF-8 text stays readable, any other
 * bytes (a byte-order mark, Latin-1, invalid UTF-8) are carried as base64.
 */
export type RawBody = { readonly utf8: string } | { readonly base64: string };

/** Raw bytes of UTF-8 text. */
export function rawText(text: string): RawBody {
  return { utf8: text };
}

/** Raw bytes as given: readable text when they are UTF-8 that round-trips, else base64. */
export function rawBytes(bytes: Uint8Array): RawBody {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('utf8');
  return Buffer.from(text, 'utf8').equals(buffer) && !text.startsWith('\uFEFF') ? { utf8: text } : { base64: buffer.toString('base64') };
}

/** The exact bytes a raw body stands for. */
export function rawBodyBytes(raw: RawBody): Buffer {
  return 'utf8' in raw ? Buffer.from(raw.utf8, 'utf8') : Buffer.from(raw.base64, 'base64');
}

/*
 * A request is sent, then judged, as often as its case runs: the monitor sends the same cases every
 * run. Its bytes are worked out once per request object (requests are immutable), which saved the
 * monitor a JSON text and a buffer twice per request.
 */
const bodyBytes = new WeakMap<ExchangeRequest, Buffer | undefined>();

/** The bytes a request puts on the wire: its raw body, else its body as JSON, else none. Not to be modified. */
export function requestBodyBytes(request: ExchangeRequest): Buffer | undefined {
  if (bodyBytes.has(request)) return bodyBytes.get(request);
  const bytes = bytesOf(request);
  bodyBytes.set(request, bytes);
  return bytes;
}

function bytesOf(request: ExchangeRequest): Buffer | undefined {
  // RFC 9110 §9.3.1-2: content in a GET or HEAD has no defined semantics; none is sent.
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (request.rawBody !== undefined) return rawBodyBytes(request.rawBody);
  const json = JSON.stringify(request.body) as string | undefined;
  return json === undefined ? undefined : Buffer.from(json, 'utf8');
}

export interface ExchangeResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** Set when the body's bytes are not valid UTF-8: bodyText then holds U+FFFD in their place. */
  readonly invalidUtf8?: true;
  /** Set when the body began with a UTF-8 byte order mark (RFC 8259 §8.1 MUST NOT), left out of bodyText. */
  readonly byteOrderMark?: true;
  /** Set when a request sent with `Expect: 100-continue` got neither 100 nor a final status within the wait, and its content went unasked. */
  readonly continueUnanswered?: true;
  /** Wall time of the last attempt, in milliseconds. */
  readonly durationMs: number;
  /** 1 plus the number of retries after 429 or a rejected cached token. */
  readonly attempts: number;
}

/** What went on the wire for an exchange's last attempt, credentials redacted: evidence for reports. */
export interface SentRequest {
  readonly method: RequestMethod;
  readonly url: string;
  /** Header names in lower case; Authorization redacted; traceparent as sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** When the last attempt was sent, ISO 8601 in UTC. */
  readonly startedAt: string;
}

/** What rules may know of a token answer's body: its form and its token_type, never the token. */
export interface TokenBodyShape {
  /** Whether the body parsed as a JSON object. */
  readonly jsonObject: boolean;
  /** Whether the body began with a byte order mark (RFC 8259 §8.1 MUST NOT), ignored in parsing it. */
  readonly byteOrderMark: boolean;
  /** The RFC 6749 §5.2 error code of a refusal, when it is a short word. */
  readonly error?: string;
  /** Member names the body holds more than once (RFC 6749 §3.2 MUST NOT): names only, never values. */
  readonly repeatedMembers: readonly string[];
  /** The token_type member: its value when a string, else its JSON type, or `absent`. */
  readonly tokenType: { readonly value: string } | { readonly type: string };
  /** The expires_in member: its value when a JSON number, else its JSON type, or `absent`. */
  readonly expiresIn: { readonly value: number } | { readonly type: string };
}

/** A member's JSON type in words, `absent` when it is not there. */
const jsonType = (value: unknown): string => (value === undefined ? 'absent' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** A token endpoint's answer, as far as rules judge it. */
export interface TokenResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's shape (an answer that issued a token, or a refusal of a request the case asked for). */
  readonly body?: TokenBodyShape;
}

/** The shape of a token answer's parsed body (RFC 6749 §5.1; undefined when it did not parse): the token itself is left out. */
export function tokenBodyShape(parsed: unknown, byteOrderMark = false, repeatedMembers: readonly string[] = []): TokenBodyShape {
  const jsonObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const member = (name: string): unknown => (jsonObject ? (parsed as Record<string, unknown>)[name] : undefined);
  const tokenType = member('token_type');
  const expiresIn = member('expires_in');
  const error = member('error');
  return {
    jsonObject,
    byteOrderMark,
    repeatedMembers,
    ...(typeof error === 'string' && /^[\w.-]{1,64}$/.test(error) ? { error } : {}),
    tokenType: typeof tokenType === 'string' ? { value: tokenType } : { type: jsonType(tokenType) },
    expiresIn: typeof expiresIn === 'number' ? { value: expiresIn } : { type: jsonType(expiresIn) },
  };
}

/** One request and the response that answered it: the evidence every rule judges. */
export interface Exchange {
  readonly request: ExchangeRequest;
  readonly response: ExchangeResponse;
  /** W3C trace id every attempt of this exchange carried in its traceparent header. */
  readonly traceId?: string;
  readonly sent?: SentRequest;
  /** The token endpoint's answer asked for this request alone (auth `basic`, `issued` or `wrong-secret`): its status and headers, names in lower case. */
  readonly tokenResponse?: TokenResponse;
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
  /** The search is for values no customer can hold: the list must come back, empty. */
  readonly none?: boolean;
}

/** Rules whose cases expect a 400 for a request that breaks the request schema. */
export type RefusalRule = 'field-max-length' | 'field-type' | 'field-format' | 'search-requirement' | 'invalid-body-refused';

/** What one case expects of the target, besides the rules every response must meet. */
export type Expectation =
  | { readonly kind: 'accepted'; readonly rule: 'valid-search-accepted' | 'client-basic-auth' | 'token-no-store' | 'token-request-parameters' | 'expect-continue'; readonly results?: ResultExpectation }
  | { readonly kind: 'refused'; readonly rule: RefusalRule }
  | { readonly kind: 'unauthorized'; readonly rule: 'auth-required' | 'invalid-client-challenge' }
  | { readonly kind: 'forced'; readonly rule: 'forced-error-status'; readonly status: number }
  /**
   * A valid search sent past the documented rate limit (the gate's burst): served, or refused with the
   * 429 the page documents. Which of the two is the provider's to decide (a test environment may be
   * more lenient); the answer is judged by every rule either way.
   */
  | { readonly kind: 'throttled'; readonly rule: 'valid-search-accepted' }
  /** An undocumented method on the operation's path: refused, never served. */
  | { readonly kind: 'method'; readonly rule: 'undocumented-method-refused' }
  /** The page does not rule on this input (see the contradictions): only the universal rules judge it. */
  | { readonly kind: 'unruled'; readonly rule: 'no-server-error' };
