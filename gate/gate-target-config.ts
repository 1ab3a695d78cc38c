import { loadTargetConfig, type TargetConfig } from '../client/target-config';
import { CAMPAIGN_VARIABLES } from './campaign-config';

/** The names the configuration accepts for the embedded simulator's modes: the simulator's own, handed in by the entry point. */
export interface SimulatorNames {
  readonly faultModes: readonly string[];
  readonly providerVariants: readonly string[];
}

/**
 * The target's configuration, read as every entry point of the gate reads it (Playwright's
 * configuration, the front door's campaign, the contract worker): the campaign's variables known.
 * A light module on purpose: Playwright's configuration loads it at start.
 */
export function gateTargetConfig(env: NodeJS.ProcessEnv, names: SimulatorNames): TargetConfig {
  return loadTargetConfig(env, { faultModes: names.faultModes, providerVariants: names.providerVariants, knownVariables: CAMPAIGN_VARIABLES });
}
