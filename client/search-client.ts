import { randomBytes } from 'node:crypto';
import { OPERATION_PATH } from '../contracts/contract-reader';
import { requestBodyBytes, requestMethod, type Exchange, type ExchangeRequest } from '../contracts/exchange';
import type { HttpTransport } from './http-transport';
import type { AdaptivePacer } from './adaptive-pacer';
import { DeadlineError } from './deadline-error';
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
  /** Time one search may spend waiting out 429s before the 429 is returned, in milliseconds. Default 30000. */
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

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends searches the way a careful integrator would: `Accept: application/json`, a cached bearer
 * token refetched once when the API refuses it, paced inside the documented rate limits, and
 * retried after 429 within a time budget (never after 500). Throws only TransportError, TokenError,
 * MissingTokenError or DeadlineError.
 */
export class SearchClient {
  private readonly options: SearchClientOptions;
  private readonly url: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(options: SearchClientOptions) {
    this.options = options;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}${OPERATION_PATH}`;
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
  }

  private async authorization(request: ExchangeRequest): Promise<{ header?: string; token?: string; fresh: boolean }> {
    switch (request.auth) {
      case 'valid': {
        const token = await this.options.tokens.token();
        return { header: `Bearer ${token.value}`, token: token.value, fresh: token.fresh };
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
    const retryRateLimited = sendOptions.retryRateLimited ?? true;
    const notAfter = sendOptions.notAfter ?? Number.POSITIVE_INFINITY;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    // The 429 budget is time, not a count: a strict provider may refuse many times within a second.
    const giveUpAt = this.now() + (this.options.rateLimitWaitMs ?? 30_000);
    let attempts = 0;
    let tokenRetried = false;
    let rateLimitRetries = 0;
    const traceId = sendOptions.traceId ?? newTraceId();
    const body = requestBodyBytes(request);
    for (;;) {
      if (this.now() >= notAfter) throw new DeadlineError('The run reached its deadline before this search was sent');
      attempts++;
      // The turn first, the token then: a token taken before a long wait may expire in it.
      const sentAt = (await this.options.pace?.take()) ?? this.now();
      const auth = await this.authorization(request);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (auth.header) headers.authorization = auth.header;
      if (request.prefer !== undefined) headers.prefer = `code=${request.prefer}`;
      headers.traceparent = traceparent(traceId);
      const left = notAfter - this.now();
      if (left <= 0) throw new DeadlineError('The run reached its deadline before this search was sent');
      const startedAt = new Date().toISOString();
      const response = await this.options.transport({
        method: requestMethod(request),
        url: this.url,
        headers,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: Math.max(1, Math.min(timeoutMs, left)),
      });
      // A status forced with Prefer says nothing about the provider's limits.
      if (response.status === 429 && request.prefer === undefined) this.options.pace?.rateLimited(sentAt, rateLimitHintMs(response.headers));
      else this.options.pace?.answered();
      const exchange: Exchange = {
        request,
        response: { ...response, attempts },
        traceId,
        sent: { method: requestMethod(request), url: this.url, headers: redactedHeaders(headers), startedAt },
      };
      const refusedToken = response.status === 401 || response.status === 403;
      if (refusedToken && request.auth === 'valid' && !auth.fresh && !tokenRetried && request.prefer === undefined) {
        // A cached token may have been revoked or expired early: fetch one new token, once.
        tokenRetried = true;
        if (auth.token) this.options.tokens.invalidate(auth.token);
        continue;
      }
      if (response.status === 429 && retryRateLimited) {
        rateLimitRetries++;
        const delay = rateLimitDelayMs(response.headers, rateLimitRetries);
        const resumeAt = this.now() + delay;
        if (resumeAt < giveUpAt && resumeAt < notAfter) {
          await this.sleep(delay);
          continue;
        }
      }
      return exchange;
    }
  }
}
