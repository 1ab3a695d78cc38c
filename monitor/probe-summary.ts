import type { ProbeRecord } from './probe-history';
import { isCorrectOutcome } from './probe-outcome';

/** Nearest-rank percentile of a non-empty list sorted ascending, in its unit. */
function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

export interface ProbeSummary {
  readonly probe: string;
  readonly runs: number;
  /** Share of kept runs that were correct (success or degraded), 0 to 1. */
  readonly uptime: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly latest: ProbeRecord;
  readonly lastViolation: ProbeRecord | undefined;
}

/** Uptime, latency percentiles and the last violation of one probe, over its kept history (newest first). */
export function summarizeProbe(records: readonly ProbeRecord[]): ProbeSummary | undefined {
  const latest = records[0];
  if (!latest) return undefined;
  // A typed array sorts numerically without a comparator and without boxing each latency: the / page
  // summarises every probe at every refresh.
  const latencies = new Float64Array(records.length);
  let correct = 0;
  records.forEach((record, index) => {
    latencies[index] = record.latencyMs;
    if (isCorrectOutcome(record.outcome)) correct++;
  });
  latencies.sort();
  return {
    probe: latest.probe,
    runs: records.length,
    uptime: correct / records.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    latest,
    lastViolation: records.find((record) => record.violations.length > 0),
  };
}
