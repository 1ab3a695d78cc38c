import type { TargetConfig } from '../client/target-config';
import type { BaselineOutcome } from './behaviour-baseline-step';
import type { ContractCampaign } from './contract-campaign';
import type { DeviationReport } from './deviation-report';

/** The campaign as it is kept between the processes of one run: as sent, before accepted deviations (their dates are read at each use). */
export interface KeptCampaign extends ContractCampaign {
  /** API base of the target, for curl lines. */
  readonly baseUrl: string;
  /** What the behaviour baseline step did (gate/behaviour-baseline-step.ts). */
  readonly baseline?: BaselineOutcome;
}

/** The campaign as the rule tests judge it: accepted deviations applied, with what the reports need. */
export interface GateCampaign extends KeptCampaign {
  readonly config: TargetConfig;
  /** What the accepted-deviations file did in this run. */
  readonly deviations: DeviationReport;
  /** `NAME=value` words of every variable that shaped the run, for Rerun lines. */
  readonly shaping: readonly string[];
  /** The run's CONTRACT_DEADLINE_S. */
  readonly deadlineS: number;
}
