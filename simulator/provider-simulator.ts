import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPERATION_PATH, documentedErrorStatuses, resultCap } from '../contracts/contract-reader';
import { validateSchema, type SchemaViolation } from '../contracts/contract-validator';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import { RateWindow } from '../client/rate-window';
import { matchCustomers } from './customer-matcher';
import { faultBehaviour, type FaultMode } from './fault-modes';
import { outageBehaviour, type OutageMode } from './outage-modes';
import type { MethodAnswer, ProviderBehaviour, TokenRefusal, TokenRefusalReason, Trickle } from './provider-behaviour';
import { variantBehaviour, type ProviderVariant } from './provider-variants';
import { seedCustomers, type SeedCustomer } from './seed-customers';
import { TokenStore } from './token-store';

export interface SimulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Client id the token endpoint accepts. Default `capi-contract-simulator`. */
  readonly clientId?: string;
  /** Client secret the token endpoint accepts. Default `simulator-secret`. */
  readonly clientSecret?: string;
  /** Lifetime of issued tokens, in seconds. Default 43200 (the documented 12 h). */
  readonly tokenLifetimeS?: number;
  /** Rate limits, in calls per rolling second and minute. Default the documented 100 and 2000; false disables. */
  readonly rateLimit?: { readonly perSecond: number; readonly perMinute: number } | false;
  /** Rule to break; default none. */
  readonly fault?: FaultMode;
  /** A correct choice the page leaves open, made the other way; default none (the simulator's own choices). */
  readonly variant?: ProviderVariant;
  /** Service failure to show; default none. */
  readonly outage?: OutageMode;
  /** Extra delay before every search answer, in milliseconds. Default 0. */
  readonly latencyMs?: number;
  /** Customers to serve. Default `seedCustomers`. */
  readonly customers?: readonly SeedCustomer[];
  /** Keep the bytes of every search body in `requests` (tests of what reaches the wire). Default false. */
  readonly recordBodies?: boolean;
}

/** What the simulator saw of one request (credentials reduced to their scheme). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Token requests only: how the client authenticated. */
  readonly clientAuth?: 'body' | 'basic' | 'none';
  readonly status: number;
  /** Search requests with `recordBodies`: the body exactly as received, in base64. */
  readonly body?: string;
}

export interface RunningSimulator {
  /** API base, e.g. http://127.0.0.1:41234/capi */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: readonly RecordedRequest[];
  setFault(fault: FaultMode | undefined): void;
  setVariant(variant: ProviderVariant | undefined): void;
  setOutage(outage: OutageMode | undefined): void;
  setLatency(ms: number): void;
  setTokenLifetime(seconds: number): void;
  /** A token this simulator issued that has already expired. */
  expiredToken(): string;
  /** Every token issued so far (for tests proving tokens never reach a report). */
  issuedTokens(): string[];
  /** Clears recorded requests, tokens, faults and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

const API_VERSION = '1.0.0-simulator';
const TOKEN_PATH = '/user/oauth/token';

/** The hint of the simulator's own 429s: the vendor's headers, the wait rounded up to whole seconds. */
const defaultRateLimitHint = (waitMs: number): Record<string, string> => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.max(1, Math.ceil(waitMs / 1000))) });

const REFUSAL_MESSAGES: Record<TokenRefusalReason, string> = {
  missing: 'No access token',
  malformed: 'Malformed access token',
  unknown: 'Access token unknown',
  expired: 'Access token expired',
  revoked: 'Access token revoked',
};

/**
 * The simulator's own refusals: 403 as the page documents; a revoked token (only a variant revokes)
 * gets RFC 6750 §3.1's 401 `invalid_token`, which tells the client a new token may succeed.
 */
const defaultTokenRefusal = (reason: TokenRefusalReason): TokenRefusal =>
  reason === 'revoked' ? { status: 401, challenge: 'Bearer error="invalid_token", error_description="The access token was revoked"' } : { status: 403 };
const API_PREFIX = '/capi';

function readBody(request: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets an answer (400).
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(new Error('request body too large')) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

/** The documented method only: anything else on the path is 405 with the Allow header RFC 9110 §15.5.6 requires. */
const METHOD_NOT_ALLOWED: MethodAnswer = {
  status: 405,
  body: JSON.stringify({ exceptionType: 'MethodNotAllowedException', errorMessage: 'Only POST is supported' }),
  headers: { allow: 'POST' },
};

/** Writes a 200 in pieces, chunked, pausing between them; stops if the client goes away. */
function trickled(response: ServerResponse, bytes: Buffer, trickle: Trickle): void {
  const size = Math.ceil(bytes.length / Math.max(1, trickle.pieces));
  let offset = 0;
  const next = (): void => {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + size));
    offset += size;
    if (offset >= bytes.length) response.end();
    else setTimeout(next, trickle.delayMs);
  };
  next();
}

