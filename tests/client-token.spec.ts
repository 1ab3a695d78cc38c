import { expect, test } from '@playwright/test';
import { createNodeTransport, decodedBody, type HttpTransport } from '../client/http-transport';
import { preflight } from '../client/preflight';
import { loadTargetConfig } from '../client/target-config';
import { TokenClient } from '../client/token-client';
import { TokenError } from '../client/token-error';
import { checkExchange } from '../contracts/check-exchange';
import { repeatedMemberNames } from '../contracts/repeated-member-names';
import type { Exchange } from '../contracts/exchange';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';

let simulator: RunningSimulator;
test.beforeAll(async () => {
  simulator = await startSimulator({ clientSecret: 'c0nfidential-Secret' });
});
test.afterAll(async () => simulator.close());
test.beforeEach(() => simulator.reset());

const tokenClient = (overrides: Partial<ConstructorParameters<typeof TokenClient>[0]> = {}): TokenClient =>
  new TokenClient({
    tokenUrl: simulator.tokenUrl,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    transport: createNodeTransport(),
    ...overrides,
  });

test('negotiates HTTP Basic first, the method every RFC 6749 server must support, with form headers', async () => {
  await tokenClient().token();
  const [request] = simulator.requests;
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['basic']);
  expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(request?.headers.accept).toBe('application/json');
});

test('every token request asks for the client_credentials grant, whichever way the client authenticates', async () => {
  const grants: (string | null)[] = [];
  const node = createNodeTransport();
  const watching: HttpTransport = (request) => {
    grants.push(new URLSearchParams(Buffer.from(request.body ?? '').toString('utf8')).get('grant_type'));
    return node(request);
  };
  simulator.setFault('basic-auth-refused');
  await tokenClient({ transport: watching }).token();
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['basic', 'body']);
  expect(grants).toEqual(['client_credentials', 'client_credentials']);
});

test('client credentials go in the Authorization header or the form body, never in the request URI', async () => {
  const sent: { url: string; authorization?: string; form: URLSearchParams }[] = [];
  const node = createNodeTransport();
  const watching: HttpTransport = (request) => {
    sent.push({ url: request.url, authorization: request.headers.authorization, form: new URLSearchParams(Buffer.from(request.body ?? '').toString('utf8')) });
    return node(request);
  };
  // Every kind of token request the client makes: Basic, the body after Basic is refused, and the two answers cases ask for.
  simulator.setFault('basic-auth-refused');
  const client = tokenClient({ transport: watching });
  await client.token();
  await client.answerToWrongSecret();
  await client.answerWithParameter('scope', '');
  expect(sent.length).toBeGreaterThanOrEqual(4);
  for (const request of sent) {
    // RFC 6749 §2.3.1: the credentials "MUST NOT be included in the request URI"; the token URL is sent as configured.
    expect(request.url).toBe(simulator.tokenUrl);
    expect(new URL(request.url).search).toBe('');
    expect(request.authorization !== undefined || request.form.has('client_secret')).toBe(true);
  }
  expect(sent.some((request) => request.authorization === undefined && request.form.get('client_id') === simulator.clientId)).toBe(true);
});

test('falls back once to the form body when Basic is refused, and keeps the method that worked', async () => {
  simulator.setFault('basic-auth-refused');
  const client = tokenClient();
  const first = await client.token();
  client.invalidate(first.value);
  await client.token();
  expect(simulator.requests.map((sent) => [sent.clientAuth, sent.status])).toEqual([
    ['basic', 401],
    ['body', 200],
    ['body', 200],
  ]);
});

test('a provider that changes its client authentication is negotiated with again, the method that worked last tried first', async () => {
  simulator.setFault('basic-auth-refused');
  const client = tokenClient();
  client.invalidate((await client.token()).value);
  simulator.setFault(undefined);
  simulator.setVariant('basic-auth-only');
  client.invalidate((await client.token()).value);
  await client.token();
  expect(simulator.requests.map((sent) => [sent.clientAuth, sent.status])).toEqual([
    ['basic', 401],
    ['body', 200],
    ['body', 401],
    ['basic', 200],
    ['basic', 200],
  ]);
});

test('a token endpoint that takes only Basic gets Basic, once', async () => {
  simulator.setVariant('basic-auth-only');
  const client = tokenClient();
  client.invalidate((await client.token()).value);
  await client.token();
  expect(simulator.requests.map((sent) => [sent.clientAuth, sent.status])).toEqual([
    ['basic', 200],
    ['basic', 200],
  ]);
});

test('a pinned method is the only one sent, even when the endpoint refuses it', async () => {
  simulator.setVariant('basic-auth-only');
  const error = (await tokenClient({ authMethod: 'body' }).token().catch((caught: unknown) => caught)) as TokenError;
  expect(error.message).toBe(`Token request to ${simulator.tokenUrl} answered 401 (invalid_client)`);
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['body']);
  await tokenClient({ authMethod: 'basic' }).token();
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['body', 'basic']);
});

