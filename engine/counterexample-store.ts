import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RuleName } from '../contracts/contract-rules';
import type { ContractCase } from './contract-case';

/** A failure found by generation, kept so the next run tries it first (like Hypothesis' example database). */
export interface StoredCounterexample {
  readonly rule: RuleName;
  /** The minimal case as it was sent, so it replays even after the generators change. */
  readonly case: ContractCase;
  /** ISO date of the run that found it. */
  readonly foundAt: string;
}

interface StoreFile {
  readonly version: 1;
  readonly counterexamples: readonly StoredCounterexample[];
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
    if (parsed.version !== 1 || !Array.isArray(parsed.counterexamples)) return { ok: false, problem: `${file} is not a counterexample store (version 1)` };
    return { ok: true, counterexamples: parsed.counterexamples.map(withByteBody) };
  } catch {
    return { ok: false, problem: `${file} is not JSON` };
  }
}

/** Writes the store whole, through a temporary file, so a crash never leaves half a file. */
export function writeCounterexamples(file: string, counterexamples: readonly StoredCounterexample[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, counterexamples } satisfies StoreFile, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Prefix of the title of a case replayed from the store. */
export const REPLAYED_PREFIX = 'replayed: ';
