import type { ProbeRecord } from './probe-history';
import { availabilitySlo, type AvailabilitySlo } from './slo/availability-slo';

/** The availability SLO as one monitor sees it over the probe runs it keeps. */
export interface ErrorBudgetView {
  readonly objective: number;
  readonly periodDays: number;
  /** Runs the SLO counts (neither uncounted outcomes nor runs inside a maintenance window). */
  readonly counted: number;
  readonly bad: number;
  /** Runs left out because a declared maintenance window was in force. */
  readonly inMaintenance: number;
  /** Length of the kept history, oldest run to newest, in milliseconds. */
  readonly windowMs: number;
  /** Error ratio over the kept runs divided by the budget rate (1 - objective): 1 spends the budget exactly over the period. */
  readonly burnRate: number;
  /**
   * Share of the period's budget left after the kept runs, 0 to 1, were the rest of the period
   * spotless: an upper bound on the 30-day figure, which only Prometheus (slo-rules.yml) can give.
   */
  readonly budgetLeft: number;
}

/**
 * Burn rate and budget over the runs the monitor keeps, counted exactly as the generated SLO rules
 * count them (`badOutcomes`, `uncountedOutcomes`, maintenance excluded), so the page and the
 * dashboard disagree only in their window. Undefined before any counted run.
 */
export function errorBudget(records: readonly ProbeRecord[], slo: AvailabilitySlo = availabilitySlo): ErrorBudgetView | undefined {
  // One pass and no intermediate arrays: the / page computes this over the whole history at every refresh.
  let inMaintenance = 0;
  let counted = 0;
  let bad = 0;
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    const at = record.at.getTime();
    oldest = Math.min(oldest, at);
    newest = Math.max(newest, at);
    if (record.maintenance !== undefined) inMaintenance++;
    else if (!slo.uncountedOutcomes.includes(record.outcome)) {
      counted++;
      if (slo.badOutcomes.includes(record.outcome)) bad++;
    }
  }
  if (counted === 0) return undefined;
  const windowMs = newest - oldest;
  const burnRate = bad / counted / (1 - slo.objective);
  const periodMs = slo.periodDays * 86_400_000;
  const budgetLeft = Math.max(0, 1 - (burnRate * windowMs) / periodMs);
  return { objective: slo.objective, periodDays: slo.periodDays, counted, bad, inMaintenance, windowMs, burnRate, budgetLeft };
}