test('a refusal that is not about client authentication is not negotiated further', async () => {
  simulator.setOutage('token-endpoint-down');
  const client = tokenClient();
  await client.token().catch(() => undefined);
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['basic']);
});

test('Basic credentials are form-encoded before Base64 (RFC 6749 §2.3.1), and such a secret is accepted', async () => {
  const secret = 'a b:c+d!é*';
  const tricky = await startSimulator({ clientId: 'id with space', clientSecret: secret, variant: 'basic-auth-only' });
  try {
    const sent: string[] = [];
    const real = createNodeTransport();
    const transport: HttpTransport = (request) => (sent.push(request.headers.authorization ?? ''), real(request));
    await tokenClient({ tokenUrl: tricky.tokenUrl, clientId: tricky.clientId, clientSecret: secret, transport }).token();
    expect(tricky.requests.map((request) => [request.clientAuth, request.status])).toEqual([['basic', 200]]);
    expect(Buffer.from((sent[0] ?? '').replace(/^Basic /, ''), 'base64').toString('utf8')).toBe('id+with+space:a+b%3Ac%2Bd%21%C3%A9*');
  } finally {
    await tricky.close();
  }
});

test('reuses a cached token and serves concurrent callers with one fetch', async () => {
  const client = tokenClient();
  const tokens = await Promise.all([client.token(), client.token(), client.token()]);
  expect(new Set(tokens.map((token) => token.value)).size).toBe(1);
  expect((await client.token()).fresh).toBe(false);
  expect(client.fetches).toBe(1);
});

test('refreshes shortly before expires_in, even when expires_in is tiny', async () => {
  let now = 1_000_000;
  simulator.setTokenLifetime(2);
  const client = tokenClient({ now: () => now });
  const first = await client.token();
  now += 1_700; // inside the 2 s lifetime, before the 10 % margin
  expect((await client.token()).value).toBe(first.value);
  now += 200; // within 0.2 s of expiry
  expect((await client.token()).value).not.toBe(first.value);
  expect(client.fetches).toBe(2);
});

test('an invalidated token is fetched anew', async () => {
  const client = tokenClient();
  const first = await client.token();
  client.invalidate(first.value);
  expect((await client.token()).value).not.toBe(first.value);
});

test('a refused client gives a TokenError naming status and error code, never the secret', async () => {
  const client = tokenClient({ clientSecret: 'wrong-but-secret-value' });
  const error = await client.token().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).kind).toBe('rejected');
  expect((error as TokenError).message).toBe(`Token request to ${simulator.tokenUrl} answered 401 (invalid_client)`);
  // Both methods were refused: the last refusal is the one reported.
  expect(simulator.requests.map((sent) => sent.clientAuth)).toEqual(['basic', 'body']);
  expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wrong-but-secret-value');
});

test('a token endpoint that is down gives an unavailable TokenError', async () => {
  simulator.setOutage('token-endpoint-down');
  const error = (await tokenClient().token().catch((caught: unknown) => caught)) as TokenError;
  expect(error.kind).toBe('unavailable');
  expect(error.message).toBe(`Token request to ${simulator.tokenUrl} answered 503`);
});

test('a token response without access_token is malformed, and keeps no cause with the body', async () => {
  const transport: HttpTransport = async () => ({ status: 200, headers: {}, bodyText: '{"token":"abc"}', durationMs: 1 });
  const error = (await tokenClient({ transport }).token().catch((caught: unknown) => caught)) as TokenError;
  expect(error.kind).toBe('malformed');
  expect(error.message).toBe(`Token response from ${simulator.tokenUrl} has no access_token`);
});

test('a token response whose body is JSON null, or not JSON, is malformed, not a crash', async () => {
  for (const bodyText of ['null', '[]', 'access_token=abc']) {
    const transport: HttpTransport = async () => ({ status: 200, headers: {}, bodyText, durationMs: 1 });
    const error = (await tokenClient({ transport }).token().catch((caught: unknown) => caught)) as TokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.kind).toBe('malformed');
  }
});