/** Writes a 200 as the behaviour serialises, encodes and delivers it (one piece with Content-Length, or trickled). */
function writeSuccess(response: ServerResponse, behaviour: ProviderBehaviour, customers: readonly Record<string, unknown>[], headers: Record<string, string>): number {
  const text = JSON.stringify(behaviour.presentAnswer ? behaviour.presentAnswer(customers) : { customers });
  const bytes = behaviour.encodesSuccess ? behaviour.encodesSuccess(text) : Buffer.from(text, 'utf8');
  const contentType = behaviour.successContentType ?? 'application/json; charset=utf-8';
  if (!behaviour.trickle) {
    response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length, ...headers });
    response.end(bytes);
  } else {
    response.writeHead(200, { 'content-type': contentType, ...headers });
    trickled(response, bytes, behaviour.trickle);
  }
  return 200;
}

/** Answers a method the contract does not document on the path: the behaviour's answer, else 405 with Allow. */
function answerOtherMethod(request: IncomingMessage, response: ServerResponse, behaviour: ProviderBehaviour, headers: Record<string, string>): number {
  const answer = behaviour.otherMethod ? behaviour.otherMethod(request.method ?? '') : METHOD_NOT_ALLOWED;
  // A HEAD answer carries headers only (RFC 9110 §9.3.2).
  const body = request.method === 'HEAD' ? '' : answer.body;
  request.resume();
  response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers, ...answer.headers });
  response.end(body);
  return answer.status;
}

function redactedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? `${text.split(' ')[0]} [redacted]` : text;
  }
  return headers;
}

