import { ConfigError, type ConfigProblem } from '../client/config-error';
import type { Environment } from '../client/environment-reader';
import type { DriftFailOn } from './behaviour-drift';

/** What a run does with the behaviour baseline: compare with it (default), record it anew, or leave it alone. */
export type BaselineMode = 'check' | 'record' | 'off';

export interface BaselineConfig {
  /** CONTRACT_BASELINE: `check` (default: compare when a baseline of the target exists), `record` or `off`. */
  readonly mode: BaselineMode;
  /** CONTRACT_BASELINE_FILE: the baseline file; default `contract-baselines/<target>.json` (see `defaultBaselineFile`). */
  readonly file: string | undefined;
  /** CONTRACT_BASELINE_FAIL_ON: the least severity of drift that fails the gate; default `change`. */
  readonly failOn: DriftFailOn;
}

export const BASELINE_VARIABLES = ['CONTRACT_BASELINE', 'CONTRACT_BASELINE_FILE', 'CONTRACT_BASELINE_FAIL_ON'] as const;

const MODES: readonly BaselineMode[] = ['check', 'record', 'off'];
const FAIL_ON: readonly DriftFailOn[] = ['breaking', 'change', 'any'];

/** Reads the baseline settings; throws one ConfigError naming every bad variable. */
export function loadBaselineConfig(env: Environment): BaselineConfig {
  const problems: ConfigProblem[] = [];
  const modeRaw = env.CONTRACT_BASELINE?.trim() || 'check';
  const mode = MODES.find((item) => item === modeRaw);
  if (!mode) problems.push({ variable: 'CONTRACT_BASELINE', message: `must be one of ${MODES.join(', ')}, got ${JSON.stringify(modeRaw)}` });
  const failOnRaw = env.CONTRACT_BASELINE_FAIL_ON?.trim() || 'change';
  const failOn = FAIL_ON.find((item) => item === failOnRaw);
  if (!failOn) problems.push({ variable: 'CONTRACT_BASELINE_FAIL_ON', message: `must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(failOnRaw)}` });
  if (problems.length > 0 || !mode || !failOn) throw new ConfigError(problems);
  return { mode, file: env.CONTRACT_BASELINE_FILE?.trim() || undefined, failOn };
}
