import { expect, test } from '@playwright/test';
import { runSimulatorCampaign } from '../harness/simulator-campaign';

/*
 * Shrinking is bounded by requests and by time: once either is spent fast-check is interrupted,
 * rather than walking on through candidates that would each count as passing.
 */

// Limits counted in UTF-16 units: with seed 1, generation finds a failure that shrinking works on.
// The rate-limit burst is off: its searches are no shrinking's, and are counted in its own tests.
const faulty = { fault: 'limit-counted-in-utf16', rateLimit: { perSecond: 100_000, perMinute: 10_000_000 } } as const;

test('shrinking sends no more than its request budget, and still reports the smallest failure found', async () => {
  const { results, requests } = await runSimulatorCampaign({ simulator: faulty, clientPerSecond: 10_000, campaign: { shrinkRequests: 3, rateLimitBurst: false } });
  const sent = results.length + results.filter((result) => result.case.wider).length;
  expect(requests - sent).toBeGreaterThan(0);
  expect(requests - sent).toBeLessThanOrEqual(3);
  expect(results.some((result) => result.minimal)).toBe(true);
});

test('with no time to shrink, the failure is reported as found, and nothing more is sent', async () => {
  const { results, requests } = await runSimulatorCampaign({ simulator: faulty, clientPerSecond: 10_000, campaign: { shrinkTimeS: 0, rateLimitBurst: false } });
  expect(results.some((result) => result.check.violations.some((violation) => violation.rule === 'valid-search-accepted'))).toBe(true);
  expect(results.filter((result) => result.minimal)).toEqual([]);
  expect(requests).toBe(results.length + results.filter((result) => result.case.wider).length);
});
