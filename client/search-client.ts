import { randomBytes } from 'node:crypto';
import { OPERATION_PATH } from '../contracts/contract-reader';
import { requestAccept, requestBodyBytes, requestMethod, type AuthMode, type Exchange, type ExchangeRequest, type TokenResponse } from '../contracts/exchange';
import type { HttpTransport } from './http-transport';
import type { AdaptivePacer } from './adaptive-pacer';
import { isInvalidTokenChallenge } from './bearer-challenge';
import { DeadlineError } from './deadline-error';
import { TokenError } from './token-error';
import { rateLimitDelayMs, rateLimitHintMs } from './rate-limit-delay';
import type { TokenClient } from './token-client';
import { newTraceId, traceparent } from './trace-context';
import { redactedHeaders } from './redacted-headers';

export interface SearchClientOptions {
  /** API base such as `https://api-test.mediaconnect.no/capi`, without a trailing slash. */
  readonly baseUrl: string;
  readonly transport: HttpTransport;
  readonly tokens: TokenClient;
  /** Paces calls to stay inside the provider's limits, slowing down on 429; none means unpaced. */
  readonly pace?: AdaptivePacer;
  /** Deadline of one attempt, in milliseconds. Default 10000. */
  readonly timeoutMs?: number;
  /** Time one search may spend waiting out 429s, counted from its first 429, before the 429 is returned, in milliseconds. Default 30000. */
  readonly rateLimitWaitMs?: number;
  /** A token the caller knows to be expired, for `auth: 'expired'`. */
  readonly expiredToken?: string;
  /** Sleep, injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Clock in milliseconds, injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

export interface SendOptions {
  /** Retry after 429 (default true; off when a case expects the 429). */
  readonly retryRateLimited?: boolean;
  /**
   * Sent at once, outside the pacer's turns and slots (the gate's rate-limit burst, which must pass the
   * limit the pacer keeps to). A 429 it draws holds every paced caller back for the wait the answer
   * asks for, one rolling second when it names none (`UNHINTED_HOLD_MS`), without slowing the rate.
   * Default false.
   */
  readonly unpaced?: boolean;
  /** Most retries after 429, however short the waits (a bound in count beside the time budget). Default none. */
  readonly maxRateLimitRetries?: number;
  /** Clock time (ms) past which no attempt starts and no wait reaches: the run's deadline. Default none. */
  readonly notAfter?: number;
  /**
   * W3C trace id for every attempt (each attempt gets its own span id); default a fresh one per
   * send. Callers pass one to group the requests of one probe or case.
   */
  readonly traceId?: string;
}

/**
 * An issued token with one character changed, as a forger would (RFC 6750 §5.1, token modification).
 * The changed character sits inside the last part, short of its end: in a signed token (a JWT) that is
 * the signature, and a character short of the end carries whole bits, so a lenient base64 decoder
 * cannot read it back to the same bytes.
 */
export function tamperedToken(token: string): string {
  const at = Math.max(0, token.length - 3);
  const swapped = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
}

/** Raised when a request needs something the configuration does not give (e.g. an expired token). */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
}

/** The Authorization an attempt sends: the header, the token in it when it is ours, and whether that token was just fetched. */
interface Authorization {
  readonly header?: string;
  readonly token?: string;
  readonly fresh: boolean;
  /** The token endpoint's answer, for a token asked for this request alone. */
  readonly tokenResponse?: TokenResponse;
}

/** The state of one send across its attempts. */
interface SendRun {
  readonly request: ExchangeRequest;
  readonly notAfter: number;
  readonly retryRateLimited: boolean;
  readonly unpaced: boolean;
  readonly maxRateLimitRetries: number;
  /** Clock time past which no 429 is waited out: set by the first 429, the budget counted from there. */
  giveUpAt?: number;
  readonly traceId: string;
  readonly body: Buffer | undefined;
  attempts: number;
  tokenRetried: boolean;
  rateLimitRetries: number;
}

/**
 * How long a 429 drawn by an unpaced call holds the paced callers back when it names no wait (no
 * Retry-After or X-RateLimit-Reset the client can read), in milliseconds: the rolling second the
 * documented per-second limit is counted over.
 */
export const UNHINTED_HOLD_MS = 1_000;

/** How long a 429 drawn by an unpaced call holds the paced callers back: its hint, else `UNHINTED_HOLD_MS`. */
export function drawn429HoldMs(headers: Readonly<Record<string, string>>): number {
  return rateLimitHintMs(headers) ?? UNHINTED_HOLD_MS;
}

/**
 * How long a search sent with `Expect: 100-continue` waits for 100 or a final status before its body
 * goes all the same, in milliseconds (curl waits 1 s): a provider answers it at once, so only one that
 * waits for the content (RFC 9110 §10.1.1 MUST NOT) meets the end of it.
 */
export const EXPECT_CONTINUE_WAIT_MS = 5_000;

/**
 * How the client's own token is presented, by auth mode: RFC 9110 §11.1 and RFC 6750 §2.1 make the
 * scheme name case-insensitive and part it from the token by 1*SP, so a case spells each otherwise.
 */
