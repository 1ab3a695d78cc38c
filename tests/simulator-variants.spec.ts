import { expect, test } from '@playwright/test';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';
import { request, type IncomingHttpHeaders } from 'node:http';
import { REVOKE_TOKENS_EVERY, providerVariantNames, type ProviderVariant } from '../simulator/provider-variants';
import { startTestMonitor } from './fixtures/monitor-harness';

/*
 * A correct provider may choose otherwise wherever the page and the standards leave it the choice.
 * Each such choice is a simulator variant, and a suite that fails one cries wolf: the gate must judge
 * every case and break no rule, and every monitor probe must succeed.
 */
for (const variant of providerVariantNames) {
  test(`variant ${variant}: the gate judges every case and breaks no rule`, async () => {
    // A variant may allow far fewer calls than documented: strict-rate-limit's 15 a second alone make 20 s of a campaign.
    test.setTimeout(120_000);
    const { results } = await runSimulatorCampaign({ simulator: { variant } });
    expect(results.flatMap((result) => result.check.violations.map((violation) => `${result.case.title}: ${violation.rule}: ${violation.received}`))).toEqual([]);
    expect(results.filter((result) => result.notJudged).map((result) => `${result.case.title}: ${result.notJudged?.detail}`)).toEqual([]);
  });

  test(`variant ${variant}: every monitor probe succeeds`, async () => {
    const { monitor } = await startTestMonitor({}, { startEmbedded: embeddedSimulator({ variant }) });
    try {
      const records = await monitor.runOnce();
      expect(records.length).toBeGreaterThan(0);
      expect(records.filter((record) => record.outcome !== 'success').map((record) => `${record.probe}: ${record.outcome} ${record.rules.join(',')}`)).toEqual([]);
    } finally {
      await monitor.stop();
    }
  });
}

test('variant extra-fields answers customers with properties the page does not list', async () => {
  const simulator = await startSimulator({ variant: 'extra-fields' });
  try {
    const token = (await (await fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: simulator.clientId, client_secret: simulator.clientSecret }) })).json()) as { access_token: string };
    const answer = await fetch(`${simulator.baseUrl}/v1/client/customer/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+4712345678' }),
    });
    const body = (await answer.json()) as { customers: Record<string, unknown>[] };
    expect(body.customers[0]).toHaveProperty('customerType');
  } finally {
    await simulator.close();
  }
});

/** A search on a variant of the simulator, read as raw Node answers: headers, transfer coding and the body's pieces. */
async function rawAnswer(variant: ProviderVariant, method = 'POST'): Promise<{ status: number; headers: IncomingHttpHeaders; pieces: number; body: string }> {
  const simulator = await startSimulator({ variant });
  try {
    const token = (await (await fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: simulator.clientId, client_secret: simulator.clientSecret }) })).json()) as { access_token: string };
    const payload = method === 'GET' ? undefined : JSON.stringify({ phoneNumber: '+4712345678' });
    return await new Promise((resolve, reject) => {
      const outgoing = request(`${simulator.baseUrl}/v1/client/customer/search`, { method, headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, pieces: chunks.length, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  } finally {
    await simulator.close();
  }
}

test('variant chunked-slow-answers sends a 200 chunked, without Content-Length, in several pieces', async () => {
  const answer = await rawAnswer('chunked-slow-answers');
  expect(answer.status).toBe(200);
  expect(answer.headers['transfer-encoding']).toBe('chunked');
  expect(answer.headers['content-length']).toBeUndefined();
  expect(answer.pieces).toBeGreaterThan(1);
  expect(JSON.parse(answer.body)).toHaveProperty('customers');
});

test('variant charset-absent serves application/json with no charset parameter', async () => {
  expect((await rawAnswer('charset-absent')).headers['content-type']).toBe('application/json');
});

test('variant media-type-case serves the media type in mixed case with a quoted charset', async () => {
  expect((await rawAnswer('media-type-case')).headers['content-type']).toBe('Application/JSON; Charset="UTF-8"');
});

test('variant rate-limit-headers-absent sends no X-RateLimit header on a 200, and the API version still', async () => {
  const answer = await rawAnswer('rate-limit-headers-absent');
  expect(Object.keys(answer.headers).filter((name) => name.startsWith('x-ratelimit-'))).toEqual([]);
  expect(answer.headers['x-mediaconnect-api-version']).toBeDefined();
});

test('an undocumented method gets 405 with Allow: POST by default, 404 or 501 in the method variants', async () => {
  const simulator = await startSimulator();
  try {
    const answer = await fetch(`${simulator.baseUrl}/v1/client/customer/search`, { method: 'DELETE' });
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'POST']);
  } finally {
    await simulator.close();
  }
  expect((await rawAnswer('method-not-found', 'GET')).status).toBe(404);
  expect((await rawAnswer('method-not-implemented', 'PUT')).status).toBe(501);
});

/** A token from the simulator's endpoint, the credentials in the body; and one search with it. */
const tokenOf = async (simulator: RunningSimulator): Promise<string> =>
  ((await (await fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: simulator.clientId, client_secret: simulator.clientSecret }) })).json()) as { access_token: string }).access_token;
const searchWith = (simulator: RunningSimulator, authorization: string | undefined): Promise<Response> =>
  fetch(`${simulator.baseUrl}/v1/client/customer/search`, {
    method: 'POST',
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
    body: JSON.stringify({ phoneNumber: '+4712345678' }),
  });

test(`variant tokens-revoked answers every ${REVOKE_TOKENS_EVERY} searches, then refuses the token 401 invalid_token and accepts a new one`, async () => {
  const simulator = await startSimulator({ variant: 'tokens-revoked' });
  try {
    const token = await tokenOf(simulator);
    const statuses: number[] = [];
    for (let i = 0; i < REVOKE_TOKENS_EVERY; i++) statuses.push((await searchWith(simulator, `Bearer ${token}`)).status);
    expect(statuses).toEqual(statuses.map(() => 200));
    const refused = await searchWith(simulator, `Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect((await searchWith(simulator, `Bearer ${await tokenOf(simulator)}`)).status).toBe(200);
  } finally {
    await simulator.close();
  }
});

