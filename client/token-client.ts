import { describeUrl, type HttpTransport } from './http-transport';
import { TokenError } from './token-error';
import { TransportError } from './transport-error';
import { newTraceId, traceparent } from './trace-context';

export type ClientAuthMethod = 'body' | 'basic';

export interface TokenClientOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** How client credentials travel: RFC 6749 form body (default) or HTTP Basic. */
  readonly authMethod?: ClientAuthMethod;
  /** Scope to ask for; default none, as public client-credentials callers send none. */
  readonly scope?: string;
  readonly transport: HttpTransport;
  /** Deadline of one token request, in milliseconds. Default 10000. */
  readonly timeoutMs?: number;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
  /** Called after every fetch attempt, for metrics. */
  readonly onFetch?: (outcome: 'success' | TokenError['kind'], durationMs: number) => void;
}

/** Where a target's tokens come from: its token URL and client credentials, as configured. */
export interface TokenEndpoint {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authMethod: ClientAuthMethod;
  readonly scope?: string | undefined;
}

/** A token client for a configured endpoint: one construction for the run's client and the preflight's. */
export function tokenClientFor(endpoint: TokenEndpoint, options: Pick<TokenClientOptions, 'transport' | 'timeoutMs' | 'onFetch'>): TokenClient {
  return new TokenClient({
    tokenUrl: endpoint.tokenUrl,
    clientId: endpoint.clientId,
    clientSecret: endpoint.clientSecret,
    authMethod: endpoint.authMethod,
    ...(endpoint.scope ? { scope: endpoint.scope } : {}),
    ...options,
  });
}

interface CachedToken {
  readonly value: string;
  /** When the token stops being offered, in clock milliseconds: shortly before it expires. */
  readonly refreshAt: number;
}

/** Lifetime assumed when the token response has no expires_in, in seconds. */
const DEFAULT_LIFETIME_S = 60;

/**
 * OAuth 2.0 client-credentials token source with a cache. A token is reused until 10 % of its
 * lifetime (at most 60 s) before it expires, so even a 2-second token is reused for 1.8 s rather than
 * refetched per call; concurrent callers share one fetch.
 */
export class TokenClient {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly options: TokenClientOptions;
  private readonly now: () => number;
  private fetchCount = 0;

  constructor(options: TokenClientOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** A valid token, from the cache when it is fresh enough. `fresh` tells whether it was just fetched. */
  async token(): Promise<{ value: string; fresh: boolean }> {
    if (this.cached && this.now() < this.cached.refreshAt) return { value: this.cached.value, fresh: false };
    if (!this.inFlight) {
      this.inFlight = this.fetchToken().finally(() => {
        this.inFlight = undefined;
      });
    }
    return { value: await this.inFlight, fresh: true };
  }

  /** Token requests sent so far (for tests and the benchmark). */
  get fetches(): number {
    return this.fetchCount;
  }

  /** Forgets a token the API refused, so that the next call fetches another. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, authMethod = 'body', scope, transport } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      // Its own trace: a token serves many probes, and belongs to none of their traces.
      traceparent: traceparent(newTraceId()),
    };
    if (authMethod === 'basic') {
      // RFC 6749 §2.3.1: both parts are form-encoded before Base64.
      const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    }
    if (scope) form.set('scope', scope);

    const started = performance.now();
    const report = (outcome: 'success' | TokenError['kind']): void =>
      this.options.onFetch?.(outcome, performance.now() - started);
    this.fetchCount++;
    const where = describeUrl(tokenUrl);
    let response;
    try {
      response = await transport({
        method: 'POST',
        url: tokenUrl,
        headers,
        body: Buffer.from(form.toString(), 'utf8'),
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      report('transport');
      const reason = error instanceof TransportError ? error.kind : 'network';
      throw new TokenError('transport', `Token request to ${where} failed: ${reason}`, { cause: error });
    }
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      body = JSON.parse(response.bodyText) as typeof body;
    } catch {
      // handled below: a non-JSON body is either an error status or a malformed answer
    }
    if (response.status !== 200) {
      const kind = response.status >= 500 ? 'unavailable' : 'rejected';
      report(kind);
      const code = typeof body.error === 'string' && /^[\w.-]{1,64}$/.test(body.error) ? ` (${body.error})` : '';
      throw new TokenError(kind, `Token request to ${where} answered ${response.status}${code}`, {
        status: response.status,
      });
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      report('malformed');
      throw new TokenError('malformed', `Token response from ${where} has no access_token`, { status: 200 });
    }
    const lifetimeS =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : typeof body.expires_in === 'string' && Number(body.expires_in) > 0
          ? Number(body.expires_in)
          : DEFAULT_LIFETIME_S;
    const marginMs = Math.min(60_000, lifetimeS * 100);
    this.cached = { value: body.access_token, refreshAt: this.now() + lifetimeS * 1000 - marginMs };
    report('success');
    return body.access_token;
  }
}
