import { readFileSync } from 'node:fs';
import { documentedProfile } from '../client/target-profile';
import { ruleNames } from '../contracts/contract-rules';
import { loadCampaignConfig } from '../gate/campaign-config';
import { buildContractCases, type ContractCase } from '../cases/contract-cases';
import { coverageCases } from '../cases/coverage-cases';
import { coverageTable } from '../gate/coverage-table';
import { buildGeneratedCases } from '../cases/generated-cases';
import { loadMonitorConfig } from '../monitor/monitor-config';
import { probeNames, rotationPool, rotationSlice } from '../monitor/monitor-probes';
import type { DocumentationPage } from './documentation-set';
import { relationFigures } from './relation-figures';
import type { ReadmeFigure } from './readme-figure';

/** The gate's spec file, whose test locations the documented contract run shows. */
const GATE_SPEC = 'tests/contract/search-customer-contract.spec.ts';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** Requests a list of cases sends: a narrowing case sends its wider search too. */
const requestsOf = (cases: readonly ContractCase[]): number => cases.length + cases.filter((item) => item.wider).length;

/** Line and column (1-based, as Playwright prints them) of the first line of `source` holding `marker`. */
function locationOf(source: string, marker: string): string[] {
  const lines = source.split('\n');
  const line = lines.findIndex((text) => text.includes(marker));
  if (line < 0) throw new Error(`${GATE_SPEC} no longer holds ${marker}`);
  return [String(line + 1), String((lines[line] ?? '').indexOf(marker) + 1)];
}

/**
 * Every count the documentation states, from the registries that decide it: rules, fixed and generated
 * cases, requests (the benchmark's seed 1 with the default number of generated cases), probes,
 * the monitor's rotation at its defaults, and where the gate's tests sit in its spec file. Timings
 * are not here: only `npm run bench` measures them.
 */
export function readmeFigures(): ReadmeFigure[] {
  const fixed = buildContractCases(documentedProfile);
  const { generatedCases } = loadCampaignConfig({}, () => 0);
  const generated = buildGeneratedCases(documentedProfile, 1, generatedCases);
  const total = String(requestsOf(fixed) + requestsOf(generated));
  const pool = rotationPool(documentedProfile, fixed);
  const monitorDefaults = loadMonitorConfig({});
  const { rotationRuns, intervalMs } = monitorDefaults;
  const slice = rotationSlice(pool, 0, rotationRuns);
  // The rotation's heaviest slice in calls (a narrowing case sends its wider search too), a minute at the default schedule.
  const heaviest = Math.max(...Array.from({ length: rotationRuns }, (_, run) => rotationSlice(pool, run, rotationRuns).reduce((sum, item) => sum + (item.wider ? 2 : 1), 0)));
  const rotationCallsPerMinute = (heaviest * 60_000) / intervalMs;
  const rules = String(ruleNames.length);
  // The gate's tests: one per rule, `every case judged` and `behaviour baseline`.
  const gateTests = String(ruleNames.length + 2);
  const cases = String(fixed.length);
  const named = probeNames.length - 1;
  const spec = readFileSync(GATE_SPEC, 'utf8');
  const coverage = String(coverageCases(documentedProfile).length);
  // The last line `npm run contract:cases` prints, as the coverage page quotes it.
  const table = coverageTable(documentedProfile);
  const tally = /(\d+) values: (\d+) due 200, (\d+) due 400, (\d+) judged only/.exec(table)?.slice(1) ?? [];
  // The size of the table's groups of fields, as its rows quoted in the coverage page name them.
  const group = (label: string): string[] => new RegExp(`${label} \\((\\d+)\\)`).exec(table)?.slice(1) ?? [];
  // The campaign's plan by phase, as the gate prints it: the coverage values, then the other fixed cases.
  const otherFixed = String(fixed.length - Number(coverage));
  return [
    { pattern: /Running (\d+) tests using 1 worker/, values: [gateTests] },
    // The last test line of the contract run, and its total.
    { pattern: /✓ (\d+) \[contract\][^✓]*? (\d+) passed/, values: [gateTests, gateTests] },
    // Where Playwright's list reporter places the per-rule tests and `every case judged` in the gate's spec.
    { pattern: /search-customer-contract\.spec\.ts:(\d+):(\d+) › [a-z]+-[a-z-]+/, values: locationOf(spec, 'test(rule,') },
    { pattern: /search-customer-contract\.spec\.ts:(\d+):(\d+) › every case judged/, values: locationOf(spec, "test('every case judged'") },
    { pattern: /the gate stays at (\d+) tests/, values: [gateTests] },
    { pattern: /by all (\d+) rules/, values: [rules] },
    { pattern: /(\d+) fixed, (\d+) generated, 0 replayed cases/, values: [cases, String(generatedCases)] },
    { pattern: /\*\*(\d+) fixed cases\*\*/, values: [cases] },
    { pattern: /the coverage phase's (\d+) values/, values: [coverage] },
    { pattern: /the phase costs (\d+) requests/, values: [coverage] },
    { pattern: /(\d+) values: (\d+) due 200, (\d+) due 400, (\d+) judged only/, values: tally },
    { pattern: /\*\*(\d+) generated cases\*\*/, values: [String(generatedCases)] },
    { pattern: /every string field \((\d+)\)/, values: group('every string field') },
    { pattern: /every free-text field \((\d+)\)/, values: group('every free-text field') },
    { pattern: /plan: (\d+) replayed, (\d+) coverage, (\d+) fixed, (\d+) generated/, values: ['0', coverage, otherFixed, String(generatedCases)] },
    { pattern: /Progress: coverage \d+\/(\d+), fixed \d+\/(\d+), generated \d+\/(\d+)/, values: [coverage, otherFixed, String(generatedCases)] },
    { pattern: /beside the (\d+) fixed ones/, values: [cases] },
    { pattern: /cases: fixed \/ generated[^|]*\| (\d+) \/ (\d+) \|/, values: [cases, String(generatedCases)] },
    { pattern: /requests: fixed \/ generated[^|]*\| (\d+) \/ (\d+) \|/, values: [String(requestsOf(fixed)), String(requestsOf(generated))] },
    { pattern: /the (\d+) requests (?:of a run )?take/, values: [total] },
    { pattern: /a run of (\d+) requests/, values: [total] },
    { pattern: /a run is (\d+) calls/, values: [total] },
    { pattern: /(\d+) of (\d+) per run/, values: [String(slice.length), String(pool.length)] },
    {
      pattern: /within (\d+) runs\s+\((\d+) minutes\), for at most (\d+) extra calls a minute, ([\d.]+) % of the documented/,
      values: [String(rotationRuns), String((rotationRuns * intervalMs) / 60_000), String(rotationCallsPerMinute), String(Math.round((rotationCallsPerMinute / 2000) * 1000) / 10)],
    },
    { pattern: /sends (\w+) named probes/, values: [NUMBER_WORDS[named] ?? String(named)] },
    { pattern: /"probes":(\d+)/, values: [String(probeNames.length)] },
  ];
}

/** Requests of the fixed and generated cases of a run at the defaults (seed 1), as `readmeFigures` counts them. */
function fixedAndGeneratedRequests(): number {
  const { generatedCases } = loadCampaignConfig({}, () => 0);
  return requestsOf(buildContractCases(documentedProfile)) + requestsOf(buildGeneratedCases(documentedProfile, 1, generatedCases));
}

/** Every figure the documentation states: the registries' counts and the relation phase's, measured on the simulator. */
export async function documentationFigures(): Promise<ReadmeFigure[]> {
  return [...readmeFigures(), ...(await relationFigures(fixedAndGeneratedRequests()))];
}

function compiled(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replaceAll(' ', '\\s+'), 'gd');
}

