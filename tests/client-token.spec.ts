import { expect, test } from '@playwright/test';
import { createNodeTransport, type HttpTransport } from '../client/http-transport';
import { TokenClient } from '../client/token-client';
import { TokenError } from '../client/token-error';
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

test('sends client credentials as an RFC 6749 form body by default', async () => {
  await tokenClient().token();
  const [request] = simulator.requests;
  expect(request?.clientAuth).toBe('body');
  expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(request?.headers.accept).toBe('application/json');
});

test('sends client credentials with HTTP Basic when asked', async () => {
  await tokenClient({ authMethod: 'basic' }).token();
  expect(simulator.requests[0]?.clientAuth).toBe('basic');
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

test('an unreachable token endpoint gives a transport TokenError that keeps its cause', async () => {
  const error = (await tokenClient({ tokenUrl: 'http://127.0.0.1:9/user/oauth/token', timeoutMs: 2_000 })
    .token()
    .catch((caught: unknown) => caught)) as TokenError;
  expect(error.kind).toBe('transport');
  expect(error.message).toBe('Token request to http://127.0.0.1:9/user/oauth/token failed: network');
  expect(error.cause).toBeDefined();
});
