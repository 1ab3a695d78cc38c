import { Gauge, type Registry } from 'prom-client';
import type { Exchange } from '../contracts/exchange';
import type { BaselineConfig } from '../gate/baseline-config';
import { defaultBaselineFile, readBaselineFile, type TargetBaseline } from '../gate/behaviour-baseline';
import { behaviourDrift, DRIFT_SEVERITIES, type DriftEntry, type DriftSeverity } from '../gate/behaviour-drift';
import { observeExchange, relationOutcome } from '../gate/behaviour-observation';

/** The baseline the monitor compares with: the gate's, for the same target; none when off, absent or unreadable (the problem is returned). */
export function loadMonitorBaseline(config: BaselineConfig, targetKey: string): { baseline: TargetBaseline | undefined; file: string; problem?: string } {
  const file = config.file ?? defaultBaselineFile(targetKey);
  if (config.mode === 'off') return { baseline: undefined, file };
  const read = readBaselineFile(file);
  if (!read.ok) return { baseline: undefined, file, problem: read.problem };
  return { baseline: read.file?.targets[targetKey], file };
}

/** One probe's drift in its last run, for the operator page. */
export interface ProbeDrift {
  readonly probe: string;
  readonly entries: readonly DriftEntry[];
}

/**
 * `customer_search_behaviour_drift{probe,severity}`: how many of a probe's cases answered, in its
 * last run, otherwise than the gate's recorded baseline of this target, by severity. Probes are
 * cases of the gate, so their titles find their recorded observation; a case the baseline lacks, or
 * an aspect it found noisy, is never drift. A 429 or an unanswered probe changes nothing: rate
 * limiting and outages are not behaviour.
 */
/** Registers `customer_search_behaviour_drift{probe,severity}` on the monitor's registry, every label set zeroed. */
export function createBehaviourDriftGauge(registry: Registry, probes: readonly string[]): Gauge<'probe' | 'severity'> {
  const gauge = new Gauge({
    name: 'customer_search_behaviour_drift',
    help: "Cases of the probe whose last answer differs from the target's recorded behaviour baseline, by severity (breaking, change, additive).",
    labelNames: ['probe', 'severity'] as const,
    registers: [registry],
  });
  for (const probe of probes) for (const severity of DRIFT_SEVERITIES) gauge.set({ probe, severity }, 0);
  return gauge;
}

export class BehaviourDriftGauge {
  private readonly last = new Map<string, Map<string, DriftEntry>>();

  constructor(
    readonly gauge: Gauge<'probe' | 'severity'>,
    private readonly baseline: TargetBaseline | undefined,
  ) {}

  /** Judges one answered case of a probe against the baseline and updates the probe's gauge. */
  observe(probe: string, caseTitle: string, exchange: Exchange, wider?: Exchange): void {
    const recorded = this.baseline?.cases[caseTitle];
    if (!this.baseline || !recorded || exchange.response.status === 429) return;
    const relation = wider ? relationOutcome(exchange, wider) : undefined;
    // A probe sent without its wider search shows no relation: nothing to compare it with.
    const noise = { [caseTitle]: [...(this.baseline.noise[caseTitle] ?? []), ...(relation ? [] : ['relation'])] };
    const entries = behaviourDrift({ cases: { [caseTitle]: recorded }, noise }, { [caseTitle]: observeExchange(exchange, relation) });
    const cases = this.last.get(probe) ?? new Map<string, DriftEntry>();
    if (entries[0]) cases.set(caseTitle, entries[0]);
    else cases.delete(caseTitle);
    this.last.set(probe, cases);
    for (const severity of DRIFT_SEVERITIES) this.gauge.set({ probe, severity }, this.count(cases, severity));
  }

  private count(cases: ReadonlyMap<string, DriftEntry>, severity: DriftSeverity): number {
    return [...cases.values()].filter((entry) => entry.severity === severity).length;
  }

  /** Every probe with drift now, for the operator page. */
  drifting(): ProbeDrift[] {
    return [...this.last.entries()].filter(([, cases]) => cases.size > 0).map(([probe, cases]) => ({ probe, entries: [...cases.values()] }));
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** The operator page's one line on behaviour drift (a list when some probe drifted); empty without a baseline. */
export function renderDriftSection(state: { readonly file: string; readonly baseline: TargetBaseline | undefined; readonly drifting: readonly ProbeDrift[] }): string {
  if (!state.baseline) return '';
  if (state.drifting.length === 0) return `<p id="behaviour-drift">Behaviour baseline <code>${escapeHtml(state.file)}</code>: no drift.</p>`;
  const items = state.drifting.flatMap(({ probe, entries }) =>
    entries.map((entry) => `<li><strong>${entry.severity}</strong> ${escapeHtml(probe)}: ${escapeHtml(entry.case)} (${escapeHtml(entry.changes.map((change) => change.aspect).join(', '))})</li>`),
  );
  return `<div id="behaviour-drift"><p>Behaviour baseline <code>${escapeHtml(state.file)}</code>: drift, a ticket not a page (accept it with <code>CONTRACT_BASELINE=record npm run contract</code>):</p><ul>${items.join('')}</ul></div>`;
}

/** The monitor's drift watch: the gauge, the probe hook that feeds it and the page's section. */
export interface BehaviourDriftWatch {
  readonly gauge: BehaviourDriftGauge;
  readonly onAnswer: (probe: string, caseTitle: string, exchange: Exchange, wider?: Exchange) => void;
  readonly section: () => string;
}

/** Reads the target's baseline (a problem is logged, never fatal) and feeds the monitor's drift gauge from it. */
export function watchBehaviourDrift(config: BaselineConfig, targetKey: string, metric: Gauge<'probe' | 'severity'>, warn: (problem: string) => void): BehaviourDriftWatch {
  const recorded = loadMonitorBaseline(config, targetKey);
  if (recorded.problem) warn(recorded.problem);
  const gauge = new BehaviourDriftGauge(metric, recorded.baseline);
  return {
    gauge,
    onAnswer: (probe, caseTitle, exchange, wider) => gauge.observe(probe, caseTitle, exchange, wider),
    section: () => renderDriftSection({ file: recorded.file, baseline: recorded.baseline, drifting: gauge.drifting() }),
  };
}
