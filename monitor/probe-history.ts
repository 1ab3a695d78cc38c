import type { RuleName } from '../contracts/contract-rules';
import type { ProbeName } from './monitor-probes';
import type { ProbeOutcome } from './probe-outcome';

/** A broken rule as the / page shows it: Expected and Received describe values by type and size, never by content. */
export interface ProbeViolation {
  readonly rule: RuleName;
  readonly expected: string;
  readonly received: string;
}

/** One probe as the / page shows it: no customer data, no token, no URL query. */
export interface ProbeRecord {
  readonly at: Date;
  readonly probe: ProbeName;
  readonly outcome: ProbeOutcome;
  /** HTTP status, absent when no response came. */
  readonly status: number | undefined;
  readonly latencyMs: number;
  readonly rules: readonly RuleName[];
  /** The first few violations behind `rules` (at most 3). */
  readonly violations: readonly ProbeViolation[];
  /** Why it failed, in words that carry no customer data. */
  readonly detail: string;
  /** W3C trace id the probe's requests carried (for the rotation, its failing or first case's). */
  readonly traceId: string;
  /** Reason of the declared maintenance window the probe ran in; absent outside any. */
  readonly maintenance?: string;
}

/**
 * Bounded, newest-first histories, one per probe, like blackbox_exporter's recent-probes page: a
 * probe that runs often cannot push a rarer one off the page.
 */
export class ProbeHistory {
  private readonly byProbe = new Map<ProbeName, ProbeRecord[]>();

  /** @param perProbe records kept for each probe (MONITOR_HISTORY). */
  constructor(private readonly perProbe: number) {}

  add(record: ProbeRecord): void {
    const records = this.byProbe.get(record.probe) ?? [];
    records.unshift(record);
    if (records.length > this.perProbe) records.length = this.perProbe;
    this.byProbe.set(record.probe, records);
  }

  /** One probe's records, newest first. */
  of(probe: ProbeName): readonly ProbeRecord[] {
    return this.byProbe.get(probe) ?? [];
  }

  /** Probes with at least one record, in the order they first ran. */
  probes(): ProbeName[] {
    return [...this.byProbe.keys()];
  }

  /** Every record, in no particular order: for counting, without the cost of sorting. */
  all(): ProbeRecord[] {
    return ([] as ProbeRecord[]).concat(...this.byProbe.values());
  }

  /**
   * Every record, newest first (at most `limit`): each probe's list is already newest first, so
   * they are merged, and a page that shows 60 rows never copies or sorts the whole history.
   */
  list(limit = Number.POSITIVE_INFINITY): ProbeRecord[] {
    // Each probe's list with the place of its next record, newest first.
    const heads = [...this.byProbe.values()].map((records) => ({ records, next: 0 }));
    const merged: ProbeRecord[] = [];
    while (merged.length < limit) {
      let newest: { records: ProbeRecord[]; next: number } | undefined;
      for (const head of heads) {
        const candidate = head.records[head.next];
        if (candidate && (!newest || candidate.at.getTime() > (newest.records[newest.next]?.at.getTime() ?? 0))) newest = head;
      }
      const record = newest?.records[newest.next];
      if (!newest || !record) break;
      merged.push(record);
      newest.next++;
    }
    return merged;
  }
}
