import { randomBytes } from 'node:crypto';
import { OPERATION_PATH } from '../contracts/contract-reader';
import { requestBodyBytes, type Exchange, type ExchangeRequest } from '../contracts/exchange';
import type { HttpTransport } from './http-transport';
import { rateLimitDelayMs } from './rate-limit-delay';
import type { RateWindow } from './rate-window';
import type { TokenClient } from './token-client';

export interface SearchClientOptions {
  /** API base such as `https://api-test.mediaconnect.no/capi`, without a trailing slash. */
  readonly baseUrl: string;
  readonly transport: HttpTransport;
  readonly tokens: TokenClient;
  /** Paces calls to stay inside the provider's limits; none means unpaced. */
  readonly pace?: RateWindow;
  /** Deadline of one attempt, in milliseconds. Default 10000. */
  readonly timeoutMs?: number;
  /** Retries after a 429 before the 429 is returned. Default 5. */
  readonly maxRateLimitRetries?: number;
  /** A token the caller knows to be expired, for `auth: 'expired'`. */
  readonly expiredToken?: string;
  /** Sleep, injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SendOptions {
  /** Retry after 429 (default true; off when a case expects the 429). */
  readonly retryRateLimited?: boolean;
}

/** Raised when a request needs something the configuration does not give (e.g. an expired token). */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends searches the way a careful integrator would: `Accept: application/json`, a cached bearer
 * token refetched once when the API refuses it, paced inside the documented rate limits, and
 * retried after 429 (never after 500). Throws only TransportError, TokenError or MissingTokenError.
 */
export class SearchClient {
  private readonly options: SearchClientOptions;
  private readonly url: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: SearchClientOptions) {
    this.options = options;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}${OPERATION_PATH}`;
    this.sleep = options.sleep ?? sleepFor;
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
      case 'expired':
        if (!this.options.expiredToken) throw new MissingTokenError('No expired token is configured');
        return { header: `Bearer ${this.options.expiredToken}`, fresh: true };
    }
  }

  async send(request: ExchangeRequest, sendOptions: SendOptions = {}): Promise<Exchange> {
    const retryRateLimited = sendOptions.retryRateLimited ?? true;
    const maxRetries = this.options.maxRateLimitRetries ?? 5;
    let attempts = 0;
    let tokenRetried = false;
    let rateLimitRetries = 0;
    const body = requestBodyBytes(request);
    for (;;) {
      attempts++;
      const auth = await this.authorization(request);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (auth.header) headers.authorization = auth.header;
      if (request.prefer !== undefined) headers.prefer = `code=${request.prefer}`;
      await this.options.pace?.take();
      const response = await this.options.transport({
        method: 'POST',
        url: this.url,
        headers,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
      const exchange: Exchange = {
        request,
        response: { ...response, attempts },
      };
      const refusedToken = response.status === 401 || response.status === 403;
      if (refusedToken && request.auth === 'valid' && !auth.fresh && !tokenRetried && request.prefer === undefined) {
        // A cached token may have been revoked or expired early: fetch one new token, once.
        tokenRetried = true;
        if (auth.token) this.options.tokens.invalidate(auth.token);
        continue;
      }
      if (response.status === 429 && retryRateLimited && rateLimitRetries < maxRetries) {
        rateLimitRetries++;
        await this.sleep(rateLimitDelayMs(response.headers, rateLimitRetries));
        continue;
      }
      return exchange;
    }
  }
}
