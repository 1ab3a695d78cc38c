import type { IncomingMessage } from 'node:http';
import { RateWindow } from '../client/rate-window';
import type { FaultMode } from './fault-modes';
import { modeBehaviour, type ModeSelection } from './mode-behaviour';
import type { OutageMode } from './outage-modes';
import type { ProviderBehaviour } from './provider-behaviour';
import type { ProviderVariant } from './provider-variants';
import type { RecordedRequest } from './recorded-request';
import type { SimulatorSettings } from './simulator-settings';
import { TokenStore } from './token-store';

/** What a running simulator keeps between requests: its modes and their hooks, its limits, its tokens and what it saw. */
export class SimulatorState {
  readonly tokens = new TokenStore();
  readonly requests: RecordedRequest[] = [];
  /** The bytes of each search body, with `recordBodies`, until its request is recorded. */
  readonly receivedBodies = new WeakMap<IncomingMessage, Buffer>();
  /** The hooks of the active modes; read at the moment each is needed, as a mode may change between two. */
  behaviour: ProviderBehaviour;
  /** The rate limits' window; undefined when limits are off. */
  window: RateWindow | undefined;
  /** The token endpoint's own window, when the active mode limits it; undefined otherwise or when limits are off. */
  tokenWindow: RateWindow | undefined;
  latencyMs: number;
  tokenLifetimeS: number;
  /** Searches answered with a valid token since the start or the last reset. */
  validSearches = 0;
  searchesInFlight = 0;
  private modes: ModeSelection;

  constructor(readonly settings: SimulatorSettings) {
    this.modes = { fault: settings.fault, variant: settings.variant, outage: settings.outage };
    this.behaviour = modeBehaviour(this.modes);
    this.window = this.makeWindow();
    this.tokenWindow = this.makeTokenWindow();
    this.latencyMs = settings.latencyMs;
    this.tokenLifetimeS = settings.tokenLifetimeS;
  }

  setFault(fault: FaultMode | undefined): void {
    this.select({ ...this.modes, fault });
  }

  setVariant(variant: ProviderVariant | undefined): void {
    this.select({ ...this.modes, variant });
  }

  setOutage(outage: OutageMode | undefined): void {
    this.modes = { ...this.modes, outage };
    this.behaviour = modeBehaviour(this.modes);
  }

  /** Back to the settings: no requests, no tokens, the starting modes, latency and lifetime, fresh rate windows. */
  reset(): void {
    this.requests.length = 0;
    this.tokens.clear();
    this.select({ fault: this.settings.fault, variant: this.settings.variant, outage: this.settings.outage });
    this.latencyMs = this.settings.latencyMs;
    this.tokenLifetimeS = this.settings.tokenLifetimeS;
    this.validSearches = 0;
  }

  /** The modes, their hooks and fresh rate windows for the limits those hooks set. */
  private select(modes: ModeSelection): void {
    this.modes = modes;
    this.behaviour = modeBehaviour(modes);
    this.window = this.makeWindow();
    this.tokenWindow = this.makeTokenWindow();
  }

  /** A mode's own limits replace the settings'; disabled limits stay disabled whatever the mode. */
  private makeWindow(): RateWindow | undefined {
    const { rateLimit } = this.settings;
    return rateLimit === false ? undefined : new RateWindow(this.behaviour.rateLimit ?? rateLimit);
  }

  private makeTokenWindow(): RateWindow | undefined {
    const limit = this.behaviour.tokenRateLimit;
    return this.settings.rateLimit === false || limit === undefined ? undefined : new RateWindow(limit);
  }
}
