import { expect, test } from '@playwright/test';
import { AdaptivePacer } from '../client/adaptive-pacer';
import { rateLimitHintMs } from '../client/rate-limit-delay';
import { RateWindow } from '../client/rate-window';

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