export const OWN_TOKEN_CREDENTIALS = { valid: 'Bearer ', 'lowercase-scheme': 'bearer ', 'two-spaces': 'Bearer  ' } as const satisfies Partial<Record<AuthMode, string>>;

/** Auth modes whose search carries the client's own cached token: a 401 invalid_token is answered by fetching another, once. */
const SEARCHES_WITH_OWN_TOKEN: ReadonlySet<AuthMode> = new Set<AuthMode>([...(Object.keys(OWN_TOKEN_CREDENTIALS) as AuthMode[]), 'empty-scope', 'unrecognized-parameter']);

/** A token request parameter no authorization server defines, which RFC 6749 §3.2 says it MUST ignore. */
export const UNRECOGNIZED_TOKEN_PARAMETER = ['unrecognized_parameter', 'ignored'] as const;

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends searches the way a careful integrator would: `Accept: application/json`, a cached bearer
 * token refetched once when the API refuses it, paced inside the documented rate limits, and
 * retried after 429, the API's or its token endpoint's, within a time budget (never after 500). Throws only TransportError, TokenError,
 * MissingTokenError or DeadlineError.
 */
export class SearchClient {
  private readonly options: SearchClientOptions;
  private readonly url: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(options: SearchClientOptions) {
    this.options = options;
    this.url = `${options.baseUrl}${OPERATION_PATH}`;
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
  }

  private async authorization(request: ExchangeRequest): Promise<Authorization> {
    switch (request.auth) {
      case 'valid':
      case 'lowercase-scheme':
      case 'two-spaces': {
        const token = await this.options.tokens.token();
        return { header: `${OWN_TOKEN_CREDENTIALS[request.auth]}${token.value}`, token: token.value, fresh: token.fresh };
      }
      case 'basic':
      case 'issued': {
        const issued = request.auth === 'basic' ? await this.options.tokens.tokenBy('basic') : await this.options.tokens.freshToken();
        return { header: `Bearer ${issued.value}`, token: issued.value, fresh: true, tokenResponse: { status: 200, headers: issued.headers, body: issued.body } };
      }
      case 'wrong-secret':
      case 'secret-past-colon': {
        // The refusal is what is judged; a token issued all the same is sent, to show what it opens.
        const answer = await this.options.tokens.answerToWrongSecret(request.auth === 'wrong-secret' ? 'changed' : 'past-colon');
        return { ...(answer.value ? { header: `Bearer ${answer.value}` } : {}), fresh: true, tokenResponse: { status: answer.status, headers: answer.headers, body: answer.body } };
      }
      case 'empty-scope':
      case 'unrecognized-parameter': {
        const [name, value] = request.auth === 'empty-scope' ? ['scope', ''] : UNRECOGNIZED_TOKEN_PARAMETER;
        const answer = await this.options.tokens.answerWithParameter(name, value);
        // The token answer is what is judged; the search goes with the client's own token, fetched anew once when refused.
        const token = await this.options.tokens.token();
        return { header: `Bearer ${token.value}`, token: token.value, fresh: token.fresh, tokenResponse: { status: answer.status, headers: answer.headers, body: answer.body } };
      }
      case 'none':
        return { fresh: true };
      case 'malformed':
        // Spaces and punctuation are outside RFC 6750's token68 syntax.
        return { header: 'Bearer not a token, just words', fresh: true };
      case 'unknown':
        return { header: `Bearer ${randomBytes(24).toString('base64url')}`, fresh: true };
      case 'tampered': {
        const token = await this.options.tokens.token();
        return { header: `Bearer ${tamperedToken(token.value)}`, fresh: true };
      }
      case 'expired':
        if (!this.options.expiredToken) throw new MissingTokenError('No expired token is configured');
        return { header: `Bearer ${this.options.expiredToken}`, fresh: true };
    }
  }

  async send(request: ExchangeRequest, sendOptions: SendOptions = {}): Promise<Exchange> {
    const notAfter = sendOptions.notAfter ?? Number.POSITIVE_INFINITY;
    const run: SendRun = {
      request,
      notAfter,
      retryRateLimited: sendOptions.retryRateLimited ?? true,
      unpaced: sendOptions.unpaced ?? false,
      maxRateLimitRetries: sendOptions.maxRateLimitRetries ?? Number.POSITIVE_INFINITY,
      traceId: sendOptions.traceId ?? newTraceId(),
      body: requestBodyBytes(request),
      attempts: 0,
      tokenRetried: false,
      rateLimitRetries: 0,
    };
    for (;;) {
      const attempted = await this.attempt(run).catch(async (error: unknown) => {
        // A token endpoint's 429 is the same throttling as the API's: waited out within the same budget and deadline.
        if (error instanceof TokenError && error.kind === 'throttled' && run.retryRateLimited && (await this.waitedOutRateLimit(run, error.headers))) return undefined;
        throw error;
      });
      if (attempted === undefined) continue;
      const { exchange, auth } = attempted;
      if (this.refetchesToken(run, exchange, auth)) {
        run.tokenRetried = true;
        if (auth.token) this.options.tokens.invalidate(auth.token);
        continue;
      }
      if (exchange.response.status === 429 && run.retryRateLimited && (await this.waitedOutRateLimit(run, exchange.response.headers))) continue;
      return exchange;
    }
  }

