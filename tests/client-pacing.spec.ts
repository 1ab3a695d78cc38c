import { expect, test } from '@playwright/test';
import { AdaptivePacer } from '../client/adaptive-pacer';
import { rateLimitHintMs } from '../client/rate-limit-delay';
import { RateWindow } from '../client/rate-window';
import { createNodeTransport } from '../client/http-transport';
import { SearchClient } from '../client/search-client';
import { TokenClient } from '../client/token-client';
import { startSimulator } from '../simulator/provider-simulator';

/** A pacer on a clock the test moves by hand. */
function pacer(perSecond = 90): { pace: AdaptivePacer; at: (ms: number) => void } {
  let clock = 1_000_000;
  const now = (): number => clock;
  return { pace: new AdaptivePacer({ window: new RateWindow({ perSecond, perMinute: 1_000_000, now }), now }), at: (ms) => (clock = ms) };
}

test('a bare 429 halves the rate once per burst, and answers win it back additively up to the ceiling', () => {
  const { pace, at } = pacer(90);
  expect(pace.perSecond).toBe(90);
  at(1_000_100);
  pace.rateLimited(1_000_050, undefined);
  expect(pace.perSecond).toBe(45);
  // Calls already in flight when the rate came down report the same burst: no second halving.
  pace.rateLimited(1_000_060, undefined);
  expect(pace.perSecond).toBe(45);
  // A call sent after the decrease that is still refused halves again.
  pace.rateLimited(1_000_200, undefined);
  expect(pace.perSecond).toBe(22.5);
  // Each second answered without a 429 adds a twentieth of the ceiling (4.5 calls/s), however many calls it held.
  at(1_001_100);
  pace.answered();
  expect(pace.perSecond).toBe(27);
  at(1_001_600);
  pace.answered();
  pace.answered();
  expect(pace.perSecond).toBe(29.25);
  // A sparse caller coming back after a minute finds the ceiling again, never more.
  at(1_061_600);
  pace.answered();
  expect(pace.perSecond).toBe(90);
});

test('the rate never falls below 1 call/s, and calls are spaced at the current rate', () => {
  const { pace, at } = pacer(90);
  for (let i = 0; i < 20; i++) {
    at(2_000_000 + i * 10);
    pace.rateLimited(2_000_000 + i * 10, undefined);
  }
  expect(pace.perSecond).toBe(1);
  // After the last 429 every caller waits one interval of the new rate.
  expect(pace.waitMs(2_000_190)).toBe(1000);
});

test('a 429 that says how long holds every caller back that long, without slowing the rate', () => {
  const { pace, at } = pacer(90);
  at(3_000_000);
  pace.rateLimited(2_999_990, rateLimitHintMs({ 'retry-after': '2' }));
  expect(pace.perSecond).toBe(90);
  expect(pace.waitMs(3_000_000)).toBe(2000);
  expect(pace.waitMs(3_002_000)).toBe(0);
  expect(rateLimitHintMs({})).toBeUndefined();
  expect(rateLimitHintMs({ 'x-ratelimit-reset': '3' })).toBe(3000);
});

test('a 429 halves the calls allowed in flight once per burst, rounded up, and seconds without one add them back, up to the ceiling', async () => {
  const { pace, at } = pacer(90);
  expect(pace.allowedInFlight).toBe(64);
  at(4_000_000);
  const sentAt = await Promise.all(Array.from({ length: 8 }, () => pace.take()));
  at(4_000_020);
  // Half of the 8 in flight when the first 429 came, not half of the ceiling.
  pace.rateLimited(sentAt[0] ?? 0, rateLimitHintMs({ 'retry-after': '1' }));
  pace.release();
  expect(pace.allowedInFlight).toBe(4);
  for (const sent of sentAt.slice(1, 5)) {
    pace.rateLimited(sent, undefined);
    pace.release();
  }
  expect(pace.allowedInFlight).toBe(4);
  for (let i = 0; i < 3; i++) pace.release();
  // A refusal of a call sent after the decrease halves again.
  at(4_001_020);
  const later = await Promise.all([pace.take(), pace.take(), pace.take()]);
  pace.rateLimited(later[0] ?? 0, undefined);
  // Half of 3, rounded up: a provider that allows 2 at once is met at 2.
  expect(pace.allowedInFlight).toBe(2);
  for (let i = 0; i < 3; i++) pace.release();
  at(4_002_020);
  pace.answered();
  expect(pace.allowedInFlight).toBe(2);
  // A quarter of a call a second: one more after 4 s.
  at(4_005_020);
  pace.answered();
  expect(pace.allowedInFlight).toBe(3);
  at(4_400_000);
  pace.answered();
  expect(pace.allowedInFlight).toBe(64);
});

test('a caller waits for a free slot when the calls allowed in flight are out', async () => {
  const pace = new AdaptivePacer({ window: new RateWindow({ perSecond: 1_000, perMinute: 1_000_000 }), maxInFlight: 2 });
  await pace.take();
  await pace.take();
  let third = false;
  const waiting = pace.take().then(() => (third = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(third).toBe(false);
  pace.release();
  await waiting;
  expect(third).toBe(true);
});

test('against a provider that answers 3 searches at once, the client brings its concurrency down instead of meeting a 429 per search', async () => {
  const simulator = await startSimulator({ variant: 'concurrency-limited' });
  try {
    const transport = createNodeTransport();
    const tokens = new TokenClient({ tokenUrl: simulator.tokenUrl, clientId: simulator.clientId, clientSecret: simulator.clientSecret, transport });
    const search = new SearchClient({ baseUrl: simulator.baseUrl, transport, tokens, pace: new AdaptivePacer({ window: new RateWindow(), maxInFlight: 16 }) });
    const exchanges = await Promise.all(Array.from({ length: 40 }, () => search.send({ body: { phoneNumber: '+4712345678' }, auth: 'valid' })));
    expect(exchanges.map((exchange) => exchange.response.status)).toEqual(exchanges.map(() => 200));
    const refused = simulator.requests.filter((request) => request.status === 429).length;
    expect(refused).toBeGreaterThan(0);
    // Without the decrease every round of retries meets 429s again: more than one per search.
    expect(refused).toBeLessThan(exchanges.length);
  } finally {
    await simulator.close();
  }
});
