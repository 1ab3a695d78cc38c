import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import type { BaselineConfig } from './baseline-config';
import { baselineLines, runBaselineStep, type BaselineOutcome } from './behaviour-baseline-step';
import type { CampaignConfig } from './campaign-config';
import type { ContractCampaign } from './contract-campaign';
import { runShapingVariables } from './reproduction';
import { CAMPAIGN_SEED_DRAWN } from './campaign-cache';

/**
 * The gate's baseline step, run once after the campaign: records or compares the target's behaviour
 * (CONTRACT_BASELINE) and prints what it found apart from rule violations (the run's reports are
 * written from its outcome by `writeRunReports`).
 */
export async function behaviourBaselineHook(
  target: OpenTarget,
  profile: TargetProfile,
  campaignConfig: CampaignConfig,
  campaign: ContractCampaign,
  step: { readonly config: BaselineConfig; readonly targetKey: string; readonly env: NodeJS.ProcessEnv; readonly write: (text: string) => void },
): Promise<ContractCampaign & { readonly baseline: BaselineOutcome }> {
  const command = [...runShapingVariables(step.env), 'npm run contract'].join(' ');
  // A seed the run drew is no pinned seed: only a CONTRACT_SEED the user set records generated cases.
  const pinned = { ...campaignConfig, seedGiven: campaignConfig.seedGiven && step.env[CAMPAIGN_SEED_DRAWN] !== '1' };
  const baseline = await runBaselineStep(target, profile, pinned, campaign, { config: step.config, targetKey: step.targetKey, command });
  for (const line of baselineLines(baseline)) step.write(`${line}\n`);
  return { ...campaign, baseline };
}
