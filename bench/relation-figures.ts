import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { MAX_RELATION_CASES } from '../cases/relation-cases';
import type { ReadmeFigure } from './readme-figure';

/**
 * The relation phase's counts against the embedded simulator, as the documentation states them: the
 * phase is built from the first batch's answers, so they come from a run (the fixed cases only,
 * unpaced: the count depends on neither the generated cases nor the pacing), not from a registry.
 * `fixedAndGenerated` is the run's other requests, which the documentation states beside them.
 */
export async function relationFigures(fixedAndGenerated: number): Promise<ReadmeFigure[]> {
  const { results } = await runSimulatorCampaign({ simulator: { rateLimit: false }, clientPerSecond: 100_000, campaign: { generatedCases: 0 } });
  const relations = results.filter((result) => result.case.title.startsWith('relation:'));
  const sent = String(relations.length);
  // A narrower search's title says what it added and what it finds; those sent first to find wider searches do not.
  const narrowed = String(relations.filter((result) => / added (?:still )?finds /.test(result.case.title)).length);
  return [
    { pattern: /(\d+) against the simulator: the searches sent first to find wider ones, then at most (\d+) narrower/, values: [sent, String(MAX_RELATION_CASES)] },
    { pattern: /answers \(about (\d+) against the simulator\)/, values: [sent] },
    { pattern: /At most (\d+) such cases \((\d+) against the simulator\)/, values: [String(MAX_RELATION_CASES), narrowed] },
    { pattern: /the second batch is (\d+) requests/, values: [sent] },
    { pattern: /requests: relation cases[^|]*\| (\d+) \|/, values: [sent] },
    { pattern: /Of those requests, (\d+) are the fixed and generated cases/, values: [String(fixedAndGenerated)] },
    { pattern: /and (\d+) the relation cases built/, values: [sent] },
  ];
}
