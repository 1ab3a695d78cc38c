import { readFileSync } from 'node:fs';
import { ConfigError, type ConfigProblem } from '../client/config-error';
import { readFlag, type Environment } from '../client/environment-reader';
import { ruleNames, type RuleName } from '../contracts/contract-rules';
import type { RuleViolation } from '../contracts/check-exchange';

/**
 * A documented rule a real provider breaks in a way the team cannot change, accepted with a reason
 * and an expiry date, so the gate stays on instead of being switched off.
 */
export interface AcceptedDeviation {
  /** Stable name, shown in every report. */
  readonly id: string;
  readonly rule: RuleName;
  /** Regular expression tested against the case title and the broken contract path. */
  readonly match: string;
  readonly reason: string;
  readonly acceptedBy: string;
  /** Last day the acceptance holds, YYYY-MM-DD (UTC). */
  readonly expires: string;
}

export interface DeviationConfig {
  /** Committed file of accepted deviations; undefined when off. Default `contracts/accepted-deviations.json`. */
  readonly file: string | undefined;
  readonly deviations: readonly AcceptedDeviation[];
  /** Fail the gate on an entry that matched nothing in the run. Default false. */
  readonly strict: boolean;
}

export const DEVIATION_VARIABLES = ['CONTRACT_DEVIATIONS', 'CONTRACT_DEVIATIONS_STRICT'] as const;
export const DEFAULT_DEVIATIONS_FILE = 'contracts/accepted-deviations.json';

const FIELDS = ['id', 'rule', 'match', 'reason', 'acceptedBy', 'expires'] as const;

/** Reads and checks the file; every problem is reported at once, naming CONTRACT_DEVIATIONS and the entry. */
export function loadDeviationConfig(env: Environment): DeviationConfig {
  const problems: ConfigProblem[] = [];
  const strict = readFlag(env, 'CONTRACT_DEVIATIONS_STRICT', problems) ?? false;
  const raw = env.CONTRACT_DEVIATIONS?.trim();
  const file = raw === 'off' ? undefined : raw || DEFAULT_DEVIATIONS_FILE;
  const deviations: AcceptedDeviation[] = [];
  if (file) {
    const problem = (message: string): void => {
      problems.push({ variable: 'CONTRACT_DEVIATIONS', message: `${file}: ${message}` });
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      // A missing default file means no deviations; a missing named file is a mistake.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || raw) problem((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not JSON');
    }
    const entries = parsed === undefined ? [] : (parsed as { deviations?: unknown }).deviations;
    if (parsed !== undefined && !Array.isArray(entries)) problem('must hold {"deviations": [...]}');
    const seen = new Set<string>();
    for (const [index, entry] of (Array.isArray(entries) ? entries : []).entries()) {
      const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const where = `deviation ${typeof record.id === 'string' ? record.id : `#${index + 1}`}`;
      const missing = FIELDS.filter((field) => {
        const value = record[field];
        return typeof value !== 'string' || value.trim() === '';
      });
      if (missing.length > 0) {
        problem(`${where} lacks ${missing.join(', ')}`);
        continue;
      }
      const deviation = record as unknown as AcceptedDeviation;
      if (!ruleNames.includes(deviation.rule)) problem(`${where} names no rule of the contract (${deviation.rule})`);
      try {
        new RegExp(deviation.match);
      } catch {
        problem(`${where} has a match that is not a regular expression`);
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(deviation.expires) || Number.isNaN(Date.parse(`${deviation.expires}T00:00:00Z`))) problem(`${where} expires must be a date, YYYY-MM-DD`);
      if (seen.has(deviation.id)) problem(`${where} appears twice`);
      seen.add(deviation.id);
      deviations.push(deviation);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file, deviations, strict };
}

/** True once the expiry day is over (UTC). */
export function isExpired(deviation: AcceptedDeviation, now: Date): boolean {
  return now.getTime() >= Date.parse(`${deviation.expires}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

// Compiled once per entry: the monitor tests every violation of every probe against them.
const patterns = new WeakMap<AcceptedDeviation, RegExp>();
function patternOf(deviation: AcceptedDeviation): RegExp {
  let pattern = patterns.get(deviation);
  if (!pattern) {
    pattern = new RegExp(deviation.match);
    patterns.set(deviation, pattern);
  }
  return pattern;
}

/** The deviation that accepts a violation of a case, if any (expired ones accept nothing). */
export function acceptingDeviation(
  deviations: readonly AcceptedDeviation[],
  violation: RuleViolation,
  caseTitle: string,
  now: Date,
): AcceptedDeviation | undefined {
  return deviations.find(
    (deviation) =>
      deviation.rule === violation.rule && !isExpired(deviation, now) && (patternOf(deviation).test(caseTitle) || patternOf(deviation).test(violation.contractPath)),
  );
}

/** One violation split off as accepted, with the entry that accepts it. */
export interface AcceptedViolation {
  readonly violation: RuleViolation;
  readonly deviation: AcceptedDeviation;
}

/** Splits a case's violations into those that still count and those an entry accepts. */
export function partitionViolations(
  violations: readonly RuleViolation[],
  caseTitle: string,
  deviations: readonly AcceptedDeviation[],
  now: Date,
): { counted: RuleViolation[]; accepted: AcceptedViolation[] } {
  const counted: RuleViolation[] = [];
  const accepted: AcceptedViolation[] = [];
  for (const violation of violations) {
    const deviation = acceptingDeviation(deviations, violation, caseTitle, now);
    if (deviation) accepted.push({ violation, deviation });
    else counted.push(violation);
  }
  return { counted, accepted };
}
