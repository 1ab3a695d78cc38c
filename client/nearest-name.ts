import { distance } from 'fastest-levenshtein';

/**
 * The known name a mistyped one most likely meant, for a "did you mean" hint: the closest by edit
 * distance (Levenshtein, case ignored), when it is within a third of the name's length (at least
 * one edit). Undefined when nothing is that close: a wrong guess would mislead more than none.
 * fastest-levenshtein (no dependencies) computes the distance, as in the tools users know this from.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; edits: number } | undefined;
  for (const candidate of known) {
    const edits = distance(wanted, candidate.toLowerCase());
    if (edits <= limit && (!best || edits < best.edits)) best = { name: candidate, edits };
  }
  return best?.name;
}
