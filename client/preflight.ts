import { describeUrl, type HttpTransport } from './http-transport';
import { SearchClient } from './search-client';
import type { ExternalTarget } from './target-config';
import { tokenClientFor } from './token-client';
import { TokenError } from './token-error';
import { TransportError } from './transport-error';

/** Exit code of a run stopped by the preflight: the target or its token endpoint cannot be used. */
export const UNREACHABLE_EXIT_CODE = 3;

/** Statuses that say a gateway, not the operation, answered: the target is not serving. */
const NOT_SERVING = new Set([404, 502, 503, 504]);

/** Why no answer came: the transport's own words (host and ECONNREFUSED, or the timeout), never a header or query. */
function reasonOf(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && !(current instanceof TransportError) && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * What to check when the token endpoint refused the client itself: RFC 6749 §5.2 answers a client
 * that failed to authenticate with 401, or 400 `invalid_client`. Other refusals name their own code.
 */
export function credentialHint(error: unknown): string {
  if (!(error instanceof TokenError) || error.kind !== 'rejected') return '';
  const clientRefused = error.status === 401 || /\((invalid_client|unauthorized_client)\)$/.test(error.message);
  return clientRefused ? '; check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET' : '';
}

/**
 * One token and one documented search (the profile's known customer by phone) before the campaign,
 * so that a target that cannot be reached stops the run with one message naming which endpoint and
 * why, instead of reading as every rule broken. Undefined when both answered.
 */
export async function preflight(config: ExternalTarget, transport: HttpTransport, options: { readonly timeoutMs?: number } = {}): Promise<string | undefined> {
  // Each of the two requests waits at most the run's request deadline, or less when the caller says.
  const timeoutMs = Math.min(config.timeoutMs, options.timeoutMs ?? config.timeoutMs);
  const tokens = tokenClientFor(config, { transport, timeoutMs });
  try {
    await tokens.token();
  } catch (error) {
    // A 429 is the endpoint there and throttling: the run's cases wait it out, each in its 429 budget.
    if (error instanceof TokenError && error.kind === 'throttled') return undefined;
    const why = error instanceof TokenError && error.kind !== 'transport' ? error.message : reasonOf(error);
    return `Preflight: the token endpoint ${describeUrl(config.tokenUrl)} (CONNECTID_TOKEN_URL) gave no token: ${why}${credentialHint(error)}`;
  }
  const search = new SearchClient({ baseUrl: config.baseUrl, transport, tokens, timeoutMs, rateLimitWaitMs: 0 });
  try {
    const exchange = await search.send({ body: { phoneNumber: config.profile.knownCustomer.phoneNumber }, auth: 'valid' });
    const status = exchange.response.status;
    if (NOT_SERVING.has(status)) return `Preflight: the target ${describeUrl(config.baseUrl)} (CAPI_BASE_URL) answered a documented search with ${status}: it does not serve the operation there`;
    if (status === 401 || status === 403) return `Preflight: the target ${describeUrl(config.baseUrl)} (CAPI_BASE_URL) refused a fresh token with ${status}: CONNECTID_TOKEN_URL and CAPI_BASE_URL may name different environments`;
  } catch (error) {
    return `Preflight: the target ${describeUrl(config.baseUrl)} (CAPI_BASE_URL) cannot be reached: ${reasonOf(error)}`;
  }
  return undefined;
}
