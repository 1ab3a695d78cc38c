import { expect, test } from '@playwright/test';
import { ConfigError } from '../client/config-error';
import { createNodeTransport } from '../client/http-transport';
import { openTarget, type OpenTarget } from '../client/open-target';
import { loadTargetConfig } from '../client/target-config';
import { documentedProfile } from '../client/target-profile';
import { DOCUMENTED_RATE_LIMITS } from '../contracts/documented-rate-limits';
import { loadCampaignConfig } from '../gate/campaign-config';
import { burstLine, runRateLimitBurst } from '../gate/rate-limit-burst';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import type { RunningSimulator, SimulatorOptions } from '../simulator/provider-simulator';

/*
 * The gate's rate-limit burst: it draws a real 429 from a provider that enforces the documented
 * per-second limit and judges it by every rule, holds the later searches back, reports a provider that
 * never answers 429 as information, and stays inside its bounds.
 */

async function withTarget<T>(simulator: SimulatorOptions, use: (target: OpenTarget<RunningSimulator>) => Promise<T>): Promise<T> {
  const target = await openTarget(loadTargetConfig({}), { transport: createNodeTransport(), startEmbedded: embeddedSimulator(simulator) });
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

const searchesSeen = (target: OpenTarget<RunningSimulator>): number[] => (target.simulator?.requests ?? []).filter((request) => request.path.endsWith('/search')).map((request) => request.status);

test('against the documented limit the burst stops at the first 429, judges it by every rule, and the next search is held back past the window', async () => {
  await withTarget({}, async (target) => {
    const { result, outcome } = await runRateLimitBurst(target, documentedProfile);
    // A fresh window: the simulator answers the first 100 searches to arrive, and refuses the next.
    expect(searchesSeen(target).indexOf(429)).toBe(DOCUMENTED_RATE_LIMITS.perSecond);
    expect(outcome.first429).toBeGreaterThan(DOCUMENTED_RATE_LIMITS.perSecond);
    expect(result.exchange?.response.status).toBe(429);
    expect(result.check.rulesChecked).toEqual(expect.arrayContaining(['status-code-documented', 'error-body', 'rate-limit-headers', 'valid-search-accepted']));
    expect(result.check.violations).toEqual([]);
    // The simulator's 429 says X-RateLimit-Reset: 1.
    expect(outcome.holdMs).toBe(1000);
    expect(burstLine(outcome)).toMatch(/^Rate-limit burst: 429 to search \d+ of \d+ sent in [\d.]+ s; that answer judged by every rule, later searches held back 1000 ms$/);
    const before = searchesSeen(target).length;
    const next = await target.search.send({ body: { phoneNumber: documentedProfile.knownCustomer.phoneNumber }, auth: 'valid' });
    expect(next.response.status).toBe(200);
    // Sent once, after the window: no 429 met and retried.
    expect(searchesSeen(target).slice(before)).toEqual([200]);
  });
});

test('a provider that never answers 429 gets every search of the burst, and its last answer judged: information, not a fault', async () => {
  await withTarget({ rateLimit: false }, async (target) => {
    const { result, outcome } = await runRateLimitBurst(target, documentedProfile);
    expect(outcome.first429).toBeUndefined();
    expect(outcome.sent).toBe(2 * DOCUMENTED_RATE_LIMITS.perSecond + 1);
    expect(searchesSeen(target)).toHaveLength(outcome.sent);
    expect(result.exchange?.response.status).toBe(200);
    expect(result.notJudged).toBeUndefined();
    expect(result.check.violations).toEqual([]);
    expect(burstLine(outcome)).toContain(`the target did not enforce the documented ${DOCUMENTED_RATE_LIMITS.perSecond} calls/s (information, not a fault)`);
  });
});

test('fractional-retry-after: the 429 the burst draws breaks rate-limit-headers alone', async () => {
  await withTarget({ fault: 'fractional-retry-after' }, async (target) => {
    const { result } = await runRateLimitBurst(target, documentedProfile);
    expect(result.exchange?.response.headers['retry-after']).toBe('0.916');
    expect(result.check.violations.map((violation) => violation.rule)).toEqual(['rate-limit-headers']);
  });
});

test('a burst the deadline reached sends nothing and is not judged: deadline, never a rule', async () => {
  await withTarget({}, async (target) => {
    const { result, outcome } = await runRateLimitBurst(target, documentedProfile, { stopAt: Date.now() - 1 });
    expect(outcome.sent).toBe(0);
    expect(searchesSeen(target)).toEqual([]);
    expect(result.notJudged?.reason).toBe('deadline');
    expect(result.check).toEqual({ rulesChecked: [], violations: [] });
  });
});

test('CONTRACT_RATE_LIMIT_BURST: on by default, 0 leaves the burst out of the run, anything else is refused naming it', async () => {
  expect(loadCampaignConfig({}).rateLimitBurst).toBe(true);
  expect(loadCampaignConfig({ CONTRACT_RATE_LIMIT_BURST: '0' }).rateLimitBurst).toBe(false);
  expect(() => loadCampaignConfig({ CONTRACT_RATE_LIMIT_BURST: 'sometimes' })).toThrow(ConfigError);
  expect(() => loadCampaignConfig({ CONTRACT_RATE_LIMIT_BURST: 'sometimes' })).toThrow(/CONTRACT_RATE_LIMIT_BURST/);
  const { campaign, requests, results } = await runSimulatorCampaign({ campaign: { generatedCases: 0, rateLimitBurst: false } });
  expect(campaign.burst).toBeUndefined();
  expect(results.filter((result) => 'burst' in result.case)).toEqual([]);
  expect(requests).toBe(results.length + results.filter((result) => result.case.wider).length);
});
