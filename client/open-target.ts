import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/provider-simulator';
import type { HttpTransport } from './http-transport';
import { RateWindow } from './rate-window';
import { SearchClient } from './search-client';
import type { TargetConfig } from './target-config';
import { TokenClient, type TokenClientOptions } from './token-client';

/** A target ready to receive searches: clients built, the embedded simulator started when asked for. */
export interface OpenTarget {
  readonly kind: TargetConfig['kind'];
  /** API base (secret-free; safe to print). */
  readonly baseUrl: string;
  readonly search: SearchClient;
  readonly tokens: TokenClient;
  readonly capabilities: { readonly faultInjection: boolean; readonly expiredToken: boolean };
  /** The embedded simulator, when the target is it. */
  readonly simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

export interface OpenTargetOptions {
  readonly transport: HttpTransport;
  /** Options for the embedded simulator (ignored for external targets). */
  readonly simulator?: SimulatorOptions;
  readonly onTokenFetch?: TokenClientOptions['onFetch'];
}

export async function openTarget(config: TargetConfig, options: OpenTargetOptions): Promise<OpenTarget> {
  const simulator =
    config.kind === 'simulator'
      ? await startSimulator({ ...(config.simulatorFault ? { fault: config.simulatorFault } : {}), ...options.simulator })
      : undefined;
  // Where requests go and with which credentials: the simulator's own, or the configured environment's.
  const endpoint = simulator
    ? {
        baseUrl: simulator.baseUrl,
        tokenUrl: simulator.tokenUrl,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
        authMethod: 'body' as const,
        scope: undefined,
        expiredToken: simulator.expiredToken(),
      }
    : config.kind === 'external'
      ? config
      : undefined;
  if (!endpoint) throw new Error('unreachable: a simulator target always starts its simulator');

  const tokens = new TokenClient({
    tokenUrl: endpoint.tokenUrl,
    clientId: endpoint.clientId,
    clientSecret: endpoint.clientSecret,
    authMethod: endpoint.authMethod,
    ...(endpoint.scope ? { scope: endpoint.scope } : {}),
    transport: options.transport,
    timeoutMs: config.timeoutMs,
    ...(options.onTokenFetch ? { onFetch: options.onTokenFetch } : {}),
  });
  const search = new SearchClient({
    baseUrl: endpoint.baseUrl,
    transport: options.transport,
    tokens,
    pace: new RateWindow({ perSecond: config.maxPerSecond, perMinute: config.maxPerMinute }),
    timeoutMs: config.timeoutMs,
    maxRateLimitRetries: config.maxRateLimitRetries,
    ...(endpoint.expiredToken ? { expiredToken: endpoint.expiredToken } : {}),
  });
  return {
    kind: config.kind,
    baseUrl: endpoint.baseUrl,
    tokens,
    search,
    capabilities: { faultInjection: config.faultInjection, expiredToken: endpoint.expiredToken !== undefined },
    simulator,
    close: async () => simulator?.close(),
  };
}
