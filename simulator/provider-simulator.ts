import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TargetEndpoint } from '../client/target-endpoint';
import type { FaultMode } from './fault-modes';
import type { OutageMode } from './outage-modes';
import type { ProviderVariant } from './provider-variants';
import type { RecordedRequest } from './recorded-request';
import { seedCustomers, type SeedCustomer } from './seed-customers';
import { simulatorPaths } from './simulator-paths';
import { simulatorServer } from './simulator-server';
import type { SimulatorSettings } from './simulator-settings';
import { SimulatorState } from './simulator-state';

export type { RecordedRequest } from './recorded-request';

export interface SimulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Client id the token endpoint accepts. Default `capi-contract-simulator`. */
  readonly clientId?: string;
  /** Client secret the token endpoint accepts. Default `simulator-secret`. */
  readonly clientSecret?: string;
  /** Lifetime of issued tokens, in seconds. Default 43200 (the documented 12 h). */
  readonly tokenLifetimeS?: number;
  /** Rate limits, in calls per rolling second and minute. Default the documented 100 and 2000; false disables. */
  readonly rateLimit?: { readonly perSecond: number; readonly perMinute: number } | false;
  /** Rule to break; default none. */
  readonly fault?: FaultMode;
  /** A correct choice the page leaves open, made the other way; default none (the simulator's own choices). */
  readonly variant?: ProviderVariant;
  /** Service failure to show; default none. */
  readonly outage?: OutageMode;
  /** Extra delay before every search answer, in milliseconds. Default 0. */
  readonly latencyMs?: number;
  /** Customers to serve. Default `seedCustomers`. */
  readonly customers?: readonly SeedCustomer[];
  /** Keep the bytes of every search body in `requests` (tests of what reaches the wire). Default false. */
  readonly recordBodies?: boolean;
  /**
   * Request fields left out of matching, as a provider that does not compare them: tests of what
   * catches such a provider for any field, one the contract has just gained included. Default none.
   */
  readonly uncomparedFields?: readonly string[];
}

/** Where it listens (API base e.g. http://127.0.0.1:41234/capi) and the credentials it accepts. */
export interface RunningSimulator extends TargetEndpoint {
  readonly requests: readonly RecordedRequest[];
  setFault(fault: FaultMode | undefined): void;
  setVariant(variant: ProviderVariant | undefined): void;
  setOutage(outage: OutageMode | undefined): void;
  setLatency(ms: number): void;
  setTokenLifetime(seconds: number): void;
  /** A token this simulator issued that has already expired. */
  expiredToken(): string;
  /** Every token issued so far (for tests proving tokens never reach a report). */
  issuedTokens(): string[];
  /** Clears recorded requests, tokens, faults and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

/** The options with their defaults applied. */
function settingsOf(options: SimulatorOptions): SimulatorSettings {
  return {
    clientId: options.clientId ?? 'capi-contract-simulator',
    clientSecret: options.clientSecret ?? 'simulator-secret',
    tokenLifetimeS: options.tokenLifetimeS ?? 43_200,
    rateLimit: options.rateLimit ?? { perSecond: 100, perMinute: 2000 },
    fault: options.fault,
    variant: options.variant,
    outage: options.outage,
    latencyMs: options.latencyMs ?? 0,
    customers: options.customers ?? seedCustomers,
    recordBodies: options.recordBodies ?? false,
    uncomparedFields: options.uncomparedFields ?? [],
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/**
 * Starts the embedded provider double on 127.0.0.1: the search operation under /capi and an OAuth 2.0
 * client-credentials token endpoint, both driven by the contract. Modelled on Prism for
 * `Prefer: code=NNN` and on the vendor's fact sheet for headers, limits and error bodies. Its parts:
 * the server and its routes (`simulator-server.ts`), the token endpoint (`handle-token.ts`), the search
 * handler (`handle-search.ts`) and the hooks of the active modes (`mode-behaviour.ts`).
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new SimulatorState(settingsOf(options));
  const server = simulatorServer(state);
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}${simulatorPaths.api}`,
    tokenUrl: `${origin}${simulatorPaths.token}`,
    clientId: state.settings.clientId,
    clientSecret: state.settings.clientSecret,
    requests: state.requests,
    setFault: (next) => state.setFault(next),
    setVariant: (next) => state.setVariant(next),
    setOutage: (next) => state.setOutage(next),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    setTokenLifetime: (seconds) => {
      state.tokenLifetimeS = seconds;
    },
    expiredToken: () => state.tokens.issue(-60),
    issuedTokens: () => state.tokens.issued(),
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
