import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSE_DOC, clauseTable, withClauseCounts } from '../bench/clause-table';
import { clauseRegistry, type Clause } from '../contracts/clause-registry';
import { ruleNames } from '../contracts/contract-rules';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { providerVariantNames, providerVariants } from '../simulator/provider-variants';

/*
 * The clause registry is what the suite stands on: every clause has a consequence, every consequence
 * names something that exists (a rule, a variant, a test, a contradiction), and every rule and every
 * variant follows from a clause. Checked here, because contracts/ names variants and tests by string.
 */

/** The sources of the project's spec files, where test titles are spelled (this file left out: it names titles that must not exist). */
function specSources(): string {
  return readdirSync('tests', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.spec.ts') && entry.name !== 'contract-clauses.spec.ts')
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const contradictionIds = new Set(documentationContradictions.map((item) => item.id));

/** What is wrong with a registry, one line per problem naming the clause: empty when it holds. */
function clauseProblems(clauses: readonly Clause[], sources: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const clause of clauses) {
    if (ids.has(clause.id)) problems.push(`${clause.id}: duplicate id`);
    ids.add(clause.id);
    if (clause.quote.trim() === '' || clause.source.section.trim() === '') problems.push(`${clause.id}: no quote or section`);
    const consequence = (clause as { consequence?: Clause['consequence'] }).consequence;
    switch (consequence?.kind) {
      case 'rule':
        if (!(ruleNames as string[]).includes(consequence.rule)) problems.push(`${clause.id}: no rule ${consequence.rule}`);
        if (clause.duty !== 'provider') problems.push(`${clause.id}: a rule judges the provider, but the duty is ours`);
        break;
      case 'client-behaviour':
        if (!sources.includes(`'${consequence.test}'`) && !sources.includes(`"${consequence.test}"`)) problems.push(`${clause.id}: no test titled "${consequence.test}"`);
        if (clause.duty !== 'client') problems.push(`${clause.id}: a client behaviour, but the duty is the provider's`);
        break;
      case 'variant':
        if (!(providerVariantNames as string[]).includes(consequence.variant)) problems.push(`${clause.id}: no variant ${consequence.variant}`);
        break;
      case 'decision':
        if (consequence.why.trim() === '') problems.push(`${clause.id}: a decision that says nothing`);
        if (consequence.contradiction !== undefined && !contradictionIds.has(consequence.contradiction)) problems.push(`${clause.id}: no contradiction ${consequence.contradiction}`);
        break;
      default:
        problems.push(`${clause.id}: no consequence`);
    }
  }
  return problems;
}

test('every clause has a consequence, and each names a rule, variant, test or contradiction that exists', () => {
  expect(clauseProblems(clauseRegistry, specSources())).toEqual([]);
});

test('a clause without a consequence, or naming what does not exist, is reported by its id', () => {
  const [first, second, third] = clauseRegistry as [Clause, Clause, Clause];
  const { consequence: _, ...bare } = first;
  const broken = [
    bare as Clause,
    { ...second, consequence: { kind: 'client-behaviour', test: 'a behaviour nobody tests' } } as Clause,
    { ...third, consequence: { kind: 'variant', variant: 'no-such-variant' } } as Clause,
  ];
  expect(clauseProblems(broken, specSources())).toEqual([
    `${first.id}: no consequence`,
    `${second.id}: no test titled "a behaviour nobody tests"`,
    ...(second.duty === 'client' ? [] : [`${second.id}: a client behaviour, but the duty is the provider's`]),
    `${third.id}: no variant no-such-variant`,
  ]);
});

test('every rule of the registry follows from at least one clause', () => {
  const followed = new Set(clauseRegistry.flatMap((clause) => (clause.consequence.kind === 'rule' ? [clause.consequence.rule] : [])));
  expect(ruleNames.filter((rule) => !followed.has(rule))).toEqual([]);
});

test('every provider variant names a clause or a contradiction, and every variant a clause names exists', () => {
  const clauseIds = new Set(clauseRegistry.map((clause) => clause.id));
  const unanchored = providerVariantNames.filter((name) => !clauseIds.has(providerVariants[name].clause) && !contradictionIds.has(providerVariants[name].clause));
  expect(unanchored).toEqual([]);
});

test('the clause ids other parts of the suite name are in the registry', () => {
  const ids = new Set(clauseRegistry.map((clause) => clause.id));
  const named = ['rfc6750-3.1-invalid-token', 'rfc6749-2.3.1-client-password', 'rfc6585-4-too-many-requests', 'rfc9110-10.2.3-retry-after', 'page-response-schema-open'];
  expect(named.filter((id) => !ids.has(id))).toEqual([]);
});

test('npm run contract:clauses prints every clause with its source, strength and consequence, then the counts', () => {
  const table = clauseTable();
  for (const clause of clauseRegistry) expect(table, clause.id).toMatch(new RegExp(`^${clause.id} +${clause.source.document}`, 'm'));
  expect(table).toMatch(new RegExp(`^${clauseRegistry.length} clauses: `, 'm'));
  expect(table).toMatch(/^Consequences: \d+ rule \(\d+ distinct rules\), \d+ client behaviour, \d+ variant, \d+ decision\.$/m);
});

test(`${CLAUSE_DOC} shows the registry's counts (npm run readme:figures sets them)`, () => {
  const document = readFileSync(CLAUSE_DOC, 'utf8');
  expect(withClauseCounts(document)).toBe(document);
});
