import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { REPLAYED_PREFIX } from './counterexample-store';
import { canonicalJson, observeExchange, relationOutcome, widerBody, type BehaviourObservation } from './behaviour-observation';
import type { CaseResult } from './run-campaign';

/** Observations by case title. */
export type Observations = Readonly<Record<string, BehaviourObservation>>;

/** One target's recorded behaviour: what each deterministic case got, and which of it is noise. */
export interface TargetBaseline {
  /** The seed generated cases were recorded under; absent when only the deterministic cases were recorded. */
  readonly seed?: number;
  readonly cases: Observations;
  /** Aspects (see `observationAspects`) that differed between the two recording passes, by case title; `*` when the case itself came and went. */
  readonly noise: Readonly<Record<string, readonly string[]>>;
}

/** The baseline file: one entry per target key (see `targetKey`), as the counterexample store keys its entries. */
export interface BaselineFile {
  readonly version: 1;
  readonly targets: Readonly<Record<string, TargetBaseline>>;
}

/**
 * Which results a baseline observes: judged, sent, not replayed, not the rate-limit burst (whose answer,
 * 200 or 429, depends on the provider's window as the burst met it); generated ones only when asked (a pinned seed).
 */
function observable(result: CaseResult, includeGenerated: boolean): boolean {
  if (!result.exchange || result.skipped || result.notJudged || result.case.title.startsWith(REPLAYED_PREFIX) || 'burst' in result.case) return false;
  return includeGenerated || result.case.origin === undefined;
}

/**
 * What the target did for each observable case of a campaign. Cases left unjudged (only 429, the
 * deadline) are never observed, so rate limiting cannot show up as drift; a title seen twice keeps
 * its first answer.
 */
export function observeCampaign(results: readonly CaseResult[], includeGenerated: boolean): Record<string, BehaviourObservation> {
  const byBody = new Map<string, CaseResult>();
  for (const result of results) {
    const { request } = result.case;
    const key = canonicalJson(request.body);
    // The wider answer is a plain search: sent with a valid token, not forced, answered 2xx.
    if (request.auth !== 'valid' || request.prefer !== undefined || request.rawBody !== undefined || byBody.has(key)) continue;
    if (result.exchange && result.exchange.response.status < 300) byBody.set(key, result);
  }
  const observations: Record<string, BehaviourObservation> = {};
  for (const result of results) {
    if (!observable(result, includeGenerated) || Object.hasOwn(observations, result.case.title)) continue;
    const wider = widerBody(result);
    const widerResult = wider === undefined ? undefined : byBody.get(canonicalJson(wider));
    const relation = widerResult?.exchange && result.exchange ? relationOutcome(result.exchange, widerResult.exchange) : undefined;
    observations[result.case.title] = observeExchange(result.exchange as NonNullable<CaseResult['exchange']>, relation);
  }
  return observations;
}

/** An observation as comparable aspects: each a name and a text value. */
export function observationAspects(observation: BehaviourObservation): Record<string, string> {
  return {
    status: String(observation.status),
    contentType: observation.contentType,
    charset: observation.charset,
    body: observation.body.join('\n'),
    count: observation.count ?? 'n/a',
    relation: observation.relation ?? 'n/a',
    ...Object.fromEntries(Object.entries(observation.headers).map(([name, form]) => [`header ${name}`, form])),
  };
}

/** Diffy's primary against secondary: every aspect of a case that differs between two passes of the same version. */
export function learnNoise(first: Observations, second: Observations): Record<string, string[]> {
  const noise: Record<string, string[]> = {};
  for (const title of new Set([...Object.keys(first), ...Object.keys(second)])) {
    const a = first[title];
    const b = second[title];
    if (!a || !b) {
      noise[title] = ['*'];
      continue;
    }
    const left = observationAspects(a);
    const right = observationAspects(b);
    const differing = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((aspect) => left[aspect] !== right[aspect]).sort();
    if (differing.length > 0) noise[title] = differing;
  }
  return noise;
}

/** A target's baseline from two recording passes: the first pass's observations, less nothing, with the noise the second showed. */
export function buildTargetBaseline(first: Observations, second: Observations, seed: number | undefined): TargetBaseline {
  return { ...(seed !== undefined ? { seed } : {}), cases: first, noise: learnNoise(first, second) };
}

/** JSON with keys sorted at every level and two-space indentation: the same behaviour always writes the same bytes. */
export function stableJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item === null || typeof item !== 'object') return item;
    return Object.fromEntries(Object.keys(item).sort().map((key) => [key, sortKeys((item as Record<string, unknown>)[key])]));
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export type BaselineRead = { readonly ok: true; readonly file: BaselineFile | undefined } | { readonly ok: false; readonly problem: string };

/** Reads a baseline file: undefined when there is none, a problem when it is not one. */
export function readBaselineFile(path: string): BaselineRead {
  if (!existsSync(path)) return { ok: true, file: undefined };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<BaselineFile>;
    if (parsed.version !== 1 || typeof parsed.targets !== 'object' || parsed.targets === null) return { ok: false, problem: `${path} is not a version 1 behaviour baseline` };
    return { ok: true, file: parsed as BaselineFile };
  } catch (error) {
    return { ok: false, problem: `${path} cannot be read: ${(error as Error).message}` };
  }
}

/** Writes one target's baseline into the file, keeping every other target's. */
export function writeTargetBaseline(path: string, key: string, baseline: TargetBaseline): void {
  const read = readBaselineFile(path);
  const others = read.ok && read.file ? read.file.targets : {};
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stableJson({ version: 1, targets: { ...others, [key]: baseline } }));
}

/** Default baseline file of a target: `contract-baselines/<target>.json`, the key made a safe file name. */
export function defaultBaselineFile(key: string): string {
  const safe = key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'target';
  return `contract-baselines/${safe}.json`;
}
