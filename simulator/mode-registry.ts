import type { ProviderBehaviour } from './provider-behaviour';

/** What the simulator reads of any named mode: fault mode, provider variant or outage mode alike. */
export interface ModeDefinition {
  readonly description: string;
  readonly behaviour: ProviderBehaviour;
}

/** The names of a registry of modes, a check that a string is one, and a mode's behaviour (none for no mode). */
export interface ModeRegistry<N extends string> {
  readonly names: readonly N[];
  readonly is: (name: string) => name is N;
  readonly behaviour: (mode: N | undefined) => ProviderBehaviour;
}

/** One way to read every registry of modes, so the three kinds differ only in what their entries say. */
export function modeRegistry<N extends string>(modes: Readonly<Record<N, ModeDefinition>>): ModeRegistry<N> {
  return {
    names: Object.keys(modes) as N[],
    is: (name: string): name is N => Object.hasOwn(modes, name),
    behaviour: (mode) => (mode === undefined ? {} : modes[mode].behaviour),
  };
}
