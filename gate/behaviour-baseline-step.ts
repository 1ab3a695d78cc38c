import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import type { BaselineConfig } from './baseline-config';
import { buildTargetBaseline, defaultBaselineFile, observeCampaign, readBaselineFile, stableJson, writeTargetBaseline } from './behaviour-baseline';
import { behaviourDrift, failsOn, type DriftEntry, type DriftFailOn } from './behaviour-drift';
import type { CampaignConfig } from './campaign-config';
import { runContractCampaign, type ContractCampaign } from './contract-campaign';

/** What the run did with the behaviour baseline. */
export type BaselineOutcome =
  | { readonly mode: 'off' }
  | { readonly mode: 'absent'; readonly file: string }
  | { readonly mode: 'unreadable'; readonly file: string; readonly problem: string }
  | { readonly mode: 'recorded'; readonly file: string; readonly cases: number; readonly noisy: number; readonly seed?: number }
  | {
      readonly mode: 'checked';
      readonly file: string;
      readonly cases: number;
      readonly failOn: DriftFailOn;
      readonly entries: readonly DriftEntry[];
      /** Entries at or above `failOn`. */
      readonly failing: number;
      /** The command that records the target's behaviour as it is now. */
      readonly accept: string;
    };

export interface BaselineStep {
  readonly config: BaselineConfig;
  /** The target the baseline is kept for (see `targetKey`). */
  readonly targetKey: string;
  /** The command that ran the gate, with the variables that shaped it; `CONTRACT_BASELINE=record` is put before it to accept drift. */
  readonly command: string;
}

/**
 * Records the second pass Diffy-style: the deterministic cases (and, under a pinned seed, the
 * generated ones) sent again to the same target; what differs from the first pass is noise.
 */
async function record(target: OpenTarget, profile: TargetProfile, config: CampaignConfig, first: ContractCampaign, step: BaselineStep, file: string): Promise<BaselineOutcome> {
  const pinned = config.seedGiven;
  // No counterexamples replayed or stored, no shrinking: the second pass only observes.
  // No burst either: its case is never observed (a 200 or a 429 are both the provider's right).
  const secondConfig: CampaignConfig = { ...config, generatedCases: pinned ? config.generatedCases : 0, examplesFile: undefined, replay: undefined, shrinkRequests: 0, rateLimitBurst: false };
  // Within the run's own deadline (the gate's fixture allows no more); a case it cuts off is listed as noise, never compared.
  const second = await runContractCampaign(target, profile, secondConfig, { targetKey: step.targetKey, startedAt: first.deadlineAt - config.deadlineS * 1000 });
  const baseline = buildTargetBaseline(observeCampaign(first.results, pinned), observeCampaign(second.results, pinned), pinned ? first.seed : undefined);
  writeTargetBaseline(file, step.targetKey, baseline);
  return { mode: 'recorded', file, cases: Object.keys(baseline.cases).length, noisy: Object.keys(baseline.noise).length, ...(baseline.seed !== undefined ? { seed: baseline.seed } : {}) };
}

/** Compares the run with the target's baseline, when there is one. */
export function checkBaseline(campaign: ContractCampaign, step: BaselineStep, file: string): BaselineOutcome {
  const read = readBaselineFile(file);
  if (!read.ok) return { mode: 'unreadable', file, problem: read.problem };
  const baseline = read.file?.targets[step.targetKey];
  if (!baseline) return { mode: 'absent', file };
  const entries = behaviourDrift(baseline, observeCampaign(campaign.results, baseline.seed !== undefined && baseline.seed === campaign.seed));
  const failing = entries.filter((entry) => failsOn(entry.severity, step.config.failOn)).length;
  return { mode: 'checked', file, cases: Object.keys(baseline.cases).length, failOn: step.config.failOn, entries, failing, accept: `CONTRACT_BASELINE=record ${step.command}` };
}

/** The baseline step of a gate run: record, check or nothing, as CONTRACT_BASELINE says. A run replaying one case never records. */
export async function runBaselineStep(target: OpenTarget, profile: TargetProfile, config: CampaignConfig, campaign: ContractCampaign, step: BaselineStep): Promise<BaselineOutcome> {
  if (step.config.mode === 'off' || config.replay) return { mode: 'off' };
  const file = step.config.file ?? defaultBaselineFile(step.targetKey);
  return step.config.mode === 'record' ? record(target, profile, config, campaign, step, file) : checkBaseline(campaign, step, file);
}

/** Failing drift entries of an outcome (0 unless checked). */
export function failingDrift(outcome: BaselineOutcome): number {
  return outcome.mode === 'checked' ? outcome.failing : 0;
}

/** Writes `<dir>/behaviour-drift.json`: a top-level `failing` count (drift at or above CONTRACT_BASELINE_FAIL_ON) and the entries. */
export function writeDriftReport(dir: string, outcome: BaselineOutcome): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'behaviour-drift.json');
  writeFileSync(path, stableJson({ failing: failingDrift(outcome), ...outcome }));
  return path;
}

/** A changed value as a header line shows it: body shapes can be long; the JSON report keeps them whole. */
const clip = (text: string): string => (text.length > 160 ? `${text.slice(0, 157)}...` : text);

/** The run's header lines about the baseline: what was recorded, or each drift entry with how to accept it. */
export function baselineLines(outcome: BaselineOutcome): string[] {
  switch (outcome.mode) {
    case 'off':
    case 'absent':
      return [];
    case 'unreadable':
      return [`Behaviour baseline not compared: ${outcome.problem}`];
    case 'recorded':
      return [`Behaviour baseline recorded: ${outcome.cases} cases, ${outcome.noisy} with noise, in ${outcome.file}${outcome.seed !== undefined ? ` (generated cases of seed ${outcome.seed})` : ''}`];
    case 'checked':
      return [
        `Behaviour baseline ${outcome.file}: ${outcome.entries.length} cases drifted of ${outcome.cases} recorded, ${outcome.failing} at or above ${outcome.failOn}`,
        ...outcome.entries.map((entry) => `Drift (${entry.severity}): ${entry.case}: ${entry.changes.map((change) => `${change.aspect} ${clip(change.old)} -> ${clip(change.new)}`).join('; ')}`),
        ...(outcome.entries.length > 0 ? [`Accept it: ${outcome.accept}`] : []),
      ];
  }
}
