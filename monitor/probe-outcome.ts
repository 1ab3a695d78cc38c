/** How one probe ended: the `outcome` label of customer_search_probes_total. */
export const probeOutcomes = [
  'success',
  'degraded',
  'contract_violation',
  'http_error',
  'rate_limited',
  'auth_error',
  'timeout',
  'network_error',
] as const;

export type ProbeOutcome = (typeof probeOutcomes)[number];

/** Token fetch outcomes: the `outcome` label of customer_search_token_fetches_total. */
export const tokenOutcomes = ['success', 'rejected', 'unavailable', 'malformed', 'transport'] as const;

export type TokenOutcome = (typeof tokenOutcomes)[number];
