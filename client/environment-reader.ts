import type { ConfigProblem } from './config-error';
import { nearestName } from './nearest-name';

/** Process environment, or any map of variables (tests pass their own). */
export type Environment = Readonly<Record<string, string | undefined>>;

/*
 * Readers for one variable each. They never throw: a bad value becomes a ConfigProblem naming the
 * variable, so a loader reports every problem at once.
 */

/** A whole number within bounds, or `fallback` when unset. */
export function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  bounds: { min: number; max: number },
  problems: ConfigProblem[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < bounds.min || value > bounds.max) {
    problems.push({ variable: name, message: `must be a whole number from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(raw)}` });
    return fallback;
  }
  return value;
}

/** 1/true/yes/on or 0/false/no/off; undefined when unset. */
export function readFlag(env: Environment, name: string, problems: ConfigProblem[]): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push({ variable: name, message: `must be 1 or 0, got ${JSON.stringify(raw)}` });
  return undefined;
}

/**
 * Refuses variables of our prefixes that nothing reads: a typo must not silently fall back to a
 * default. A name close to a known one gets "did you mean"; any other, the list of known names.
 */
export function unknownVariables(env: Environment, prefixes: readonly string[], known: readonly string[]): ConfigProblem[] {
  const ours = known.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
  return Object.keys(env)
    .filter((name) => prefixes.some((prefix) => name.startsWith(prefix)) && !known.includes(name))
    .map((name) => {
      const meant = nearestName(name, ours);
      return { variable: name, message: meant ? `is not a known setting; did you mean ${meant}?` : `is not a known setting (known: ${ours.join(', ')})` };
    });
}
