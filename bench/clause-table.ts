import { clauseRegistry, type Clause, type ClauseDocument } from '../contracts/clause-registry';
import { faultModeNames, faultModes } from '../simulator/fault-modes';

/** What proves a clause's consequence: the test that fails without it, and for a rule its fault mode. */
export function clauseTest(clause: Clause): string {
  const consequence = clause.consequence;
  switch (consequence.kind) {
    case 'rule': {
      const modes = faultModeNames.filter((mode) => faultModes[mode].breaks === consequence.rule);
      return `gate test ${consequence.rule}; fault ${modes.join(', ')}`;
    }
    case 'client-behaviour':
      return consequence.test;
    case 'variant':
      return `variant ${consequence.variant}: gate and monitor pass`;
    case 'decision':
      return consequence.contradiction ? `contradiction ${consequence.contradiction}` : '(recorded here)';
  }
}

/** The consequence in one cell: its kind and what it names. */
export function consequenceText(clause: Clause): string {
  const consequence = clause.consequence;
  switch (consequence.kind) {
    case 'rule':
      return `rule ${consequence.rule}`;
    case 'client-behaviour':
      return 'client behaviour';
    case 'variant':
      return `variant ${consequence.variant}`;
    case 'decision':
      return 'decision';
  }
}

/** Lays rows out in columns, each cut to 70 characters. */
function columns(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cut = (cell: string): string => (cell.length > 70 ? `${cell.slice(0, 69)}…` : cell);
  const cells = rows.map((row) => row.map(cut));
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)];
}

/** Counts of the registry: clauses per source document, and consequences per kind. */
export function clauseCounts(clauses: readonly Clause[] = clauseRegistry): { bySource: [ClauseDocument, number][]; byKind: Record<Clause['consequence']['kind'], number>; rules: number } {
  const bySource = new Map<ClauseDocument, number>();
  for (const clause of clauses) bySource.set(clause.source.document, (bySource.get(clause.source.document) ?? 0) + 1);
  const byKind = { rule: 0, 'client-behaviour': 0, variant: 0, decision: 0 };
  for (const clause of clauses) byKind[clause.consequence.kind]++;
  const rules = new Set(clauses.flatMap((clause) => (clause.consequence.kind === 'rule' ? [clause.consequence.rule] : []))).size;
  return { bySource: [...bySource], byKind, rules };
}

/** The clauses whose quote is not their source's own words, named so that no reader takes them for quotes; none, no line. */
function paraphraseLine(clauses: readonly Clause[]): string[] {
  const ids = clauses.filter((clause) => clause.paraphrase !== undefined).map((clause) => clause.id);
  return ids.length === 0 ? [] : [`Paraphrased, not quoted (the registry says why): ${ids.join(', ')}.`];
}

/**
 * The traceability table `npm run contract:clauses` prints: each clause, its source and strength,
 * whose duty it is, what follows from it and the test that proves it, then the counts.
 */
export function clauseTable(clauses: readonly Clause[] = clauseRegistry): string {
  const rows = clauses.map((clause) => [clause.id, `${clause.source.document} ${clause.source.section}`, clause.strength, clause.duty, consequenceText(clause), clauseTest(clause)]);
  const counts = clauseCounts(clauses);
  return [
    ...columns(['clause', 'source', 'strength', 'duty', 'consequence', 'test'], rows),
    '',
    `${clauses.length} clauses: ${counts.bySource.map(([source, count]) => `${count} ${source}`).join(', ')}.`,
    `Consequences: ${counts.byKind.rule} rule (${counts.rules} distinct rules), ${counts.byKind['client-behaviour']} client behaviour, ${counts.byKind.variant} variant, ${counts.byKind.decision} decision.`,
    ...paraphraseLine(clauses),
  ].join('\n');
}

/** Where the generated counts live in the clause documentation, between these markers. */
export const CLAUSE_DOC = 'docs/clauses.md';
const START = '<!-- clause-counts:start (npm run readme:figures) -->';
const END = '<!-- clause-counts:end -->';

/** The counts as the documentation shows them: one table of sources, one of consequences. */
export function clauseCountsMarkdown(clauses: readonly Clause[] = clauseRegistry): string {
  const counts = clauseCounts(clauses);
  return [
    START,
    '| source | clauses |',
    '| --- | --- |',
    ...counts.bySource.map(([source, count]) => `| ${source} | ${count} |`),
    `| **all** | **${clauses.length}** |`,
    '',
    '| consequence | clauses |',
    '| --- | --- |',
    `| rule | ${counts.byKind.rule} (${counts.rules} distinct rules) |`,
    `| client behaviour | ${counts.byKind['client-behaviour']} |`,
    `| variant | ${counts.byKind.variant} |`,
    `| decision | ${counts.byKind.decision} |`,
    END,
  ].join('\n');
}

/** The document with its counts block replaced by the current one; throws when the markers are missing. */
export function withClauseCounts(document: string, clauses: readonly Clause[] = clauseRegistry): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${CLAUSE_DOC} has no counts block (${START} … ${END})`);
  return `${document.slice(0, start)}${clauseCountsMarkdown(clauses)}${document.slice(end + END.length)}`;
}