/** What one page states for one figure: the captured values of each occurrence. */
export function statedFigures(page: string, figure: ReadmeFigure): string[][] {
  return [...page.matchAll(compiled(figure.pattern))].map((match) => match.slice(1).map((value) => value ?? ''));
}

/** What the documentation set states for one figure, page by page, in the set's order. */
export function statedInSet(pages: readonly DocumentationPage[], figure: ReadmeFigure): string[][] {
  return pages.flatMap((page) => statedFigures(page.text, figure));
}

/** A number the documentation states that equals a figure's value, outside every figure's sentence. */
export interface UnfiguredCount {
  readonly path: string;
  readonly value: string;
  /** The words around it. */
  readonly context: string;
}

/**
 * Counts the documentation states in a form no figure knows: numbers of at least `atLeast` (smaller
 * ones meet unrelated numbers too often) equal to some figure's value, outside the sentences the
 * figures match. Each would go stale unseen the day the contract changes the count.
 */
export function unfiguredCounts(pages: readonly DocumentationPage[], figures: readonly ReadmeFigure[], atLeast = 100): UnfiguredCount[] {
  const values = new Set(figures.flatMap((figure) => figure.values).filter((value) => /^\d+$/.test(value) && Number(value) >= atLeast));
  return pages.flatMap((page) => {
    const spans = figures.flatMap((figure) => [...page.text.matchAll(compiled(figure.pattern))].map((match) => [match.index, match.index + match[0].length] as const));
    // A number with a unit after it (250 ms, 512 MiB, 256 octets, 254 characters, a 330-s run, 100 %)
    // is a measure, and one hyphened to a word (SHA-256, ISO-8859) is part of a name: neither is a count.
    return [...page.text.matchAll(/(?<![\d.,]|[A-Za-z]-)\d+(?![\d.,]?\d)(?![ \u00a0-]?(?:ms|µs|min|MiB|KiB|GiB|s|h|octets|bytes|characters|second|minute)\b|[ \u00a0]?%)/g)]
      .filter((match) => values.has(match[0]) && !spans.some(([start, end]) => match.index >= start && match.index < end))
      .map((match) => ({ path: page.path, value: match[0], context: page.text.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, ' ') }));
  });
}

/** One page with every occurrence of every figure set to its value. */
export function withFigures(page: string, figures: readonly ReadmeFigure[]): string {
  let text = page;
  for (const figure of figures) {
    const edits: { start: number; end: number; value: string }[] = [];
    for (const match of text.matchAll(compiled(figure.pattern))) {
      (match.indices ?? []).slice(1).forEach((span, index) => {
        if (span) edits.push({ start: span[0], end: span[1], value: figure.values[index] ?? '' });
      });
    }
    for (const { start, end, value } of edits.reverse()) text = text.slice(0, start) + value + text.slice(end);
  }
  return text;
}
