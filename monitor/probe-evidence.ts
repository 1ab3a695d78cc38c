import { harLog, type HarEvidence } from '../gate/har-log';
import type { ProbeName } from './monitor-probes';

/**
 * The last violating exchanges of each probe, kept to hand the vendor as HAR 1.2 at
 * /evidence/<probe>.har. One set per probe, replaced by the next violation: memory stays bounded by
 * the probe count (each response at most the transport's body cap). The HAR is built on download,
 * customer data masked and credentials redacted, never on the probing path.
 */
export class ProbeEvidence {
  private readonly byProbe = new Map<ProbeName, readonly HarEvidence[]>();

  keep(probe: ProbeName, evidence: readonly HarEvidence[]): void {
    if (evidence.length > 0) this.byProbe.set(probe, evidence);
  }

  has(probe: string): boolean {
    return this.byProbe.has(probe as ProbeName);
  }

  /** The probe's evidence as HAR 1.2 JSON, or undefined when it has broken no rule yet. */
  har(probe: string): string | undefined {
    const evidence = this.byProbe.get(probe as ProbeName);
    return evidence ? JSON.stringify(harLog(evidence), null, 2) : undefined;
  }
}
