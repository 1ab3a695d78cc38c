import type { SimulatorModes } from '../client/embedded-provider';
import { isFaultMode } from './fault-modes';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './provider-simulator';
import { isProviderVariant } from './provider-variants';

/**
 * The simulator as the client's embedded provider: started with the fault mode named by
 * CONTRACT_SIMULATOR_FAULT and the variant named by CONTRACT_SIMULATOR_VARIANT (both already checked by
 * the configuration), plus any further options.
 */
export function embeddedSimulator(options: SimulatorOptions = {}): (modes: SimulatorModes) => Promise<RunningSimulator> {
  return ({ fault, variant }) => {
    if (fault !== undefined && !isFaultMode(fault)) return Promise.reject(new Error(`Unknown simulator fault mode ${JSON.stringify(fault)}`));
    if (variant !== undefined && !isProviderVariant(variant)) return Promise.reject(new Error(`Unknown simulator variant ${JSON.stringify(variant)}`));
    return startSimulator({ ...(fault ? { fault } : {}), ...(variant ? { variant } : {}), ...options });
  };
}
