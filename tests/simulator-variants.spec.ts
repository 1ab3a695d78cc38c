import { expect, test } from '@playwright/test';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';
import { REVOKE_TOKENS_EVERY, providerVariantNames } from '../simulator/provider-variants';
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
