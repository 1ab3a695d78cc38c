import { observationAspects, type Observations, type TargetBaseline } from './behaviour-baseline';
import type { BehaviourObservation } from './behaviour-observation';

/**
 * How much a difference from the baseline matters, graded as oasdiff grades API changes:
 * `breaking` (a request accepted before is now refused, a property or type of the answer
 * disappeared, a status changed class), `change` (stricter or more lenient where the page is
 * silent, a criterion stopped or started narrowing, another error format) and `additive` (a new
 * property or header).
 */
export type DriftSeverity = 'breaking' | 'change' | 'additive';

/** What fails the gate: only breaking drift, breaking and behaviour changes (default), or any drift. */
export type DriftFailOn = 'breaking' | 'change' | 'any';

export const DRIFT_SEVERITIES: readonly DriftSeverity[] = ['breaking', 'change', 'additive'];

/** One aspect of a case that differs from the baseline. */
export interface AspectChange {
  readonly aspect: string;
  readonly old: string;
  readonly new: string;
  readonly severity: DriftSeverity;
}

/** One case whose answer differs from the baseline: its changes and the highest of their severities. */
export interface DriftEntry {
  readonly case: string;
  readonly severity: DriftSeverity;
  readonly changes: readonly AspectChange[];
  readonly old: BehaviourObservation;
  readonly new: BehaviourObservation;
}

const rank = (severity: DriftSeverity): number => DRIFT_SEVERITIES.length - DRIFT_SEVERITIES.indexOf(severity);

/** True when drift of this severity fails a run set to fail on `failOn`. */
export function failsOn(severity: DriftSeverity, failOn: DriftFailOn): boolean {
  if (failOn === 'any') return true;
  return rank(severity) >= rank(failOn);
}

const CUSTOMER_PATH = '$.customers[]';

const statusClass = (status: number): number => Math.floor(status / 100);

/** accepted → refused is breaking, refused → accepted is more lenient (a change), any other change of class is breaking. */
function statusSeverity(old: number, now: number): DriftSeverity {
  if (statusClass(old) === statusClass(now)) return 'change';
  return statusClass(old) === 4 && statusClass(now) === 2 ? 'change' : 'breaking';
}

/**
 * A body's shape entries lost and gained. A 2xx answer follows the documented response schema, so
 * losing a property or a type is breaking; the page documents no error body, so an error body that
 * loses one has changed where the page is silent.
 */
function bodyChanges(old: BehaviourObservation, now: BehaviourObservation): AspectChange[] {
  // An empty result shows no customer's properties: they are compared only when both answers show customers.
  const comparable = (entry: string): boolean => (old.count !== 'none' && now.count !== 'none') || !entry.startsWith(CUSTOMER_PATH);
  const before = new Set(old.body);
  const after = new Set(now.body);
  const lost = old.body.filter((entry) => !after.has(entry) && comparable(entry));
  const gained = now.body.filter((entry) => !before.has(entry) && comparable(entry));
  const success = statusClass(now.status) === 2;
  return [
    ...(lost.length > 0 ? [{ aspect: success ? 'response shape' : 'error body shape', old: lost.join(', '), new: '(gone)', severity: success ? 'breaking' : 'change' } as const] : []),
    ...(gained.length > 0 ? [{ aspect: success ? 'response shape' : 'error body shape', old: '(none)', new: gained.join(', '), severity: 'additive' } as const] : []),
  ];
}

/** A header's form: appearing is additive, anything else (gone, another form) a change: the page makes none of them due. */
function headerSeverity(old: string): DriftSeverity {
  return old === 'absent' ? 'additive' : 'change';
}

function aspectSeverity(aspect: string, old: string, now: string): DriftSeverity {
  if (aspect === 'status') return statusSeverity(Number(old), Number(now));
  if (aspect.startsWith('header ')) return headerSeverity(old);
  return 'change';
}

/** The changes of one case, less its noisy aspects; body and count are left to the status when its class changed. */
export function caseChanges(old: BehaviourObservation, now: BehaviourObservation, noisy: readonly string[] = []): AspectChange[] {
  const before = observationAspects(old);
  const after = observationAspects(now);
  const classChanged = statusClass(old.status) !== statusClass(now.status);
  const changes: AspectChange[] = [];
  for (const [aspect, value] of Object.entries(before)) {
    const next = after[aspect] ?? 'n/a';
    if (value === next || noisy.includes(aspect)) continue;
    if (classChanged && ['body', 'count', 'relation'].includes(aspect)) continue;
    if (aspect === 'body') changes.push(...bodyChanges(old, now));
    else changes.push({ aspect, old: value, new: next, severity: aspectSeverity(aspect, value, next) });
  }
  return changes;
}

/**
 * Every case of the baseline whose answer now differs, in title order. Pure: the baseline and the
 * run's observations in, the drift out. A case the run did not observe (skipped, unjudged, cut by
 * the deadline) or that the baseline did not record is not drift; neither is an aspect the
 * recording found noisy.
 */
export function behaviourDrift(baseline: TargetBaseline, current: Observations): DriftEntry[] {
  const entries: DriftEntry[] = [];
  for (const title of Object.keys(baseline.cases).sort()) {
    const old = baseline.cases[title];
    const now = current[title];
    const noisy = baseline.noise[title] ?? [];
    if (!old || !now || noisy.includes('*')) continue;
    const changes = caseChanges(old, now, noisy);
    if (changes.length === 0) continue;
    const severity = DRIFT_SEVERITIES.find((level) => changes.some((change) => change.severity === level)) as DriftSeverity;
    entries.push({ case: title, severity, changes, old, new: now });
  }
  return entries;
}
