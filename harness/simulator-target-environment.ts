import type { TargetEndpoint } from '../client/target-endpoint';

/**
 * The variables that aim the gate or the monitor at a running simulator as if it were a real
 * target: base URL, token URL (required off the documented hosts) and the client credentials.
 */
export function simulatorTargetEnvironment(simulator: TargetEndpoint): Record<string, string> {
  return {
    CAPI_BASE_URL: simulator.baseUrl,
    CONNECTID_TOKEN_URL: simulator.tokenUrl,
    CONNECTID_CLIENT_ID: simulator.clientId,
    CONNECTID_CLIENT_SECRET: simulator.clientSecret,
  };
}
