import { isExpired, partitionViolations, type AcceptedDeviation, type AcceptedViolation, type DeviationConfig } from './accepted-deviations';
import type { CaseResult } from './run-campaign';

/** What the accepted-deviations file did in one run. */
export interface DeviationReport {
  readonly accepted: readonly { readonly case: string; readonly accepted: AcceptedViolation }[];
  /** Entries past their date: they accept nothing, and fail the gate until renewed or removed. */
  readonly expired: readonly AcceptedDeviation[];
  /** Entries that matched nothing in this run, so the file cannot rot quietly. */
  readonly unused: readonly AcceptedDeviation[];
  readonly strict: boolean;
}

/**
 * Moves the violations an entry accepts out of each result's counted violations, into `accepted`,
 * and reports expired and unused entries.
 */
export function applyDeviations(results: readonly CaseResult[], config: DeviationConfig, now: Date): { results: CaseResult[]; report: DeviationReport } {
  const accepted: { case: string; accepted: AcceptedViolation }[] = [];
  const applied = results.map((result): CaseResult => {
    const split = partitionViolations(result.check.violations, result.case.title, config.deviations, now);
    if (split.accepted.length === 0) return result;
    for (const entry of split.accepted) accepted.push({ case: result.case.title, accepted: entry });
    return { ...result, check: { ...result.check, violations: split.counted }, accepted: split.accepted };
  });
  const used = new Set(accepted.map((entry) => entry.accepted.deviation.id));
  return {
    results: applied,
    report: {
      accepted,
      expired: config.deviations.filter((deviation) => isExpired(deviation, now)),
      unused: config.deviations.filter((deviation) => !isExpired(deviation, now) && !used.has(deviation.id)),
      strict: config.strict,
    },
  };
}
