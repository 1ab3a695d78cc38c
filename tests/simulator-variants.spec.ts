import { expect, test } from '@playwright/test';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startSimulator } from '../simulator/provider-simulator';
import { request, type IncomingHttpHeaders } from 'node:http';
import { providerVariantNames, type ProviderVariant } from '../simulator/provider-variants';
import { startTestMonitor } from './fixtures/monitor-harness';

/*
 * A correct provider may choose otherwise wherever the page and the standards leave it the choice.
 * Each such choice is a simulator variant, and a suite that fails one cries wolf: the gate must judge
 * every case and break no rule, and every monitor probe must succeed.
 */
for (const variant of providerVariantNames) {
  test(`variant ${variant}: the gate judges every case and breaks no rule`, async () => {
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
