import { expect, test } from '@playwright/test';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';
import { resultCap } from '../contracts/contract-reader';

/* The simulator as a test server, driven through Playwright's own `request` fixture. */
let simulator: RunningSimulator;
let token: string;
test.beforeAll(async () => {
  simulator = await startSimulator({ rateLimit: { perSecond: 3, perMinute: 100 } });
});
test.afterAll(async () => simulator.close());
test.beforeEach(async ({ request }) => {
  simulator.reset();
  const response = await request.post(simulator.tokenUrl, {
    form: { grant_type: 'client_credentials', client_id: simulator.clientId, client_secret: simulator.clientSecret },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 43_200 });
  token = body.access_token;
});

const search = (body: object, headers: Record<string, string> = {}) => ({
  data: body,
  headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers },
});

test('caps the broad search at the contract cap and sends the vendor headers', async ({ request }) => {
  const response = await request.post(`${simulator.baseUrl}/v1/client/customer/search`, search({ lastName: 'Nordmann', streetAddress: 'Grubbegata', postalPlace: 'Oslo' }));
  expect(response.status()).toBe(200);
  expect(((await response.json()) as { customers: unknown[] }).customers).toHaveLength(resultCap());
  expect(response.headers()).toMatchObject({ 'x-mediaconnect-api-version': '1.0.0-simulator', 'x-ratelimit-remaining': '2' });
});

test('answers 429 past its rate limit, with a reset header', async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    statuses.push((await request.post(`${simulator.baseUrl}/v1/client/customer/search`, search({ email: 'x@example.no' }))).status());
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
});

for (const status of [400, 403, 429, 500]) {
  test(`honours Prefer: code=${status}`, async ({ request }) => {
    const response = await request.post(`${simulator.baseUrl}/v1/client/customer/search`, search({ email: 'x@example.no' }, { prefer: `code=${status}` }));
    expect(response.status()).toBe(status);
    expect(await response.json()).toEqual({ exceptionType: `Simulated${status}`, errorMessage: `Forced by Prefer: code=${status}` });
  });
}

test('refuses an expired token with 403', async ({ request }) => {
  const response = await request.post(`${simulator.baseUrl}/v1/client/customer/search`, {
    data: { email: 'x@example.no' },
    headers: { authorization: `Bearer ${simulator.expiredToken()}` },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ exceptionType: 'AccessDeniedException', errorMessage: 'Access token expired' });
});

test('names the invalid places of a request without echoing values', async ({ request }) => {
  const response = await request.post(`${simulator.baseUrl}/v1/client/customer/search`, search({ email: 'not-an-email', lastName: 'x'.repeat(31) }));
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ exceptionType: 'ValidationException', errorMessage: 'Invalid request: /lastName, /email' });
});

test('refuses other grants and wrong credentials like an OAuth 2.0 server', async ({ request }) => {
  const wrongGrant = await request.post(simulator.tokenUrl, { form: { grant_type: 'password' } });
  expect([wrongGrant.status(), await wrongGrant.json()]).toEqual([400, { error: 'unsupported_grant_type' }]);
  const wrongSecret = await request.post(simulator.tokenUrl, {
    form: { grant_type: 'client_credentials', client_id: simulator.clientId, client_secret: 'nope' },
  });
  expect([wrongSecret.status(), await wrongSecret.json()]).toEqual([401, { error: 'invalid_client' }]);
});

test('answers 400, never 5xx, to a body past its size limit or one that is not JSON', async ({ request }) => {
  const url = `${simulator.baseUrl}/v1/client/customer/search`;
  const huge = await request.post(url, search({ companyName: 'Ø'.repeat(1024 * 1024) }));
  expect(huge.status()).toBe(400);
  const broken = await request.post(url, { data: '{"phoneNumber": ', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  expect(broken.status()).toBe(400);
});