/** A burst of searches with one token, at once; the answers in the order sent. */
const burst = async (simulator: RunningSimulator, count: number): Promise<Response[]> => {
  const authorization = `Bearer ${await tokenOf(simulator)}`;
  return Promise.all(Array.from({ length: count }, () => searchWith(simulator, authorization)));
};
const headerNames = (answer: Response): string[] => {
  const names: string[] = [];
  answer.headers.forEach((_value, name) => names.push(name));
  return names;
};

test('variant strict-rate-limit refuses past 15 calls a second with bare 429s, and sends no X-RateLimit-* at all', async () => {
  const simulator = await startSimulator({ variant: 'strict-rate-limit' });
  try {
    const answers = await burst(simulator, 20);
    // 15 at most within the rolling second (fewer only if the burst spread over more than a second).
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(15);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(5);
    for (const answer of answers) expect(headerNames(answer).filter((name) => name.startsWith('x-ratelimit-') || name === 'retry-after')).toEqual([]);
  } finally {
    await simulator.close();
  }
});

test('variant retry-after-date answers its 429s with Retry-After as an HTTP-date, in the future, and no other hint', async () => {
  const simulator = await startSimulator({ variant: 'retry-after-date' });
  try {
    const answers = await burst(simulator, 35);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    const retryAfter = refused[0]?.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(retryAfter)).toBeGreaterThan(Date.now() - 1000);
    expect(headerNames(refused[0] as Response).filter((name) => name.startsWith('x-ratelimit-'))).toEqual([]);
  } finally {
    await simulator.close();
  }
});

test('variant unauthorized-401 answers a missing token 401 Bearer without an error code, a bad one 401 invalid_token', async () => {
  const simulator = await startSimulator({ variant: 'unauthorized-401' });
  try {
    const missing = await searchWith(simulator, undefined);
    expect([missing.status, missing.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="capi"']);
    const unknown = await searchWith(simulator, 'Bearer bm90LWlzc3VlZC1ieS10aGlzLXNlcnZlcg');
    expect([unknown.status, unknown.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="capi", error="invalid_token"']);
    expect((await searchWith(simulator, `Bearer ${await tokenOf(simulator)}`)).status).toBe(200);
  } finally {
    await simulator.close();
  }
});