/**
 * Starts the embedded provider double on 127.0.0.1: the search operation under /capi and an OAuth 2.0
 * client-credentials token endpoint, both driven by the contract. Modelled on Prism for
 * `Prefer: code=NNN` and on the vendor's fact sheet for headers, limits and error bodies.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clientId = options.clientId ?? 'capi-contract-simulator';
  const clientSecret = options.clientSecret ?? 'simulator-secret';
  const customers = options.customers ?? seedCustomers;
  const tokens = new TokenStore();
  const requests: RecordedRequest[] = [];
  // A fault's hooks win over a variant's: a faulty provider may also make a correct choice.
  const behaviourOf = (faultMode: FaultMode | undefined, variant: ProviderVariant | undefined, outage: OutageMode | undefined): ProviderBehaviour => ({
    ...variantBehaviour(variant),
    ...faultBehaviour(faultMode),
    ...outageBehaviour(outage),
  });
  let faultMode = options.fault;
  let variant = options.variant;
  let outage = options.outage;
  let fault = behaviourOf(faultMode, variant, outage);
  let latencyMs = options.latencyMs ?? 0;
  let tokenLifetimeS = options.tokenLifetimeS ?? 43_200;
  let validSearches = 0;
  let searchesInFlight = 0;
  // A variant's own limits replace the documented ones; the option can still lift every limit.
  const makeWindow = (): RateWindow | undefined =>
    options.rateLimit === false ? undefined : new RateWindow(fault.rateLimit ?? options.rateLimit ?? { perSecond: 100, perMinute: 2000 });
  let window = makeWindow();
  const receivedBodies = new WeakMap<IncomingMessage, Buffer>();

  /** The rate-limit headers of an answer, with `overrides` (a 429's), as the active mode rewrites them. */
  const rateHeaders = (overrides: Record<string, string> = {}): Record<string, string> => {
    const headers: Record<string, string> = !window
      ? { 'x-mediaconnect-api-version': API_VERSION, ...overrides }
      : {
          'x-mediaconnect-api-version': API_VERSION,
          'x-ratelimit-remaining': String(window.remaining()),
          'x-ratelimit-reset': String(Math.ceil(window.waitMs() / 1000)),
          ...overrides,
        };
    return fault.rateHeaders ? fault.rateHeaders(headers) : headers;
  };

  const send = (
    response: ServerResponse,
    status: number,
    body: string,
    contentType = 'application/json; charset=utf-8',
    extra: Record<string, string> = {},
  ): number => {
    response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
    response.end(body);
    return status;
  };

  const sendSuccess = (response: ServerResponse, customers: readonly Record<string, unknown>[]): number => writeSuccess(response, fault, customers, rateHeaders());

  const sendError = (response: ServerResponse, status: number, exceptionType: string, errorMessage: string, extra: Record<string, string> = {}): number => {
    const body = JSON.stringify({ exceptionType, errorMessage });
    const answer = fault.errorAnswer ? fault.errorAnswer(status, body) : { status, body };
    return send(response, answer.status, answer.body, answer.contentType, { ...rateHeaders(), ...extra });
  };

  const refuseToken = (response: ServerResponse, reason: TokenRefusalReason): number => {
    const refusal = (fault.tokenRefusal ?? defaultTokenRefusal)(reason);
    const exceptionType = refusal.status === 401 ? 'UnauthorizedException' : 'AccessDeniedException';
    return sendError(response, refusal.status, exceptionType, REFUSAL_MESSAGES[reason], refusal.challenge ? { 'www-authenticate': refusal.challenge } : {});
  };

  /** The request's schema violations, less the ones the active fault pretends not to see. */
  const requestViolations = (body: unknown): SchemaViolation[] => {
    const violations = validateSchema('SearchCustomerRequest', body);
    const ignored = fault.ignoresViolation;
    return ignored ? violations.filter((violation) => !ignored(violation)) : violations;
  };

  /** The answer a search gets before its body is read (Prefer, credentials, limits, outages), or undefined to go on. */
  const answerBeforeBody = (request: IncomingMessage, response: ServerResponse): number | undefined => {
    const preferred = /code=(\d{3})/.exec(String(request.headers.prefer ?? ''))?.[1];
    if (preferred && !fault.ignoresPrefer && documentedErrorStatuses().includes(Number(preferred))) {
      const status = Number(preferred);
      const extra: Record<string, string> = status === 429 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } : {};
      const body = JSON.stringify({ exceptionType: `Simulated${status}`, errorMessage: `Forced by Prefer: code=${status}` });
      return send(response, status, body, undefined, { ...rateHeaders(), ...extra });
    }

    const authorization = String(request.headers.authorization ?? '');
    const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization)?.[1];
    const tokenStatus = bearer ? tokens.status(tokens.lookup(bearer, fault.matchesIssuedToken)) : 'unknown';
    const anonymousAllowed = fault.acceptsAnonymous === true && authorization === '';
    if (tokenStatus !== 'valid' && !anonymousAllowed) return refuseToken(response, !authorization ? 'missing' : !bearer ? 'malformed' : tokenStatus);
    // This search is answered; the tokens that were valid for it may not be for the next.
    if (tokenStatus === 'valid' && fault.revokesTokens?.(++validSearches)) tokens.revokeAll();

    if (window && !window.tryTake()) {
      return send(
        response,
        429,
        JSON.stringify({ exceptionType: 'TooManyRequestsException', errorMessage: 'Rate limit exceeded' }),
        undefined,
        rateHeaders((fault.rateLimitHint ?? defaultRateLimitHint)(window.waitMs())),
      );
    }

    const failure = fault.failsSearch?.();
    return failure ? send(response, failure.status, failure.body, failure.contentType, { ...failure.headers }) : undefined;
  };

  const handleSearch = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    const early = answerBeforeBody(request, response);
    if (early !== undefined) return early;
    // A body past the limit is the client's mistake: a 400, never a 5xx.
    const bytes = await readBody(request).catch(() => undefined);
    if (bytes === undefined) return sendError(response, 400, 'BadRequestException', 'Request body too large');
    if (options.recordBodies) receivedBodies.set(request, bytes);
    let body: unknown;
    try {
      const parsed: unknown = JSON.parse(bytes.toString('utf8'));
      body = fault.readsBody ? fault.readsBody(parsed) : parsed;
    } catch {
      return sendError(response, 400, 'BadRequestException', 'Request body is not JSON');
    }
    const crash = fault.crash?.(body);
    if (crash) return send(response, crash.status, crash.body, crash.contentType);
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const violations = requestViolations(body);
    if (violations.length > 0 || !isObject || fault.refuses?.(body as SearchRequestBody)) {
      // Names the broken places, never the values: they are customer data.
      const where = [...new Set(violations.map((v) => v.instancePath || 'search requirement'))].join(', ');
      return sendError(response, 400, 'ValidationException', `Invalid request: ${where}`);
    }
    const search = body as SearchRequestBody;
    const match = (criteria: SearchRequestBody) => matchCustomers(customers, criteria).map((seed) => seed.customer);
    const matched = match(search);
    const cap = resultCap();
    const found = fault.results ? fault.results(matched, { search, customers, cap, match }) : matched.slice(0, cap);
    const present = fault.presentCustomer ?? ((customer) => ({ ...customer }));
    return sendSuccess(response, found.map(present));
  };

  const handleToken = async (request: IncomingMessage, response: ServerResponse): Promise<{ status: number; auth: 'body' | 'basic' | 'none' }> => {
    const form = new URLSearchParams((await readBody(request)).toString('utf8'));
    const basic = /^Basic (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    let auth: 'body' | 'basic' | 'none' = id ? 'body' : 'none';
    if (basic) {
      // RFC 6749 §2.3.1: each part was form-encoded before Base64, so `+` is a space.
      const [user, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      const formDecoded = (part: string | undefined): string => decodeURIComponent((part ?? '').replace(/\+/g, ' '));
      id = formDecoded(user);
      secret = formDecoded(pass);
      auth = 'basic';
    }
    const json = (status: number, body: object): number => send(response, status, JSON.stringify(body), undefined, { 'cache-control': 'no-store' });
    const failure = fault.failsToken?.();
    if (failure) return { status: send(response, failure.status, failure.body, failure.contentType, { ...failure.headers }), auth };
    if (form.get('grant_type') !== 'client_credentials') return { status: json(400, { error: 'unsupported_grant_type' }), auth };
    const refusedMethod = auth !== 'none' && fault.acceptsClientAuth?.(auth) === false;
    if (refusedMethod || id !== clientId || secret !== clientSecret) return { status: json(401, { error: 'invalid_client' }), auth };
    const token = tokens.issue(tokenLifetimeS);
    return { status: json(200, { access_token: token, token_type: 'Bearer', expires_in: tokenLifetimeS, scope: 'read' }), auth };
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const record = (status: number, clientAuth?: RecordedRequest['clientAuth']): void => {
      const body = receivedBodies.get(request);
      requests.push({ method: request.method ?? '', path, headers: redactedHeaders(request), status, ...(clientAuth ? { clientAuth } : {}), ...(body ? { body: body.toString('base64') } : {}) });
    };
    const fail = (error: unknown): void => {
      if (!response.headersSent) send(response, 500, JSON.stringify({ exceptionType: 'SimulatorError', errorMessage: String((error as Error).message) }));
      else response.destroy();
    };
    if (request.method === 'POST' && path === TOKEN_PATH) {
      handleToken(request, response).then(({ status, auth }) => record(status, auth), fail);
      return;
    }
    if (request.method === 'POST' && path === `${API_PREFIX}${OPERATION_PATH}`) {
      if (fault.hangsUp) {
        request.socket.destroy();
        return;
      }
      if (searchesInFlight >= (fault.maxInFlight ?? Number.POSITIVE_INFINITY)) {
        request.resume();
        const body = JSON.stringify({ exceptionType: 'TooManyRequestsException', errorMessage: 'Too many concurrent requests' });
        record(send(response, 429, body, undefined, rateHeaders({ 'retry-after': '1' })));
        return;
      }
      searchesInFlight++;
      response.on('close', () => searchesInFlight--);
      const delay = fault.stallsSearchMs ?? latencyMs + (fault.holdsSearchMs ?? 0);
      const run = (): void => {
        handleSearch(request, response).then((status) => record(status), fail);
      };
      if (delay > 0) {
        const timer = setTimeout(run, delay);
        response.on('close', () => clearTimeout(timer));
      } else run();
      return;
    }
    if (path === `${API_PREFIX}${OPERATION_PATH}`) {
      record(answerOtherMethod(request, response, fault, rateHeaders()));
      return;
    }
    record(send(response, 404, JSON.stringify({ exceptionType: 'NotFound', errorMessage: 'No such operation' })));
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    clientId,
    clientSecret,
    requests,
    setFault: (next) => {
      faultMode = next;
      fault = behaviourOf(faultMode, variant, outage);
      window = makeWindow();
    },
    setVariant: (next) => {
      variant = next;
      fault = behaviourOf(faultMode, variant, outage);
      window = makeWindow();
    },
    setOutage: (next) => {
      outage = next;
      fault = behaviourOf(faultMode, variant, outage);
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setTokenLifetime: (seconds) => {
      tokenLifetimeS = seconds;
    },
    expiredToken: () => tokens.issue(-60),
    issuedTokens: () => tokens.issued(),
    reset: () => {
      requests.length = 0;
      tokens.clear();
      faultMode = options.fault;
      variant = options.variant;
      outage = options.outage;
      fault = behaviourOf(faultMode, variant, outage);
      latencyMs = options.latencyMs ?? 0;
      tokenLifetimeS = options.tokenLifetimeS ?? 43_200;
      validSearches = 0;
      window = makeWindow();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
