import type { FaultMode } from './fault-modes';
import type { OutageMode } from './outage-modes';
import type { ProviderVariant } from './provider-variants';
import type { SeedCustomer } from './seed-customers';

/** A simulator's options with every default applied (see `SimulatorOptions` for each default). */
export interface SimulatorSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Lifetime of issued tokens, in seconds. */
  readonly tokenLifetimeS: number;
  /** Rate limits, in calls per rolling second and minute, unless a mode brings its own; false disables every limit. */
  readonly rateLimit: { readonly perSecond: number; readonly perMinute: number } | false;
  readonly fault: FaultMode | undefined;
  readonly variant: ProviderVariant | undefined;
  readonly outage: OutageMode | undefined;
  /** Extra delay before every search answer, in milliseconds. */
  readonly latencyMs: number;
  readonly customers: readonly SeedCustomer[];
  readonly recordBodies: boolean;
  /** Request fields left out of matching. */
  readonly uncomparedFields: readonly string[];
}
