import { isFaultMode } from './fault-modes';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './provider-simulator';

/**
 * The simulator as the client's embedded provider: started with the fault mode named by
 * CONTRACT_SIMULATOR_FAULT (already checked by the configuration), plus any further options.
 */
export function embeddedSimulator(options: SimulatorOptions = {}): (fault: string | undefined) => Promise<RunningSimulator> {
  return (fault) => {
    if (fault !== undefined && !isFaultMode(fault)) return Promise.reject(new Error(`Unknown simulator fault mode ${JSON.stringify(fault)}`));
    return startSimulator({ ...(fault ? { fault } : {}), ...options });
  };
}
