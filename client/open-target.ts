import type { EmbeddedProvider, StartEmbeddedProvider } from './embedded-provider';
import type { HttpTransport } from './http-transport';
import { AdaptivePacer } from './adaptive-pacer';
import { RateWindow } from './rate-window';
import { SearchClient } from './search-client';
import type { TargetConfig } from './target-config';
import { tokenClientFor, type TokenClient, type TokenClientOptions } from './token-client';

/** A target ready to receive searches: clients built, the embedded simulator started when asked for. */
export interface OpenTarget<P extends EmbeddedProvider = EmbeddedProvider> {
  readonly kind: TargetConfig['kind'];
  /** API base (secret-free; safe to print). */
  readonly baseUrl: string;
  readonly search: SearchClient;
  readonly tokens: TokenClient;
  readonly capabilities: { readonly faultInjection: boolean; readonly expiredToken: boolean };
  /** The embedded simulator, when the target is it. */
  readonly simulator: P | undefined;
  close(): Promise<void>;
}

export interface OpenTargetOptions<P extends EmbeddedProvider> {
  readonly transport: HttpTransport;
  /** Starts the embedded simulator; needed only when the configuration names no real environment. */
  readonly startEmbedded?: StartEmbeddedProvider<P>;
  readonly onTokenFetch?: TokenClientOptions['onFetch'];
}

export async function openTarget<P extends EmbeddedProvider = EmbeddedProvider>(
  config: TargetConfig,
  options: OpenTargetOptions<P>,
): Promise<OpenTarget<P>> {
  if (config.kind === 'simulator' && !options.startEmbedded) {
    throw new Error('No real environment is configured (CAPI_BASE_URL) and this program has no embedded simulator');
  }
  const simulator = config.kind === 'simulator' ? await options.startEmbedded?.({ fault: config.simulatorFault, variant: config.simulatorVariant }) : undefined;
  // Where requests go and with which credentials: the simulator's own, or the configured environment's.
  const endpoint = simulator
    ? {
        baseUrl: simulator.baseUrl,
        tokenUrl: simulator.tokenUrl,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
        authMethod: undefined,
        scope: undefined,
        expiredToken: simulator.expiredToken(),
      }
    : config.kind === 'external'
      ? config
      : undefined;
  if (!endpoint) throw new Error('unreachable: a simulator target always starts its simulator');

  const tokens = tokenClientFor(endpoint, {
    transport: options.transport,
    timeoutMs: config.timeoutMs,
    ...(options.onTokenFetch ? { onFetch: options.onTokenFetch } : {}),
  });
  const search = new SearchClient({
    baseUrl: endpoint.baseUrl,
    transport: options.transport,
    tokens,
    pace: new AdaptivePacer({ window: new RateWindow({ perSecond: config.maxPerSecond, perMinute: config.maxPerMinute }) }),
    timeoutMs: config.timeoutMs,
    rateLimitWaitMs: config.rateLimitWaitMs,
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
