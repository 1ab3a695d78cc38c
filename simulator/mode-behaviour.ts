import { faultBehaviour, type FaultMode } from './fault-modes';
import { outageBehaviour, type OutageMode } from './outage-modes';
import type { ProviderBehaviour } from './provider-behaviour';
import { variantBehaviour, type ProviderVariant } from './provider-variants';

/** The modes a simulator runs in; each undefined when not active. */
export interface ModeSelection {
  readonly fault: FaultMode | undefined;
  readonly variant: ProviderVariant | undefined;
  readonly outage: OutageMode | undefined;
}

/** The hooks of the active modes, merged into the one behaviour the simulator consults. */
export function modeBehaviour({ fault, variant, outage }: ModeSelection): ProviderBehaviour {
  // A fault's hooks win over a variant's: a faulty provider may also make a correct choice.
  return { ...variantBehaviour(variant), ...faultBehaviour(fault), ...outageBehaviour(outage) };
}
