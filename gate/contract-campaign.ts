import type { RuleName } from '../contracts/contract-rules';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import type { CampaignConfig } from './campaign-config';
import type { ContractCase } from '../cases/contract-case';
import { buildContractCases } from '../cases/contract-cases';
import { readCounterexamples, regeneratedBy, REPLAYED_PREFIX, writeCounterexamples, type StoredCounterexample } from './counterexample-store';
import { coverageCases } from '../cases/coverage-cases';
import type { CampaignPhase, CampaignProgress } from './campaign-progress';
import { buildGeneratedCases, replayGeneratedCase } from '../cases/generated-cases';
import { runRateLimitBurst, type BurstOutcome } from './rate-limit-burst';
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
  /** What the rate-limit burst did; undefined when it did not run (CONTRACT_RATE_LIMIT_BURST=0, a replay). Its case is the last result. */
  readonly burst?: BurstOutcome;
}

export interface CampaignRun {
  /** Clock time (ms) the gate run started; the deadline counts from it. Default now. */
  readonly startedAt?: number;
  /** The target the store keys counterexamples by (see `targetKey`). Default the target's API base. */
  readonly targetKey?: string;
  /** Told the plan first, then every case judged. Default none. */
  readonly progress?: CampaignProgress;
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
 * cases are shrunk within the budget, and the store keeps exactly the failures of this run. A stored
 * counterexample the seed generates again is not replayed: it would count its failure twice.
 */
export async function runContractCampaign(target: OpenTarget, profile: TargetProfile, config: CampaignConfig, run: CampaignRun = {}): Promise<ContractCampaign> {
  const notes: string[] = [];
  const deadlineAt = (run.startedAt ?? Date.now()) + config.deadlineS * 1000;
  const stopAt = deadlineAt - deadlineReserveMs(config.deadlineS);
  const key = run.targetKey ?? target.baseUrl;
  const progress = run.progress;
  if (config.replay) {
    progress?.plan(config.seed, { replayed: 0, fixed: 0, coverage: 0, generated: 1, relations: 0 });
    const results = await runCampaign(target, [replayGeneratedCase(profile, config.replay)], { stopAt, onResult: (_, result) => progress?.caseDone('generated', result) });
    progress?.stop();
    return { seed: config.seed, results, counts: { fixed: 0, generated: 1, replayed: 0 }, stored: undefined, notes, deadlineAt };
  }

  const store = config.examplesFile ? readCounterexamples(config.examplesFile) : undefined;
  if (store && !store.ok) notes.push(`counterexample store left untouched: ${store.problem}`);
  const all = store?.ok ? store.counterexamples : [];
  const fixed = buildContractCases(profile);
  const generated = buildGeneratedCases(profile, config.seed, config.generatedCases);
  // Another target's counterexamples are kept in the file but never sent here.
  const again = regeneratedBy([...fixed, ...generated]);
  const mine = all.filter((example) => example.target === key);
  const previous = mine.filter((example) => !again(example.case));
  const others = all.filter((example) => example.target !== key);
  if (previous.length < mine.length) notes.push(`${mine.length - previous.length} stored counterexamples not replayed: seed ${config.seed} generates them again`);
  const replayed: ContractCase[] = previous.map((example) => ({ ...example.case, title: `${REPLAYED_PREFIX}${example.case.title}` }));
  const phases = phasesOf(replayed.length, fixed, generated.length, profile);
  progress?.plan(config.seed, { ...phases.totals });
  const first = await runCampaign(target, [...replayed, ...fixed, ...generated], { stopAt, onResult: (index, result) => progress?.caseDone(phases.of(index), result) });
  const relations = await runRelationPhase(target, profile, first, { stopAt, onResult: (_, result) => progress?.caseDone('relations', result) });
  progress?.total('relations', relations.length);
  progress?.stop();
  const shrunk = await shrinkFailures(target, profile, [...first, ...relations], config, stopAt);
  // Last, where its 429 delays nothing of this run: the pacer holds any later search (a baseline's second pass) until the window is over.
  const burst = config.rateLimitBurst ? await runRateLimitBurst(target, profile, { stopAt }) : undefined;
  const final = burst ? [...shrunk, burst.result] : shrunk;

  let stored: number | undefined;
  if (config.examplesFile && store?.ok) {
    // A duplicate left out of the replay is kept again only if its generated twin failed again.
    const unique = [...new Map(keptCounterexamples(final, previous, key).map((example) => [JSON.stringify(example.case.request), example])).values()];
    if (unique.length > 0 || mine.length > 0) writeCounterexamples(config.examplesFile, [...others, ...unique]);
    stored = unique.length;
  }
  return { seed: config.seed, results: final, counts: { fixed: fixed.length, generated: generated.length, replayed: replayed.length }, stored, notes, deadlineAt, ...(burst ? { burst: burst.outcome } : {}) };
}

/** Which phase each case of the first batch belongs to (replayed, then fixed with its coverage cases, then generated), and how many each has. */
function phasesOf(replayed: number, fixed: readonly ContractCase[], generated: number, profile: TargetProfile): { totals: Record<Exclude<CampaignPhase, 'relations'>, number>; of: (index: number) => CampaignPhase } {
  const coverageTitles = new Set(coverageCases(profile).map((item) => item.title));
  const kinds = fixed.map((item): CampaignPhase => (coverageTitles.has(item.title) ? 'coverage' : 'fixed'));
  const coverage = kinds.filter((kind) => kind === 'coverage').length;
  return {
    totals: { replayed, fixed: fixed.length - coverage, coverage, generated },
    of: (index) => (index < replayed ? 'replayed' : (kinds[index - replayed] ?? 'generated')),
  };
}

/** Every failing generated case shrunk to its smallest failing form, within the run's budget. */
async function shrinkFailures(target: OpenTarget, profile: TargetProfile, results: readonly CaseResult[], config: CampaignConfig, stopAt: number): Promise<CaseResult[]> {
  const budget = { requests: config.shrinkRequests, until: Math.min(stopAt, Date.now() + config.shrinkTimeS * 1000) };
  const final: CaseResult[] = [];
  for (const result of results) {
    const rule = firstBrokenRule(result);
    const fromGenerator = result.case.origin !== undefined && !result.case.title.startsWith(REPLAYED_PREFIX);
    const minimal = rule && fromGenerator ? await shrinkFailure(target, profile, result, rule, budget) : undefined;
    final.push(minimal ? { ...result, minimal } : result);
  }
  return final;
}

/** The counterexamples this run keeps: replayed ones that failed or were not judged, and new generated failures (shrunk). */
function keptCounterexamples(final: readonly CaseResult[], previous: readonly StoredCounterexample[], key: string): StoredCounterexample[] {
  const now = new Date().toISOString();
  const keep: StoredCounterexample[] = [];
  final.forEach((result, index) => {
    const rule = firstBrokenRule(result);
    // A replayed case left unjudged (rate limit, deadline) has not passed: it stays for the next run.
    if (!rule && !(result.notJudged && index < previous.length)) return;
    const stored = previous[index];
    if (stored !== undefined) {
      keep.push(stored);
    } else if (rule && result.case.origin) {
      keep.push({ target: key, rule, case: (result.minimal ?? result).case, foundAt: now });
    }
  });
  return keep;
}
