import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RuleName } from '../contracts/contract-rules';
import type { TargetConfig } from '../client/target-config';
import type { ContractCase } from '../cases/contract-case';

/** A failure found by generation, kept so the next run tries it first (like Hypothesis' example database). */
export interface StoredCounterexample {
  /** The target it failed against (see `targetKey`); it is replayed against that target alone. */
  readonly target?: string;
  readonly rule: RuleName;
  /** The minimal case as it was sent, so it replays even after the generators change. */
  readonly case: ContractCase;
  /** ISO date of the run that found it. */
  readonly foundAt: string;
}

interface StoreFile {
  /** 2 keys every entry by target; entries of a version 1 file have no target and are never replayed. */
  readonly version: 1 | 2;
  readonly counterexamples: readonly StoredCounterexample[];
}

/**
 * Which target a counterexample belongs to: the API base of a real environment, or the embedded
 * simulator with its fault mode and variant (its port changes every run). One provider's failures are not
 * another's, so a store shared by several targets replays each one's own.
 */
export function targetKey(config: TargetConfig, baseUrl: string): string {
  if (config.kind === 'external') return baseUrl;
  const modes = [
    ...(config.simulatorFault ? [`CONTRACT_SIMULATOR_FAULT=${config.simulatorFault}`] : []),
    ...(config.simulatorVariant ? [`CONTRACT_SIMULATOR_VARIANT=${config.simulatorVariant}`] : []),
  ];
  return modes.length > 0 ? `simulator (${modes.join(' ')})` : 'simulator';
}

export type StoreRead = { readonly ok: true; readonly counterexamples: readonly StoredCounterexample[] } | { readonly ok: false; readonly problem: string };

/** Stores written before bodies were bytes hold a raw body as a string: it was UTF-8 text. */
function withByteBody(example: StoredCounterexample): StoredCounterexample {
  const raw: unknown = example.case.request.rawBody;
  if (typeof raw !== 'string') return example;
  return { ...example, case: { ...example.case, request: { ...example.case.request, rawBody: { utf8: raw } } } };
}

/** Reads the store; a missing file is an empty store, an unreadable one is reported and left as it is. */
export function readCounterexamples(file: string): StoreRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, counterexamples: [] };
    return { ok: false, problem: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const parsed = JSON.parse(text) as Partial<StoreFile>;
    if ((parsed.version !== 1 && parsed.version !== 2) || !Array.isArray(parsed.counterexamples)) return { ok: false, problem: `${file} is not a counterexample store (version 2)` };
    return { ok: true, counterexamples: parsed.counterexamples.map(withByteBody) };
  } catch {
    return { ok: false, problem: `${file} is not JSON` };
  }
}

/** Writes the store whole, through a temporary file, so a crash never leaves half a file. */
export function writeCounterexamples(file: string, counterexamples: readonly StoredCounterexample[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 2, counterexamples } satisfies StoreFile, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Prefix of the title of a case replayed from the store. */
export const REPLAYED_PREFIX = 'replayed: ';

/**
 * Whether the run's own cases already hold a stored case: the same request, or a generated case of
 * the same generator, seed and sample (its shrinking finds the stored minimal again).
 */
export function regeneratedBy(cases: readonly ContractCase[]): (stored: ContractCase) => boolean {
  const requests = new Set(cases.map((item) => JSON.stringify(item.request)));
  const sampleOf = (origin: ContractCase['origin']): string | undefined => (origin ? `${origin.generator} ${origin.seed} ${origin.path.split(':')[0] ?? ''}` : undefined);
  const samples = new Set(cases.map((item) => sampleOf(item.origin)).filter((sample) => sample !== undefined));
  return (stored) => requests.has(JSON.stringify(stored.request)) || samples.has(sampleOf(stored.origin) ?? '');
}
