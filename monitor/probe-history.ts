import type { RuleName } from '../contracts/contract-rules';
import type { ProbeName } from './monitor-probes';
import type { ProbeOutcome } from './probe-outcome';

/** One probe as the / page shows it: no customer data, no token, no URL query. */
export interface ProbeRecord {
  readonly at: Date;
  readonly probe: ProbeName;
  readonly outcome: ProbeOutcome;
  /** HTTP status, absent when no response came. */
  readonly status: number | undefined;
  readonly latencyMs: number;
  readonly rules: readonly RuleName[];
  /** Why it failed, in words that carry no customer data. */
  readonly detail: string;
}

/** A bounded, newest-first history of probes, like blackbox_exporter's recent-probes page. */
export class ProbeHistory {
  private readonly records: ProbeRecord[] = [];
  constructor(private readonly size: number) {}

  add(record: ProbeRecord): void {
    this.records.unshift(record);
    if (this.records.length > this.size) this.records.length = this.size;
  }

  list(): readonly ProbeRecord[] {
    return this.records;
  }
}