test('a token answer that begins with a byte order mark is read (RFC 8259 §8.1 MAY) and its shape keeps the mark for token-response', async () => {
  const body = JSON.stringify({ access_token: 'abc', token_type: 'Bearer', expires_in: 60 });
  const transport: HttpTransport = async () => ({ status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, ...decodedBody(Buffer.from(`\uFEFF${body}`, 'utf8')), durationMs: 1 });
  const issued = await tokenClient({ transport }).tokenBy('basic');
  expect(issued.value).toBe('abc');
  expect(issued.body).toEqual({ jsonObject: true, byteOrderMark: true, repeatedMembers: [], tokenType: { value: 'Bearer' }, expiresIn: { value: 60 } });
  const exchange: Exchange = {
    request: { body: { phoneNumber: '+4712345678' }, auth: 'basic' },
    response: { status: 200, headers: { 'content-type': 'application/json', date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, bodyText: '{"customers":[]}', durationMs: 1, attempts: 1 },
    tokenResponse: { status: 200, headers: issued.headers, body: issued.body },
  };
  const { violations } = checkExchange(exchange, { kind: 'accepted', rule: 'client-basic-auth' });
  expect(violations.map(({ rule, expected, received }) => ({ rule, expected, received }))).toEqual([
    { rule: 'token-response', expected: 'a token answer without a byte order mark (RFC 8259 §8.1 MUST NOT)', received: 'a body beginning with the bytes EF BB BF, a byte order mark' },
  ]);
});

test('a token request names each parameter once, the one a case adds too', async () => {
  const forms: URLSearchParams[] = [];
  const real = createNodeTransport();
  const transport: HttpTransport = (request) => (forms.push(new URLSearchParams(Buffer.from(request.body ?? new Uint8Array()).toString('utf8'))), real(request));
  const client = tokenClient({ transport, authMethod: 'body' });
  await client.token();
  const answer = await client.answerWithParameter('scope', '');
  expect(answer.status).toBe(200);
  for (const form of forms) expect([...form.keys()].sort()).toEqual([...new Set(form.keys())].sort());
  expect(forms.map((form) => [...form.keys()])).toEqual([
    ['grant_type', 'client_id', 'client_secret'],
    ['grant_type', 'client_id', 'client_secret', 'scope'],
  ]);
});

test('repeated member names of a token answer are found at its top level alone, names never values', () => {
  expect(repeatedMemberNames('{"access_token":"a","token_type":"Bearer","token_type":"bearer"}')).toEqual(['token_type']);
  expect(repeatedMemberNames('{ "a" : {"b":1,"b":2}, "c": ["a", "a"], "d": "a:\\"", "a\u0062": 1, "ab" :2 }')).toEqual(['ab']);
  expect(repeatedMemberNames('{"access_token":"token_type","token_type":"Bearer"}')).toEqual([]);
  expect(repeatedMemberNames('[{"a":1},{"a":1}]')).toEqual([]);
});

test('an unreachable token endpoint gives a transport TokenError that keeps its cause', async () => {
  const error = (await tokenClient({ tokenUrl: 'http://127.0.0.1:9/user/oauth/token', timeoutMs: 2_000 })
    .token()
    .catch((caught: unknown) => caught)) as TokenError;
  expect(error.kind).toBe('transport');
  expect(error.message).toBe('Token request to http://127.0.0.1:9/user/oauth/token failed: network');
  expect(error.cause).toBeDefined();
});

test('the preflight against a real target negotiates too, and CONNECTID_CLIENT_AUTH pins it', async () => {
  const bodyOnly = await startSimulator({ fault: 'basic-auth-refused' });
  try {
    const env = { CAPI_BASE_URL: bodyOnly.baseUrl, CONNECTID_TOKEN_URL: bodyOnly.tokenUrl, CONNECTID_CLIENT_ID: bodyOnly.clientId, CONNECTID_CLIENT_SECRET: bodyOnly.clientSecret };
    const negotiated = loadTargetConfig(env);
    if (negotiated.kind !== 'external') throw new Error('expected an external target');
    expect(await preflight(negotiated, createNodeTransport())).toBeUndefined();
    expect(bodyOnly.requests.filter((request) => request.clientAuth).map((request) => [request.clientAuth, request.status])).toEqual([
      ['basic', 401],
      ['body', 200],
    ]);
    const pinned = loadTargetConfig({ ...env, CONNECTID_CLIENT_AUTH: 'basic' });
    if (pinned.kind !== 'external') throw new Error('expected an external target');
    expect(await preflight(pinned, createNodeTransport())).toBe(
      `Preflight: the token endpoint ${bodyOnly.tokenUrl} (CONNECTID_TOKEN_URL) gave no token: Token request to ${bodyOnly.tokenUrl} answered 401 (invalid_client); check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET`,
    );
  } finally {
    await bodyOnly.close();
  }
});

test('the preflight takes a throttled token endpoint for one that is there: the run waits its 429s out case by case', async () => {
  const throttled = await startSimulator({ outage: 'token-throttled' });
  try {
    const config = loadTargetConfig({ CAPI_BASE_URL: throttled.baseUrl, CONNECTID_TOKEN_URL: throttled.tokenUrl, CONNECTID_CLIENT_ID: throttled.clientId, CONNECTID_CLIENT_SECRET: throttled.clientSecret });
    if (config.kind !== 'external') throw new Error('expected an external target');
    expect(await preflight(config, createNodeTransport())).toBeUndefined();
    expect(throttled.requests.map((request) => request.status)).toEqual([429]);
  } finally {
    await throttled.close();
  }
});
