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
  const pace = new RateWindow({ perSecond: config.maxPerSecond, perMinute: config.maxPerMinute });
  if (config.kind === 'simulator') {
    const simulator = await startSimulator({
      ...(config.simulatorFault ? { fault: config.simulatorFault } : {}),
      ...options.simulator,
    });
    const tokens = new TokenClient({
      tokenUrl: simulator.tokenUrl,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      transport: options.transport,
      timeoutMs: config.timeoutMs,
      ...(options.onTokenFetch ? { onFetch: options.onTokenFetch } : {}),
    });
    return {
      kind: 'simulator',
      baseUrl: simulator.baseUrl,
      tokens,
      search: new SearchClient({
        baseUrl: simulator.baseUrl,
        transport: options.transport,
        tokens,
        pace,
        timeoutMs: config.timeoutMs,
        maxRateLimitRetries: config.maxRateLimitRetries,
        expiredToken: simulator.expiredToken(),
      }),
      capabilities: { faultInjection: config.faultInjection, expiredToken: true },
      simulator,
      close: () => simulator.close(),
    };
  }
  const tokens = new TokenClient({
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authMethod: config.authMethod,
    ...(config.scope ? { scope: config.scope } : {}),
    transport: options.transport,
    timeoutMs: config.timeoutMs,
    ...(options.onTokenFetch ? { onFetch: options.onTokenFetch } : {}),
  });
  return {
    kind: 'external',
    baseUrl: config.baseUrl,
    tokens,
    search: new SearchClient({
      baseUrl: config.baseUrl,
      transport: options.transport,
      tokens,
      pace,
      timeoutMs: config.timeoutMs,
      maxRateLimitRetries: config.maxRateLimitRetries,
      ...(config.expiredToken ? { expiredToken: config.expiredToken } : {}),
    }),
    capabilities: { faultInjection: config.faultInjection, expiredToken: config.expiredToken !== undefined },
    simulator: undefined,
    close: async () => undefined,
  };
}
