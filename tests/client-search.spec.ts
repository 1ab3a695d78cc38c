import { expect, test } from '@playwright/test';
import { createNodeTransport, type HttpResponse, type HttpTransport } from '../client/http-transport';
import { parseHttpDate } from '../client/http-date';
import { rateLimitDelayMs, rateLimitHintMs, retriesOutlasting } from '../client/rate-limit-delay';
import { SearchClient, UNHINTED_HOLD_MS } from '../client/search-client';
import { AdaptivePacer } from '../client/adaptive-pacer';
import { RateWindow } from '../client/rate-window';
import { DeadlineError } from '../client/deadline-error';
import { isInvalidTokenChallenge } from '../client/bearer-challenge';
import { TokenClient } from '../client/token-client';
import { TokenError } from '../client/token-error';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';
import { REVOKE_TOKENS_EVERY } from '../simulator/provider-variants';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startTestMonitor } from './fixtures/monitor-harness';

let simulator: RunningSimulator;
test.beforeAll(async () => {
  simulator = await startSimulator();
});
test.afterAll(async () => simulator.close());
test.beforeEach(() => simulator.reset());

function clients(transport: HttpTransport = createNodeTransport(), sleeps: number[] = []): { search: SearchClient; tokens: TokenClient } {
  const tokens = new TokenClient({ tokenUrl: simulator.tokenUrl, clientId: simulator.clientId, clientSecret: simulator.clientSecret, transport });
  // A clock that only sleeping moves: the time bound on 429s is then exact and instant.
  let clock = 0;
  const search = new SearchClient({
    baseUrl: simulator.baseUrl,
    transport,
    tokens,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  return { search, tokens };
}

/** A transport that answers searches from a script and passes token requests to the simulator. */
function scripted(answers: Partial<HttpResponse>[]): { transport: HttpTransport; searches: () => number } {
  const real = createNodeTransport();
  let searches = 0;
  return {
    searches: () => searches,
    transport: async (request) => {
      if (request.url.endsWith('/oauth/token')) return real(request);
      const answer = answers[Math.min(searches++, answers.length - 1)] ?? {};
      return { status: 200, headers: {}, bodyText: '{"customers":[]}', durationMs: 1, ...answer };
    },
  };
}

test('every search sends Accept and Content-Type application/json and a bearer token', async () => {
  const { search } = clients();
  const exchange = await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
  expect(exchange.response.status).toBe(200);
  const sent = simulator.requests.find((request) => request.path.endsWith('/search'));
  expect(sent?.headers.accept).toBe('application/json');
  expect(sent?.headers['content-type']).toBe('application/json');
  expect(sent?.headers.authorization).toBe('Bearer [redacted]');
});

test('a cached token the API refuses is replaced once, then the search goes through', async () => {
  const { search, tokens } = clients();
  await tokens.token();
  simulator.reset(); // the simulator forgets the token, as a provider that revoked it
  const exchange = await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
  expect(exchange.response.status).toBe(200);
  expect(exchange.response.attempts).toBe(2);
  expect(tokens.fetches).toBe(2);
});

test('a freshly fetched token that is refused is not retried in a loop', async () => {
  const { transport, searches } = scripted([{ status: 403 }]);
  const exchange = await clients(transport).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
  expect(exchange.response.status).toBe(403);
  expect(searches()).toBe(1);
});

test('a token the provider revokes (401 invalid_token) is replaced once and the search sent again, even a token just fetched', async () => {
  simulator.setVariant('tokens-revoked');
  const { search, tokens } = clients();
  // Every search shares the one fetch, so every token is fresh; the provider revokes it mid-burst.
  const exchanges = await Promise.all(Array.from({ length: REVOKE_TOKENS_EVERY + 3 }, () => search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' })));
  expect(simulator.requests.filter((request) => request.path.endsWith('/search') && request.status === 401)).toHaveLength(3);
  expect(exchanges.map((exchange) => exchange.response.status)).toEqual(exchanges.map(() => 200));
  expect(exchanges.filter((exchange) => exchange.response.attempts === 2)).toHaveLength(3);
  expect(tokens.fetches).toBe(2);
});

test('the monitor, through the same client, recovers from a revocation between and within its runs', async () => {
  let provider: RunningSimulator | undefined;
  const { monitor } = await startTestMonitor({}, {
    startEmbedded: async (modes) => (provider = await embeddedSimulator({ variant: 'tokens-revoked' })(modes)),
  });
  try {
    const outcomes: string[] = [];
    for (let run = 0; run < 4; run++) outcomes.push(...(await monitor.runOnce()).map((record) => `${record.probe}: ${record.outcome}`));
    expect(provider?.requests.filter((request) => request.status === 401).length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => !outcome.endsWith(': success'))).toEqual([]);
  } finally {
    await monitor.stop();
  }
});

const invalidToken = { status: 401, headers: { 'www-authenticate': 'Bearer realm="capi", error="invalid_token"' } };

test('a case that forces a status gets a new token too when the provider checks the token first', async () => {
  const { transport, searches } = scripted([invalidToken, { status: 500 }]);
  const exchange = await clients(transport).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid', prefer: 500 });
  expect(exchange.response.status).toBe(500);
  expect(searches()).toBe(2);
});

test('only a second refusal counts: a new token refused again is returned, not retried further', async () => {
  const { transport, searches } = scripted([invalidToken]);
  const { search, tokens } = clients(transport);
  const exchange = await search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
  expect(exchange.response.status).toBe(401);
  expect(searches()).toBe(2);
  expect(tokens.fetches).toBe(2);
});

test('a case that sends a bad token on purpose is judged on the first answer, never with a new token', async () => {
  for (const auth of ['none', 'malformed', 'unknown'] as const) {
    const { transport, searches } = scripted([invalidToken]);
    const exchange = await clients(transport).search.send({ body: { phoneNumber: '+4712345678' }, auth });
    expect(exchange.response.status).toBe(401);
    expect(searches()).toBe(1);
  }
});

test('the invalid_token challenge is read whatever the order, case and quoting of its parameters', () => {
  expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer error="invalid_token"' })).toBe(true);
  expect(isInvalidTokenChallenge({ 'www-authenticate': 'bearer realm="x", error_description="gone", error=invalid_token' })).toBe(true);
  expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer realm="capi"' })).toBe(false);
  expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer error="insufficient_scope"' })).toBe(false);
  expect(isInvalidTokenChallenge({})).toBe(false);
});

test('after 429 it waits per Retry-After, then retries', async () => {
  const sleeps: number[] = [];
  const { transport, searches } = scripted([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]);
  const exchange = await clients(transport, sleeps).search.send({ body: { email: 'a@b.no' }, auth: 'valid' });
  expect(exchange.response.status).toBe(200);
  expect(searches()).toBe(2);
  expect(sleeps).toEqual([2000]);
});

test('a count bound on 429 retries holds however short the waits (the monitor sends 3 at most)', async () => {
  const { transport, searches } = scripted([{ status: 429, headers: { 'retry-after': '0' } }]);
  const exchange = await clients(transport).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' }, { maxRateLimitRetries: 3 });
  expect(exchange.response.status).toBe(429);
  expect(searches()).toBe(4);
});

/** A transport whose token endpoint answers from a script (the simulator past it) and whose searches the simulator answers. */
function tokenScripted(answers: Partial<HttpResponse>[]): { transport: HttpTransport; tokenRequests: () => number } {
  const real = createNodeTransport();
  let tokenRequests = 0;
  return {
    tokenRequests: () => tokenRequests,
    transport: async (request) => {
      if (!request.url.endsWith('/oauth/token')) return real(request);
      const answer = answers[tokenRequests++];
      return answer ? { status: 429, headers: {}, bodyText: '{"error":"rate_limited"}', durationMs: 1, ...answer } : real(request);
    },
  };
}

test("a token endpoint's 429 is waited out per its Retry-After, as a search's is, for the client's own token and for a token answer a case judges", async () => {
  const sleeps: number[] = [];
  const own = tokenScripted([{ headers: { 'retry-after': '2' } }]);
  const exchange = await clients(own.transport, sleeps).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' });
  expect(exchange.response.status).toBe(200);
  expect(own.tokenRequests()).toBe(2);
  expect(sleeps).toEqual([2000]);
  // The wrong secret's refusal is what its case judges: a 429 before it says nothing of it.
  const judged = tokenScripted([{ headers: { 'retry-after': '1' } }]);
  const refused = await clients(judged.transport).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'wrong-secret' });
  expect(refused.tokenResponse?.status).toBe(401);
});

test("a token endpoint that still answers 429 when the budget is spent gives a throttled TokenError, never a refused one", async () => {
  const { transport } = tokenScripted(Array.from({ length: 100 }, () => ({ headers: { 'retry-after': '20' } })));
  const error = (await clients(transport).search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' }).catch((caught: unknown) => caught)) as TokenError;
  expect(error).toBeInstanceOf(TokenError);
  expect([error.kind, error.status, error.message]).toEqual(['throttled', 429, `Token request to ${simulator.tokenUrl} answered 429 (rate_limited)`]);
});

test('never retries a 500', async () => {
  const { transport, searches } = scripted([{ status: 500, bodyText: 'oops' }]);
  const exchange = await clients(transport).search.send({ body: { email: 'a@b.no' }, auth: 'valid' });
  expect(exchange.response.status).toBe(500);
  expect(searches()).toBe(1);
});

test('does not retry a 429 the case expects, and gives up on 429s after the time budget, not a count', async () => {
  const { transport, searches } = scripted([{ status: 429 }]);
  const sleeps: number[] = [];
  const { search } = clients(transport, sleeps);
  expect((await search.send({ body: { email: 'a@b.no' }, auth: 'valid', prefer: 429 }, { retryRateLimited: false })).response.status).toBe(429);
  expect(searches()).toBe(1);
  const exchange = await search.send({ body: { email: 'a@b.no' }, auth: 'valid' });
  expect(exchange.response.status).toBe(429);
  // Back-off doubles from 250 ms: the 30 s default is waited out nearly whole, never overrun.
  const waited = sleeps.reduce((sum, ms) => sum + ms, 0);
  expect(waited).toBeLessThanOrEqual(30_000);
  expect(waited).toBeGreaterThan(7_500);
  expect(exchange.response.attempts).toBe(sleeps.length + 1);
});

test('a search past its deadline is not sent, and a 429 is not waited out past it', async () => {
  const { transport, searches } = scripted([{ status: 429, headers: { 'retry-after': '5' } }, { status: 200 }]);
  const sleeps: number[] = [];
  const { search } = clients(transport, sleeps);
  await expect(search.send({ body: { email: 'a@b.no' }, auth: 'valid' }, { notAfter: -1 })).rejects.toThrow(DeadlineError);
  expect(searches()).toBe(0);
  const exchange = await search.send({ body: { email: 'a@b.no' }, auth: 'valid' }, { notAfter: 4_000 });
  expect(exchange.response.status).toBe(429);
  expect(sleeps).toEqual([]);
});

test('the 429 wait follows Retry-After, then X-RateLimit-Reset (seconds or epoch), then back-off', () => {
  const now = 1_800_000_000_000;
  expect(rateLimitDelayMs({ 'retry-after': '3' }, 1, now)).toBe(3000);
  expect(rateLimitDelayMs({ 'retry-after': new Date(now + 1500).toUTCString() }, 1, now)).toBeLessThanOrEqual(1500);
  expect(rateLimitDelayMs({ 'x-ratelimit-reset': '4' }, 1, now)).toBe(4000);
  expect(rateLimitDelayMs({ 'x-ratelimit-reset': String(now / 1000 + 7) }, 1, now)).toBe(7000);
  expect(rateLimitDelayMs({}, 1, now, () => 0)).toBe(125);
  expect(rateLimitDelayMs({}, 3, now, () => 1)).toBe(1000);
  expect(rateLimitDelayMs({ 'retry-after': '99999' }, 1, now)).toBe(60_000);
});

test('a Retry-After outside RFC 9110 (fractional seconds) is no hint: the wait falls back to X-RateLimit-Reset, then to back-off', async () => {
  const sleeps: number[] = [];
  const { transport, searches } = scripted([
    { status: 429, headers: { 'retry-after': '0.916', 'x-ratelimit-reset': '2' } },
    { status: 429, headers: { 'retry-after': '0.916' } },
    { status: 200 },
  ]);
  const exchange = await clients(transport, sleeps).search.send({ body: { email: 'a@b.no' }, auth: 'valid' });
  expect(exchange.response.status).toBe(200);
  expect(searches()).toBe(3);
  // The second retry's back-off: 500 ms halved, plus jitter of up to the other half.
  expect(sleeps[0]).toBe(2000);
  expect(sleeps[1]).toBeGreaterThanOrEqual(250);
  expect(sleeps[1]).toBeLessThanOrEqual(500);
});

test('an unpaced search takes no turn of the pacer and is not retried, and its 429 holds paced searches back without slowing them', async () => {
  const clock = 5_000_000;
  const pace = new AdaptivePacer({ window: new RateWindow({ perSecond: 90, perMinute: 1_000_000, now: () => clock }), now: () => clock });
  const { transport, searches } = scripted([{ status: 200 }, { status: 429, headers: { 'retry-after': '0.916' } }, { status: 429, headers: { 'retry-after': '3' } }]);
  const tokens = new TokenClient({ tokenUrl: simulator.tokenUrl, clientId: simulator.clientId, clientSecret: simulator.clientSecret, transport });
  const search = new SearchClient({ baseUrl: simulator.baseUrl, transport, tokens, pace, now: () => clock });
  const unpaced = { unpaced: true, retryRateLimited: false } as const;
  expect((await search.send({ body: { email: 'a@b.no' }, auth: 'valid' }, unpaced)).response.status).toBe(200);
  // No turn taken: the pacer's window counted no call.
  expect(pace.window.remaining()).toBe(90);
  expect(pace.waitMs()).toBe(0);
  // A 429 whose Retry-After cannot be read holds everyone one rolling second; rate and slots stay.
  expect((await search.send({ body: { email: 'a@b.no' }, auth: 'valid' }, unpaced)).response.status).toBe(429);
  expect(searches()).toBe(2);
  expect(pace.waitMs()).toBe(UNHINTED_HOLD_MS);
  expect(pace.perSecond).toBe(90);
  expect(pace.allowedInFlight).toBe(pace.maxInFlight);
  expect((await search.send({ body: { email: 'a@b.no' }, auth: 'valid' }, unpaced)).response.status).toBe(429);
  expect(pace.waitMs()).toBe(3000);
});

test('a bare 429 is retried until the shortest back-off outlasts the rate window, and no longer', () => {
  const shortest = (retries: number): number => Array.from({ length: retries }, (_, index) => rateLimitDelayMs({}, index + 1, 0, () => 0)).reduce((sum, ms) => sum + ms, 0);
  for (const windowMs of [1, 1000, 5000]) {
    const retries = retriesOutlasting(windowMs);
    expect(shortest(retries)).toBeGreaterThan(windowMs);
    expect(shortest(retries - 1)).toBeLessThanOrEqual(windowMs);
  }
  // The documented per-second limit: 125 + 250 + 500 ms leave the window full; the fourth retry comes after it.
  expect(retriesOutlasting(1000)).toBe(4);
});

test('Retry-After is read in both RFC 9110 forms: seconds, or an HTTP-date in any of its three formats, always GMT, and bounded', () => {
  const now = Date.UTC(2026, 11, 6, 21, 0, 0);
  // The same instant, 5 s ahead, as IMF-fixdate, the obsolete RFC 850 form and asctime (no zone: GMT, never local time).
  for (const date of ['Sun, 06 Dec 2026 21:00:05 GMT', 'Sunday, 06-Dec-26 21:00:05 GMT', 'Sun Dec  6 21:00:05 2026']) {
    expect(rateLimitHintMs({ 'retry-after': date }, now)).toBe(5000);
  }
  expect(parseHttpDate('Sun Dec  6 21:00:05 2026')).toBe(now + 5000);
  // A two-digit year more than 50 years ahead is the last past one with those digits.
  expect(parseHttpDate('Thursday, 01-Jan-99 00:00:00 GMT', now)).toBe(Date.UTC(1999, 0, 1));
  expect(rateLimitHintMs({ 'retry-after': 'Sun, 06 Dec 2026 20:59:00 GMT' }, now)).toBe(0);
  expect(rateLimitHintMs({ 'retry-after': 'Mon, 07 Dec 2026 21:00:00 GMT' }, now)).toBe(60_000);
  // Not a date in any HTTP form: no hint, so the pacer treats the 429 as bare.
  for (const text of ['1.5', 'soon', '2026-12-06T21:00:05Z']) expect(rateLimitHintMs({ 'retry-after': text }, now)).toBeUndefined();
});
