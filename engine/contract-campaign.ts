import type { RuleName } from '../contracts/contract-rules';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import type { CampaignConfig } from './campaign-config';
import type { ContractCase } from './contract-case';
import { buildContractCases } from './contract-cases';
import { readCounterexamples, REPLAYED_PREFIX, writeCounterexamples, type StoredCounterexample } from './counterexample-store';
import { buildGeneratedCases, replayGeneratedCase } from './generated-cases';
import { runRelationPhase } from './relation-phase';
import { runCampaign, type CaseResult } from './run-campaign';
import { shrinkFailure } from './shrink-failure';

export interface ContractCampaign {
  readonly seed: number;
  readonly results: readonly CaseResult[];
  /** Cases by source, for the run's header line and the benchmark. */
  readonly counts: { readonly fixed: number; readonly generated: number; readonly replayed: number };
  /** Counterexamples now in the store (undefined when the store is off or unreadable). */
  readonly stored: number | undefined;
  /** Problems with the store, reported once and never fatal. */
  readonly notes: readonly string[];
  /** Clock time (ms) of the run's deadline (CONTRACT_DEADLINE_S after its start). */
  readonly deadlineAt: number;
}

export interface CampaignRun {
  /** Clock time (ms) the gate run started; the deadline counts from it. Default now. */
  readonly startedAt?: number;
  /** The target the store keys counterexamples by (see `targetKey`). Default the target's API base. */
  readonly targetKey?: string;
}

/**
 * Time kept back from the deadline for judging and writing reports, in milliseconds: a tenth of the
 * deadline, at most 10 s.
 */
export function deadlineReserveMs(deadlineS: number): number {
  return Math.min(10_000, deadlineS * 100);
}

const firstBrokenRule = (result: CaseResult): RuleName | undefined => result.check.violations[0]?.rule;

/**
 * One run of the contract: stored counterexamples first, then the fixed cases, then the cases
 * generated from the seed (or the one case asked for by CONTRACT_REPLAY, alone). Failing generated
 * cases are shrunk within the budget, and the store keeps exactly the failures of this run.
 */
export async function runContractCampaign(target: OpenTarget, profile: TargetProfile, config: CampaignConfig, run: CampaignRun = {}): Promise<ContractCampaign> {
  const notes: string[] = [];
  const deadlineAt = (run.startedAt ?? Date.now()) + config.deadlineS * 1000;
  const stopAt = deadlineAt - deadlineReserveMs(config.deadlineS);
  const key = run.targetKey ?? target.baseUrl;
  if (config.replay) {
    const results = await runCampaign(target, [replayGeneratedCase(profile, config.replay)], { stopAt });
    return { seed: config.seed, results, counts: { fixed: 0, generated: 1, replayed: 0 }, stored: undefined, notes, deadlineAt };
  }

  const store = config.examplesFile ? readCounterexamples(config.examplesFile) : undefined;
  if (store && !store.ok) notes.push(`counterexample store left untouched: ${store.problem}`);
  const all = store?.ok ? store.counterexamples : [];
  // Another target's counterexamples are kept in the file but never sent here.
  const previous = all.filter((example) => example.target === key);
  const others = all.filter((example) => example.target !== key);
  const replayed: ContractCase[] = previous.map((example) => ({ ...example.case, title: `${REPLAYED_PREFIX}${example.case.title}` }));
  const fixed = buildContractCases(profile);
  const generated = buildGeneratedCases(profile, config.seed, config.generatedCases);
  const first = await runCampaign(target, [...replayed, ...fixed, ...generated], { stopAt });
  const results = [...first, ...(await runRelationPhase(target, profile, first, { stopAt }))];

  const budget = { requests: config.shrinkRequests, until: Math.min(stopAt, Date.now() + config.shrinkTimeS * 1000) };
  const final: CaseResult[] = [];
  for (const result of results) {
    const rule = firstBrokenRule(result);
    const fromGenerator = result.case.origin !== undefined && !result.case.title.startsWith(REPLAYED_PREFIX);
    const minimal = rule && fromGenerator ? await shrinkFailure(target, profile, result, rule, budget) : undefined;
    final.push(minimal ? { ...result, minimal } : result);
  }

  let stored: number | undefined;
  if (config.examplesFile && store?.ok) {
    const now = new Date().toISOString();
    const keep: StoredCounterexample[] = [];
    final.forEach((result, index) => {
      const rule = firstBrokenRule(result);
      // A replayed case left unjudged (rate limit, deadline) has not passed: it stays for the next run.
      if (!rule && !(result.notJudged && index < replayed.length)) return;
      if (index < replayed.length) {
        keep.push(previous[index] as StoredCounterexample);
      } else if (rule && result.case.origin) {
        keep.push({ target: key, rule, case: (result.minimal ?? result).case, foundAt: now });
      }
    });
    const unique = [...new Map(keep.map((example) => [JSON.stringify(example.case.request), example])).values()];
    if (unique.length > 0 || previous.length > 0) writeCounterexamples(config.examplesFile, [...others, ...unique]);
    stored = unique.length;
  }
  return { seed: config.seed, results: final, counts: { fixed: fixed.length, generated: generated.length, replayed: replayed.length }, stored, notes, deadlineAt };
}
