import fc from 'fast-check';
import type { RuleName } from '../contracts/contract-rules';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import { generatedCase, generatorArbitrary } from '../cases/generated-cases';
import { runCase, type CaseResult } from './run-campaign';

/** What is left for shrinking in this run, shared by every failure it shrinks. */
export interface ShrinkBudget {
  /** Requests left. */
  requests: number;
  /** Clock time (ms) past which no shrinking goes on. */
  readonly until: number;
}

/** Lets timers and I/O run between two candidates, so a time limit or a dying parent is always seen. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Shrinks a failing generated case with fast-check, replaying its seed and path and sending each
 * smaller candidate to the target: the result is the smallest case found that still breaks `rule`,
 * with its own path, so it regenerates alone. Each candidate costs its requests from the budget;
 * once the requests or the time are spent, fast-check is interrupted and the smallest failure so far
 * stands. Candidates that fast-check generates without a request still count against the time.
 */
export async function shrinkFailure(
  target: OpenTarget,
  profile: TargetProfile,
  failing: CaseResult,
  rule: RuleName,
  budget: ShrinkBudget,
): Promise<CaseResult | undefined> {
  const origin = failing.case.origin;
  const timeLeft = budget.until - Date.now();
  if (!origin || budget.requests <= 0 || timeLeft <= 0) return undefined;
  let smallest: CaseResult | undefined;
  const property = fc.asyncProperty(generatorArbitrary(origin.generator, profile), async (generated) => {
    await yieldToEventLoop();
    const cost = generated.wider ? 2 : 1;
    // An interrupting precondition ends the search; returning true would only go on to the next candidate.
    if (budget.requests < cost || Date.now() >= budget.until) throw new fc.PreconditionFailure(true);
    budget.requests -= cost;
    const result = await runCase(target, generatedCase(generated, origin), { stopAt: budget.until });
    const broken = result.check.violations.some((violation) => violation.rule === rule);
    if (broken) smallest = result;
    return !broken;
  });
  const outcome = await fc.check(property, { seed: origin.seed, path: origin.path, numRuns: 1, interruptAfterTimeLimit: timeLeft });
  if (!outcome.failed || !smallest || outcome.counterexamplePath === null) return undefined;
  const path = outcome.counterexamplePath;
  // The case regenerates alone from its final path: retitle it with that path.
  const shrunk = generatedCase(
    { label: smallest.case.title.replace(/^generated [a-z-]+ [\d:]+: /, ''), request: smallest.case.request, expectation: smallest.case.expectation, contractPath: smallest.case.contractPath, ...(smallest.case.wider ? { wider: smallest.case.wider } : {}) },
    { ...origin, path },
  );
  return { ...smallest, case: shrunk };
}
