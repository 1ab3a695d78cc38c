import { requestField, requestFields, SEARCH_REQUIREMENT_POINTER } from '../contracts/contract-reader';
import { LARGEST_VALID_BODY_BYTES } from '../contracts/contract-rules';
import { OWN_TOKEN_REQUEST_MODES, requestBodyBytes } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from '../cases/contract-case';
import { buildContractCases } from '../cases/contract-cases';

/**
 * The probes of one run: each name is a `probe` label, a row on the / page and a key in logs.
 * `rotation` stands for the slice of the gate's other production-safe cases sent each run.
 */
export const probeNames = [
  'phone-search',
  'email-search',
  'name-address-search',
  'broad-search',
  'longest-values-accepted',
  'narrowing-holds',
  'incomplete-search-refused',
  'over-long-field-refused',
  'wrong-type-refused',
  'malformed-email-refused',
  'invalid-body-refused',
  'undocumented-field-tolerated',
  'no-token-refused',
  'rotation',
] as const;

export type ProbeName = (typeof probeNames)[number];
export type NamedProbe = Exclude<ProbeName, 'rotation'>;

/** A probe is a case of the contract suite: same request, same expectation, same rules. */
export type MonitorProbe = ContractCase;

const companyName = requestField('companyName');
const streetNumber = requestField('streetNumber');
const declared = new Set(requestFields().map((field) => field.name));
/** A body property the request schema does not declare. */
const carriesUndocumentedField = (item: ContractCase): boolean =>
  typeof item.request.body === 'object' && item.request.body !== null && !Array.isArray(item.request.body) && Object.keys(item.request.body).some((name) => !declared.has(name));

/**
 * Which of the gate's cases each named probe is, so the monitor never writes a request or a
 * contract pointer of its own: positive probes find the profile's known customer (by phone, email,
 * name/address), run the broad search, a search at the documented length limits in Nordic text and
 * a narrowed search; negative probes check that production keeps refusing what the contract refuses.
 */
const picks: Record<NamedProbe, (item: ContractCase) => boolean> = {
  'phone-search': (item) => item.expectation.kind === 'accepted' && item.expectation.results?.phoneNumber !== undefined,
  'email-search': (item) => item.expectation.kind === 'accepted' && item.expectation.results?.email !== undefined,
  'name-address-search': (item) =>
    item.expectation.kind === 'accepted' && item.expectation.results?.customerNumber !== undefined && item.expectation.results.phoneNumber === undefined && item.expectation.results.email === undefined,
  'broad-search': (item) => item.expectation.kind === 'accepted' && item.expectation.results?.overCap === true,
  'longest-values-accepted': (item) => item.expectation.kind === 'accepted' && item.contractPath === `${companyName.pointer}/maxLength`,
  'narrowing-holds': (item) => item.wider !== undefined,
  'incomplete-search-refused': (item) => item.expectation.rule === 'search-requirement' && item.contractPath === SEARCH_REQUIREMENT_POINTER,
  'over-long-field-refused': (item) => item.expectation.rule === 'field-max-length' && item.contractPath === `${companyName.pointer}/maxLength`,
  'wrong-type-refused': (item) => item.expectation.rule === 'field-type' && item.contractPath === `${streetNumber.pointer}/type`,
  'malformed-email-refused': (item) => item.expectation.rule === 'field-format' && item.contractPath.endsWith('/email/format'),
  'invalid-body-refused': (item) => item.expectation.rule === 'invalid-body-refused' && item.request.rawBody === undefined,
  'undocumented-field-tolerated': (item) => item.expectation.kind === 'unruled' && carriesUndocumentedField(item),
  'no-token-refused': (item) => item.expectation.kind === 'unauthorized' && item.request.auth === 'none',
};

/**
 * Cases production may be sent: read-only searches with the documented POST (a firewall may log an
 * undocumented method as an attack, so those stay in the gate), no forced error, no expired token,
 * and no body larger than a valid search can be (the oversized class stays in the gate too).
 */
export function isProductionSafe(item: ContractCase): boolean {
  const size = requestBodyBytes(item.request)?.length ?? 0;
  return (
    item.needs === undefined &&
    item.expectation.kind !== 'forced' &&
    item.request.prefer === undefined &&
    !OWN_TOKEN_REQUEST_MODES.has(item.request.auth) &&
    // A provider that waits for the content holds such a search past a probe's deadline: the wait is the gate's to judge.
    item.request.expectContinue === undefined &&
    (item.request.method ?? 'POST') === 'POST' &&
    size <= LARGEST_VALID_BODY_BYTES
  );
}

/**
 * The named probes, complete by type: the first production-safe case each pick matches.
 * Throws at start-up when the cases no longer hold one, naming the probe.
 */
export function monitorProbes(profile: TargetProfile, cases: readonly ContractCase[] = buildContractCases(profile)): Record<NamedProbe, MonitorProbe> {
  const safe = cases.filter(isProductionSafe);
  return Object.fromEntries(
    (Object.keys(picks) as NamedProbe[]).map((name) => {
      const found = safe.find(picks[name]);
      if (!found) throw new Error(`No case of the contract suite fits the monitor probe ${name}`);
      return [name, found];
    }),
  ) as Record<NamedProbe, MonitorProbe>;
}

/** The gate's other production-safe cases, sent a slice per run by the `rotation` probe. */
export function rotationPool(profile: TargetProfile, cases: readonly ContractCase[] = buildContractCases(profile)): ContractCase[] {
  const named = new Set(Object.values(monitorProbes(profile, cases)).map((probe) => probe.title));
  return cases.filter((item) => isProductionSafe(item) && !named.has(item.title));
}

/** The slice of the pool for run number `run`, so that every case is sent once every `cycleRuns` runs. */
export function rotationSlice<T>(pool: readonly T[], run: number, cycleRuns: number): T[] {
  if (cycleRuns <= 0 || pool.length === 0) return [];
  // Every cycleRuns-th case from the run's offset: cases of one kind sit together in the pool (the
  // narrowing ones send two requests), and striding spreads them over the runs.
  const offset = run % Math.min(cycleRuns, pool.length);
  return pool.filter((_, index) => index % cycleRuns === offset);
}