  /** One attempt of a send: its turn and slot of the pacer, then the request; the slot is freed whatever happens. */
  private async attempt(run: SendRun): Promise<{ exchange: Exchange; auth: Authorization }> {
    if (this.now() >= run.notAfter) throw new DeadlineError('The run reached its deadline before this search was sent');
    run.attempts++;
    const pace = run.unpaced ? undefined : this.options.pace;
    const sentAt = (await pace?.take()) ?? this.now();
    try {
      return await this.sendOnce(run, sentAt);
    } finally {
      pace?.release();
    }
  }

  /** The request of one attempt, with a token taken now, and the pacer told of the answer. */
  private async sendOnce(run: SendRun, sentAt: number): Promise<{ exchange: Exchange; auth: Authorization }> {
    const { request, notAfter } = run;
    // The turn first, the token then: a token taken before a long wait may expire in it.
    const auth = await this.authorization(request);
    const headers: Record<string, string> = { 'content-type': request.contentType ?? 'application/json' };
    const accept = requestAccept(request);
    if (accept !== undefined) headers.accept = accept;
    if (auth.header) headers.authorization = auth.header;
    if (request.prefer !== undefined) headers.prefer = `code=${request.prefer}`;
    headers.traceparent = traceparent(run.traceId);
    const left = notAfter - this.now();
    if (left <= 0) throw new DeadlineError('The run reached its deadline before this search was sent');
    const startedAt = new Date().toISOString();
    const timeoutMs = Math.max(1, Math.min(this.options.timeoutMs ?? 10_000, left));
    const response = await this.options.transport({
      method: requestMethod(run.request),
      url: this.url,
      headers,
      ...(run.body !== undefined ? { body: run.body } : {}),
      timeoutMs,
      // Half the deadline at most, so that the search itself is still answered when the wait runs out.
      ...(request.expectContinue ? { expectContinueMs: Math.min(EXPECT_CONTINUE_WAIT_MS, timeoutMs / 2) } : {}),
      ...(request.chunked ? { chunked: true as const } : {}),
    });
    // A status forced with Prefer says nothing about the provider's limits.
    if (response.status === 429 && request.prefer === undefined) {
      if (run.unpaced) this.options.pace?.hold(drawn429HoldMs(response.headers));
      else this.options.pace?.rateLimited(sentAt, rateLimitHintMs(response.headers));
    } else if (!run.unpaced) this.options.pace?.answered();
    const exchange: Exchange = {
      request,
      response: { ...response, attempts: run.attempts },
      traceId: run.traceId,
      sent: { method: requestMethod(run.request), url: this.url, headers: redactedHeaders(headers), startedAt },
      ...(auth.tokenResponse ? { tokenResponse: auth.tokenResponse } : {}),
    };
    return { exchange, auth };
  }

  /**
   * Whether a refused valid token is replaced and the search sent again, once per search: when the
   * provider says the token is invalid (401 with RFC 6750's `invalid_token` challenge: revoked or
   * expired early, as after a key rotation), or refuses a token that came from the cache. A fresh
   * token refused without that challenge is the configuration's fault, and a new one would be too.
   * Only `valid` requests: the auth cases send bad tokens on purpose and are judged on the answer.
   */
  private refetchesToken(run: SendRun, exchange: Exchange, auth: Authorization): boolean {
    const { status, headers } = exchange.response;
    if (!SEARCHES_WITH_OWN_TOKEN.has(run.request.auth) || run.tokenRetried || status === run.request.prefer) return false;
    if (status === 401 && isInvalidTokenChallenge(headers)) return true;
    // Any other refusal is tried again only for the plain search: the other modes' refusals are what their cases judge.
    return run.request.auth === 'valid' && (status === 401 || status === 403) && !auth.fresh && run.request.prefer === undefined;
  }

  /** Sleeps out a 429 when the wait ends inside both the 429 budget and the run's deadline; false when it would not. */
  private async waitedOutRateLimit(run: SendRun, headers: Readonly<Record<string, string>>): Promise<boolean> {
    run.rateLimitRetries++;
    if (run.rateLimitRetries > run.maxRateLimitRetries) return false;
    const delay = rateLimitDelayMs(headers, run.rateLimitRetries);
    const now = this.now();
    // The 429 budget is time, not a count (a strict provider may refuse many times within a second), and
    // it starts at the first 429, so one wait of the longest hint honoured fits a budget of that length.
    run.giveUpAt ??= now + (this.options.rateLimitWaitMs ?? 30_000);
    const resumeAt = now + delay;
    if (resumeAt > run.giveUpAt || resumeAt >= run.notAfter) return false;
    await this.sleep(delay);
    return true;
  }
}
