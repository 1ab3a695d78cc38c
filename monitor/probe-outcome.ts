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
export const tokenOutcomes = ['success', 'rejected', 'throttled', 'unavailable', 'malformed', 'transport'] as const;

export type TokenOutcome = (typeof tokenOutcomes)[number];

/** A correct answer, slow or not: what probe_success, uptime and the last success count. */
export function isCorrectOutcome(outcome: ProbeOutcome): boolean {
  return outcome === 'success' || outcome === 'degraded';
}

/** Outcomes from least to most telling, for one outcome standing for several answers. */
const SEVERITY: readonly ProbeOutcome[] = ['success', 'degraded', 'rate_limited', 'timeout', 'network_error', 'auth_error', 'http_error', 'contract_violation'];

/** Rank of an outcome, higher the more telling: the page lists the worst first. */
export function outcomeSeverity(outcome: ProbeOutcome): number {
  return SEVERITY.indexOf(outcome);
}

/** The most telling of several outcomes (`success` for none). */
export function worstOutcome(outcomes: readonly ProbeOutcome[]): ProbeOutcome {
  return outcomes.reduce<ProbeOutcome>((worst, outcome) => (SEVERITY.indexOf(outcome) > SEVERITY.indexOf(worst) ? outcome : worst), 'success');
}
