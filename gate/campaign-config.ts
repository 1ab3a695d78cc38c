import { ConfigError, type ConfigProblem } from '../client/config-error';
import { readFlag, readInteger, type Environment } from '../client/environment-reader';
import { DEVIATION_VARIABLES } from './accepted-deviations';
import { BASELINE_VARIABLES } from './baseline-config';
import type { CaseOrigin } from '../cases/contract-case';

/** The engine's settings: how many cases to generate, from which seed, and where found counterexamples are kept. */
export interface CampaignConfig {
  /** fast-check seed of this run. Default: a new random seed each run, printed so the run can be repeated. */
  readonly seed: number;
  /** True when the seed came from CONTRACT_SEED. */
  readonly seedGiven: boolean;
  /** Generated cases per run, beside the fixed ones. Default 60: with the fixed cases the run fits two seconds of the 90 calls/s pacing. */
  readonly generatedCases: number;
  /** Requests one run may spend shrinking failures to a minimal case. Default 60. */
  readonly shrinkRequests: number;
  /** JSON file of counterexamples replayed first in the next run; undefined when off. Default `.capi-contract/counterexamples.json`. */
  readonly examplesFile: string | undefined;
  /** Runs this one generated case alone (`<generator>:<path>`, with CONTRACT_SEED), as printed by a failure. */
  readonly replay: CaseOrigin | undefined;
  /** Time the whole gate run may take, in seconds, from start to reports. Default 120. */
  readonly deadlineS: number;
  /** Time one run may spend shrinking failures, in seconds (beside the request budget). Default 10. */
  readonly shrinkTimeS: number;
  /**
   * Ends the run with the rate-limit burst (gate/rate-limit-burst.ts): at most twice the documented
   * per-second limit plus one searches within a second, to draw a real 429 and judge it. Default true:
   * the page documents 429, and the burst stays far inside the documented 2000 calls a minute.
   */
  readonly rateLimitBurst: boolean;
}

export const CAMPAIGN_VARIABLES = [
  'CONTRACT_SEED',
  'CONTRACT_GENERATED_CASES',
  'CONTRACT_SHRINK_REQUESTS',
  'CONTRACT_EXAMPLES',
  'CONTRACT_REPLAY',
  'CONTRACT_DEADLINE_S',
  'CONTRACT_SHRINK_TIME_S',
  'CONTRACT_RATE_LIMIT_BURST',
  ...DEVIATION_VARIABLES,
  ...BASELINE_VARIABLES,
] as const;

const DEFAULT_GENERATED_CASES = 60;
export const DEFAULT_EXAMPLES_FILE = '.capi-contract/counterexamples.json';
const GENERATORS: readonly CaseOrigin['generator'][] = ['valid', 'invalid', 'known-customer'];

/** Reads the campaign settings; throws one ConfigError naming every bad variable. */
export function loadCampaignConfig(env: Environment, random: () => number = Math.random): CampaignConfig {
  const problems: ConfigProblem[] = [];
  const seedGiven = Boolean(env.CONTRACT_SEED?.trim());
  const seed = seedGiven ? readInteger(env, 'CONTRACT_SEED', 0, { min: 0, max: 2 ** 31 - 1 }, problems) : Math.floor(random() * 2 ** 31);
  const generatedCases = readInteger(env, 'CONTRACT_GENERATED_CASES', DEFAULT_GENERATED_CASES, { min: 0, max: 10_000 }, problems);
  const shrinkRequests = readInteger(env, 'CONTRACT_SHRINK_REQUESTS', 60, { min: 0, max: 10_000 }, problems);
  const deadlineS = readInteger(env, 'CONTRACT_DEADLINE_S', 120, { min: 10, max: 86_400 }, problems);
  const shrinkTimeS = readInteger(env, 'CONTRACT_SHRINK_TIME_S', 10, { min: 0, max: 3_600 }, problems);
  const rateLimitBurst = readFlag(env, 'CONTRACT_RATE_LIMIT_BURST', problems) ?? true;
  const examplesRaw = env.CONTRACT_EXAMPLES?.trim();
  const examplesFile = examplesRaw === 'off' ? undefined : examplesRaw || DEFAULT_EXAMPLES_FILE;

  let replay: CaseOrigin | undefined;
  const replayRaw = env.CONTRACT_REPLAY?.trim();
  if (replayRaw) {
    const match = /^([a-z-]+):(\d+(?::\d+)*)$/.exec(replayRaw);
    const generator = GENERATORS.find((name) => name === match?.[1]);
    const path = match?.[2];
    if (!generator || path === undefined) {
      problems.push({ variable: 'CONTRACT_REPLAY', message: `must be <generator>:<path> with generator one of ${GENERATORS.join(', ')}, got ${JSON.stringify(replayRaw)}` });
    } else if (!seedGiven) {
      problems.push({ variable: 'CONTRACT_REPLAY', message: 'needs the CONTRACT_SEED of the run that printed it' });
    } else {
      replay = { generator, seed, path };
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { seed, seedGiven, generatedCases, shrinkRequests, examplesFile, replay, deadlineS, shrinkTimeS, rateLimitBurst };
}
