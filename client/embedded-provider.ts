import type { TargetEndpoint } from './target-endpoint';

/**
 * A provider started in this process (the embedded simulator), as the client needs to see it:
 * where it listens and which credentials it accepts. The client only knows this shape, so the
 * simulator's code is loaded by the entry points that ask for it, never by a real-target run.
 */
export interface EmbeddedProvider extends TargetEndpoint {
  /** A token it issued that has already expired, for the expired-token case. */
  expiredToken(): string;
  close(): Promise<void>;
}

/** Which modes an embedded provider starts in: a fault mode that breaks a rule, a correct variant; each default none. */
export interface SimulatorModes {
  readonly fault?: string | undefined;
  readonly variant?: string | undefined;
}

/** Starts an embedded provider in the named modes. */
export type StartEmbeddedProvider<P extends EmbeddedProvider> = (modes: SimulatorModes) => Promise<P>;
