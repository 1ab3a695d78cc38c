import { tokenBodyShape, type TokenBodyShape } from '../contracts/exchange';
import { repeatedMemberNames } from '../contracts/repeated-member-names';
import { describeUrl, type HttpResponse, type HttpTransport } from './http-transport';
import type { TargetEndpoint } from './target-endpoint';
import { TokenError } from './token-error';
import { TransportError } from './transport-error';
import { newTraceId, traceparent } from './trace-context';

export type ClientAuthMethod = 'body' | 'basic';

export interface TokenClientOptions extends Pick<TargetEndpoint, 'tokenUrl' | 'clientId' | 'clientSecret'> {
  /**
   * How client credentials travel: HTTP Basic or the RFC 6749 form body, pinned; default none,
   * negotiated (Basic first, then the body once; see `negotiate`).
   */
  readonly authMethod?: ClientAuthMethod | undefined;
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
export interface TokenEndpoint extends Pick<TargetEndpoint, 'tokenUrl' | 'clientId' | 'clientSecret'> {
  /** Pinned client authentication; undefined negotiates. */
  readonly authMethod: ClientAuthMethod | undefined;
  readonly scope?: string | undefined;
}

/** A token client for a configured endpoint: one construction for the run's client and the preflight's. */
export function tokenClientFor(endpoint: TokenEndpoint, options: Pick<TokenClientOptions, 'transport' | 'timeoutMs' | 'onFetch'>): TokenClient {
  return new TokenClient({
    tokenUrl: endpoint.tokenUrl,
    clientId: endpoint.clientId,
    clientSecret: endpoint.clientSecret,
    ...(endpoint.authMethod ? { authMethod: endpoint.authMethod } : {}),
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
/** A token, the headers of the answer that issued it (names in lower case) and its body's shape, the token left out. */
export interface IssuedToken {
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TokenBodyShape;
}

/** A token endpoint's answer as it came: its status, headers and body shape, and the token when it issued one. */
export interface TokenEndpointAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TokenBodyShape;
  readonly value?: string;
}

/** One token answer: the token, its lifetime in seconds, and the answer's headers. */
interface TokenAnswer extends IssuedToken {
  readonly lifetimeS: number;
}

export class TokenClient {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly options: TokenClientOptions;
  private readonly now: () => number;
  private fetchCount = 0;
  /** The client authentication that last gave a token, when negotiated. */
  private learnedMethod: ClientAuthMethod | undefined;

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

  /** A token asked for with the client credentials sent by `method` alone, with its answer's headers: neither negotiated nor cached. */
  async tokenBy(method: ClientAuthMethod): Promise<IssuedToken> {
    const { value, headers, body } = await this.request(method);
    return { value, headers, body };
  }

  /** A token asked for anew, as the client negotiates, with its answer's headers: never from the cache, never cached. */
  async freshToken(): Promise<IssuedToken> {
    const { value, headers, body } = await this.negotiate();
    return { value, headers, body };
  }

  /**
   * The answer to HTTP Basic client authentication with a wrong secret, whatever it is: RFC 6749
   * §5.2 says how it must be refused. `changed`: the client's own with its last character changed;
   * `past-colon`: the client's own followed by an unencoded `:x`, which RFC 7617 §2 makes part of the
   * password (a user-id holds no colon, so the password is all after the first). Never cached.
   */
  async answerToWrongSecret(way: WrongSecretWay = 'changed'): Promise<TokenEndpointAnswer> {
    const secret = this.options.clientSecret;
    return way === 'changed' ? this.answer('basic', { secret: wrongSecret(secret) }) : this.answer('basic', { secret, passwordSuffix: ':x' });
  }

  /**
   * The answer to a token request with one form parameter more than the client's own, by the client
   * authentication that last gave a token: RFC 6749 §3.2 says a parameter without a value is as if
   * omitted and an unrecognised one is ignored, so it must be answered as the client's own. Never cached.
   */
  async answerWithParameter(name: string, value: string): Promise<TokenEndpointAnswer> {
    return this.answer(this.options.authMethod ?? this.learnedMethod ?? 'basic', { secret: this.options.clientSecret, extra: [name, value] });
  }

  /** One token request's answer as it came, for a case to judge: its status, headers, body shape and the token if it issued one. */
  private async answer(method: ClientAuthMethod, sent: SentCredentials): Promise<TokenEndpointAnswer> {
    const response = await this.post(method, sent);
    const { members, shape } = readTokenBody(response);
    // A 429 says nothing of how the request is answered once the limit allows it: the caller waits it out and asks again.
    if (response.status === 429) throw this.failure(response, shape);
    const token = response.status === 200 ? accessTokenOf(members) : undefined;
    return { status: response.status, headers: response.headers, body: shape, ...(token ? { value: token } : {}) };
  }

  /** Whether the client asks for a scope of its own (CONNECTID_SCOPE): then `scope=` would name it twice. */
  get asksForScope(): boolean {
    return this.options.scope !== undefined;
  }

  /** Token requests sent so far (for tests and the benchmark). */
  get fetches(): number {
    return this.fetchCount;
  }

  /** Forgets a token the API refused, so that the next call fetches another. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  /** Fetches, caches and returns a token; reports the fetch's outcome (the negotiation's, not each attempt's). */
  private async fetchToken(): Promise<string> {
    const started = performance.now();
    const report = (outcome: 'success' | TokenError['kind']): void => this.options.onFetch?.(outcome, performance.now() - started);
    try {
      const { value, lifetimeS } = await this.negotiate();
      const marginMs = Math.min(60_000, lifetimeS * 100);
      this.cached = { value, refreshAt: this.now() + lifetimeS * 1000 - marginMs };
      report('success');
      return value;
    } catch (error) {
      report(error instanceof TokenError ? error.kind : 'transport');
      throw error;
    }
  }

  /**
   * A token by the pinned method, or else by negotiation: HTTP Basic first, since RFC 6749 §2.3.1
   * makes it the one method every authorization server MUST support (the body is a MAY, NOT
   * RECOMMENDED), then, once, the form body when Basic was refused as a client authentication. The
   * method that gave a token is tried first at the next fetch, so a long-lived client negotiates
   * once, and again only if the provider changes its mind.
   */
  private async negotiate(): Promise<TokenAnswer> {
    if (this.options.authMethod) return this.request(this.options.authMethod);
    const [first, second]: readonly [ClientAuthMethod, ClientAuthMethod] = this.learnedMethod === 'body' ? ['body', 'basic'] : ['basic', 'body'];
    for (const method of [first, second]) {
      try {
        const token = await this.request(method);
        this.learnedMethod = method;
        return token;
      } catch (error) {
        if (method === second || !refusesClientAuthentication(error)) throw error;
      }
    }
    throw new Error('unreachable: the second method either gives a token or throws');
  }

  /** One token request with the client credentials sent by `method`, its answer as it came. */
  private async post(method: ClientAuthMethod, sent: SentCredentials): Promise<HttpResponse> {
    const { tokenUrl, transport } = this.options;
    const { headers, form } = this.credentials(method, sent);
    if (sent.extra) form.append(...sent.extra);
    this.fetchCount++;
    try {
      return await transport({ method: 'POST', url: tokenUrl, headers, body: Buffer.from(form.toString(), 'utf8'), timeoutMs: this.options.timeoutMs ?? 10_000 });
    } catch (error) {
      const reason = error instanceof TransportError ? error.kind : 'network';
      throw new TokenError('transport', `Token request to ${describeUrl(tokenUrl)} failed: ${reason}`, { cause: error });
    }
  }

  /** One token request, the client credentials sent by `method`. */
  private async request(method: ClientAuthMethod): Promise<TokenAnswer> {
    const where = describeUrl(this.options.tokenUrl);
    const response = await this.post(method, { secret: this.options.clientSecret });
    // A body that is not a JSON object has no members: it is either an error status or a malformed answer, below.
    const { members: body, shape } = readTokenBody(response);
    if (response.status !== 200) throw this.failure(response, shape);
    const value = accessTokenOf(body);
    if (value === undefined) throw new TokenError('malformed', `Token response from ${where} has no access_token`, { status: 200 });
    return { value, lifetimeS: lifetimeOf(body.expires_in), headers: response.headers, body: shape };
  }

  /** The TokenError a token answer other than 200 stands for: its kind by status, its RFC 6749 §5.2 code, and a 429's headers for its wait. */
  private failure(response: HttpResponse, shape: TokenBodyShape): TokenError {
    const code = shape.error;
    return new TokenError(failureOf(response.status), `Token request to ${describeUrl(this.options.tokenUrl)} answered ${response.status}${code ? ` (${code})` : ''}`, {
      status: response.status,
      ...(code ? { code } : {}),
      ...(response.status === 429 ? { headers: response.headers } : {}),
    });
  }

  /** The headers and form of a token request with the client credentials sent by `method`. */
  private credentials(method: ClientAuthMethod, { secret: clientSecret, passwordSuffix }: SentCredentials): { headers: Record<string, string>; form: URLSearchParams } {
    const { clientId, scope } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      // Its own trace: a token serves many probes, and belongs to none of their traces.
      traceparent: traceparent(newTraceId()),
    };
    if (method === 'basic') {
      headers.authorization = basicCredentials(clientId, clientSecret, passwordSuffix);
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    }
    if (scope) form.set('scope', scope);
    return { headers, form };
  }
}

/**
 * RFC 6749 §2.3.1's Basic credentials: id and secret each encoded with the
 * application/x-www-form-urlencoded algorithm (Appendix B: a space is `+`, every byte but
 * alphanumerics and `*-._` is percent-encoded), then joined by a colon and Base64-encoded.
 * `passwordSuffix` goes after the encoded secret as it is (a case's own wrong password); default none.
 */
export function basicCredentials(clientId: string, clientSecret: string, passwordSuffix = ''): string {
  const formEncoded = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);
  return `Basic ${Buffer.from(`${formEncoded(clientId)}:${formEncoded(clientSecret)}${passwordSuffix}`, 'utf8').toString('base64')}`;
}

/**
 * Whether a token endpoint refused the way the credentials were sent rather than anything else: 401,
 * or 400 with RFC 6749 §5.2's `invalid_client` or `invalid_request` (a server that reads only the
 * body sees no client at all in a Basic request).
 */
function refusesClientAuthentication(error: unknown): boolean {
  if (!(error instanceof TokenError) || error.kind !== 'rejected') return false;
  return error.status === 401 || (error.status === 400 && (error.code === 'invalid_client' || error.code === 'invalid_request'));
}

/** The failure a token answer other than 200 stands for, by its status. */
function failureOf(status: number): TokenError['kind'] {
  if (status === 429) return 'throttled';
  return status >= 500 ? 'unavailable' : 'rejected';
}

/** The wrong secrets a case sends with HTTP Basic (`TokenClient.answerToWrongSecret`). */
export type WrongSecretWay = 'changed' | 'past-colon';

/** What a token request sends as the client's credentials: its secret, a parameter more, and for Basic a suffix to the password. */
interface SentCredentials {
  readonly secret: string;
  /** A form parameter added to the client's own. Default none. */
  readonly extra?: readonly [name: string, value: string];
  /** Sent unencoded after the encoded secret, with HTTP Basic only. Default none. */
  readonly passwordSuffix?: string;
}

/** The secret with its last character changed: wrong, yet as long and as shaped as the real one. */
function wrongSecret(secret: string): string {
  const last = secret.at(-1);
  return `${secret.slice(0, -1)}${last === 'x' ? 'y' : 'x'}`;
}

/** The access_token of a token answer, if it holds a non-empty one. */
function accessTokenOf(members: TokenMembers): string | undefined {
  return typeof members.access_token === 'string' && members.access_token !== '' ? members.access_token : undefined;
}

/** The members of a token answer RFC 6749 §5.1 and §5.2 define, as sent (any type). */
interface TokenMembers {
  readonly access_token?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
}

/** A token answer's body parsed once: its members (none unless a JSON object) and its shape for the rules. */
function readTokenBody(response: HttpResponse): { members: TokenMembers; shape: TokenBodyShape } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.bodyText);
  } catch {
    parsed = undefined;
  }
  const shape = tokenBodyShape(parsed, response.byteOrderMark === true, parsed === undefined ? [] : repeatedMemberNames(response.bodyText));
  return { members: shape.jsonObject ? (parsed as TokenMembers) : {}, shape };
}

/** A token's lifetime in seconds from `expires_in` (a number, or a numeric string as some servers send); else the default. */
function lifetimeOf(expiresIn: unknown): number {
  const seconds = typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' ? Number(expiresIn) : Number.NaN;
  return seconds > 0 ? seconds : DEFAULT_LIFETIME_S;
}
