import { createNodeTransport } from '../client/http-transport';
import { campaignCachePath, progressIntervalMs, writeCampaignCache, writeCampaignFailure } from './campaign-cache';
import { runGateCampaign } from './gate-campaign';

/**
 * The campaign the gate's front door sends itself, on the embedded simulator, while Playwright
 * starts (gate/contract-main.ts), and keeps where the contract worker waits for it (the run's
 * cache). Never throws: a failure, bad configuration included, is left in the cache for the worker,
 * which fails with it as it would have failed sending the campaign itself. (Configuration that
 * Playwright's configuration refuses stops the run before any worker starts, with its exit code.)
 */
export async function runFrontDoorCampaign(env: NodeJS.ProcessEnv, write: (text: string) => void): Promise<void> {
  const cache = campaignCachePath(env);
  if (!cache) return;
  try {
    // The simulator's code is loaded here only, as the monitor's entry point loads it: when it is the target.
    const [{ embeddedSimulator }, { faultModeNames }, { providerVariantNames }] = await Promise.all([
      import('../simulator/embedded-simulator'),
      import('../simulator/fault-modes'),
      import('../simulator/provider-variants'),
    ]);
    const names = { faultModes: faultModeNames, providerVariants: providerVariantNames };
    const kept = await runGateCampaign({ env, transport: createNodeTransport(), startEmbedded: embeddedSimulator(), names, write, progressIntervalMs: progressIntervalMs(env) });
    writeCampaignCache(cache, kept);
  } catch (error) {
    writeCampaignFailure(cache, error);
  }
}
