import fc from 'fast-check';
import type { RuleName } from '../contracts/contract-rules';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import { generatedCase, generatorArbitrary } from './generated-cases';
import { runCase, type CaseResult } from './run-campaign';

/** Requests left for shrinking in this run, shared by every failure it shrinks. */
export interface ShrinkBudget {
  requests: number;
}

/**
 * Shrinks a failing generated case with fast-check, replaying its seed and path and sending each
 * smaller candidate to the target: the result is the smallest case found that still breaks `rule`,
 * with its own path, so it regenerates alone. Each candidate costs its requests from the budget;
 * once spent, candidates count as passing, which ends the search at the smallest failure so far.
 */
export async function shrinkFailure(
  target: OpenTarget,
  profile: TargetProfile,
  failing: CaseResult,
  rule: RuleName,
  budget: ShrinkBudget,
): Promise<CaseResult | undefined> {
  const origin = failing.case.origin;
  if (!origin || budget.requests <= 0) return undefined;
  let smallest: CaseResult | undefined;
  const outcome = await fc.check(
    fc.asyncProperty(generatorArbitrary(origin.generator, profile), async (generated) => {
      const cost = generated.wider ? 2 : 1;
      if (budget.requests < cost) return true;
      budget.requests -= cost;
      const result = await runCase(target, generatedCase(generated, origin));
      const broken = result.check.violations.some((violation) => violation.rule === rule);
      if (broken) smallest = result;
      return !broken;
    }),
    { seed: origin.seed, path: origin.path, numRuns: 1 },
  );
  if (!outcome.failed || !smallest || outcome.counterexamplePath === null) return undefined;
  const path = outcome.counterexamplePath;
  // The case regenerates alone from its final path: retitle it with that path.
  const shrunk = generatedCase(
    { label: smallest.case.title.replace(/^generated [a-z-]+ [\d:]+: /, ''), request: smallest.case.request, expectation: smallest.case.expectation, contractPath: smallest.case.contractPath, ...(smallest.case.wider ? { wider: smallest.case.wider } : {}) },
    { ...origin, path },
  );
  return { ...smallest, case: shrunk };
}
