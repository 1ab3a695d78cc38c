import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { contractRules, ruleNames, type RuleName } from '../contracts/contract-rules';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedProfile, readTargetProfile } from '../client/target-profile';
import { TARGET_VARIABLES } from '../client/target-config';
import { MONITOR_VARIABLES } from '../monitor/monitor-config';
import { CAMPAIGN_VARIABLES } from '../gate/campaign-config';
import { buildContractCases } from '../cases/contract-cases';
import { readDocumentationSet, README } from '../bench/documentation-set';
import { documentationFigures, readmeFigures, statedFigures, statedInSet, unfiguredCounts, withFigures } from '../bench/readme-figures';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames } from '../monitor/monitor-probes';
import { faultModes } from '../simulator/fault-modes';
import { firstFaultOf, furtherFaultRows, withFaultTable } from '../bench/fault-mode-table';
import { headingAnchors } from './fixtures/heading-anchors';

/*
 * The documentation set (README.md, the front door, and docs/*.md): every rule, contradiction, variable,
 * probe and metric has its row. A table or section is looked up in whichever page holds it, so moving
 * text between pages breaks no check.
 */
const pages = readDocumentationSet();
const readme = pages.find((page) => page.path === README)?.text ?? '';
/** Every page at once, for what must be stated somewhere in the documentation. */
const documentation = pages.map((page) => page.text).join('\n\n');
/** The page that holds `text`: exactly one page must. */
function pageHolding(text: string): { path: string; text: string } {
  const holding = pages.filter((page) => page.text.includes(text));
  expect(holding.map((page) => page.path), `one page of the documentation holds ${JSON.stringify(text)}`).toHaveLength(1);
  return holding[0] ?? { path: '', text: '' };
}

test('every rule has a README row naming the fault mode that breaks it', () => {
  for (const rule of ruleNames) {
    const mode = Object.entries(faultModes).find(([, fault]) => fault.breaks === rule)?.[0];
    expect(readme, rule).toMatch(new RegExp(`\\| \`${rule}\` \\|.*\\| \`${mode}\` \\|`));
  }
});

test('every contradiction, variable and probe is in the documentation', () => {
  for (const { id } of documentationContradictions) expect(documentation, id).toContain(`| \`${id}\` |`);
  for (const variable of [...TARGET_VARIABLES, ...CAMPAIGN_VARIABLES, ...MONITOR_VARIABLES]) expect(documentation, variable).toContain(`| \`${variable}\` |`);
  for (const probe of probeNames) expect(documentation, probe).toContain(`\`${probe}\``);
});

test('every metric family of the monitor is in the documentation\'s metrics table', async () => {
  const text = await new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 }).registry.metrics();
  const families = [...text.matchAll(/^# TYPE (customer_search_\S+)/gm)].map(([, name]) => name ?? '');
  expect(families.length).toBe(16);
  for (const family of families) expect(documentation, family).toContain(`| \`${family}\` |`);
});

test('the example profile the README points to is the documented profile and loads', () => {
  expect(readTargetProfile('tests/fixtures/example-profile.json')).toEqual(documentedProfile);
});

test('every alert\'s runbook link points at a heading of docs/runbook.md', () => {
  const rules = ['monitor/prometheus/alert-rules.yml', 'monitor/prometheus/slo-rules.yml'].map((file) => readFileSync(file, 'utf8')).join('\n');
  // The runbook's address is docs/runbook.md, relative (MONITOR_RUNBOOK_URL unset) or under a configured base URL.
  const links = [...rules.matchAll(/runbook_url: '([^'#\s]*)#([a-z]+)'/g)].map(([, page, anchor]) => ({ page: page ?? '', anchor: anchor ?? '' }));
  expect(links.length).toBe([...rules.matchAll(/- alert: /g)].length);
  for (const { page } of links) expect(page).toMatch(/(?:^|\/)docs\/runbook\.md$/);
  const anchors = links.map((link) => link.anchor);
  const headings = headingAnchors(readFileSync('docs/runbook.md', 'utf8'));
  for (const anchor of anchors) expect(headings, anchor).toContain(anchor);
});

/*
 * Counts and tables the documentation states, checked against the registries they come from, so a rule, a
 * case or a probe added without the documentation following fails here, naming the sentence.
 */

/** The table whose header row starts with `header`, in whichever page holds it: its rows up to the first line that is not one. */
function table(header: string): string {
  const page = pageHolding(`\n${header}`).text;
  const start = page.indexOf(`\n${header}`);
  expect(start, header).toBeGreaterThanOrEqual(0);
  const lines = page.slice(start + 1).split('\n');
  const end = lines.findIndex((line) => !line.startsWith('|'));
  return lines.slice(2, end < 0 ? undefined : end).join('\n');
}

/** The section under a heading, in whichever page holds it, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const page = pageHolding(`\n${heading}\n`).text;
  const start = page.indexOf(`\n${heading}\n`) + 1;
  expect(start, heading).toBeGreaterThan(0);
  const level = /^#+/.exec(heading)?.[0] ?? '#';
  const rest = page.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

test('the documentation\'s counts of rules, cases, requests and probes match the registries and the relation phase on the simulator (npm run readme:figures sets them)', async () => {
  for (const figure of await documentationFigures()) {
    expect(statedInSet(pages, figure).length, `the documentation states ${figure.pattern}`).toBeGreaterThan(0);
    for (const page of pages) {
      for (const values of statedFigures(page.text, figure)) expect(values, `${page.path}: ${figure.pattern} (npm run readme:figures)`).toEqual(figure.values);
    }
  }
});

test('every count of 100 or more the documentation states is a figure npm run readme:figures sets, so none goes stale unseen', async () => {
  const figures = await documentationFigures();
  expect(unfiguredCounts(pages, figures)).toEqual([]);
  // The check sees a count stated in a sentence no figure knows.
  const fixed = figures.find((figure) => figure.pattern.source.includes('fixed cases'))?.values[0] ?? '';
  expect(unfiguredCounts([{ path: 'x.md', text: `The suite sends ${fixed} cases in all.` }], figures)).toEqual([{ path: 'x.md', value: fixed, context: `The suite sends ${fixed} cases in all.` }]);
  // A measure and a name are not counts, whatever their number.
  expect(unfiguredCounts([{ path: 'x.md', text: `A SHA-${fixed} digest of ${fixed} octets, ${fixed} characters, a ${fixed}-s run.` }], figures)).toEqual([]);
});

test('npm run readme:figures rewrites a stale count, wherever the sentence wraps, on every page', () => {
  const figures = readmeFigures();
  const staleCounts = [/the gate stays at (\d+) tests/, /beside the \d+ fixed ones/];
  for (const pattern of staleCounts) expect(pages.some((page) => pattern.test(page.text)), `some page states ${pattern}`).toBe(true);
  for (const page of pages) {
    const stale = page.text.replace(/the gate stays at (\d+) tests/, 'the gate stays at 7\ntests').replace(/beside the \d+ fixed ones/, 'beside the 3 fixed ones');
    if (staleCounts.some((pattern) => pattern.test(page.text))) expect(stale, page.path).not.toBe(page.text);
    expect(withFigures(stale, figures), page.path).toBe(page.text.replace(/the gate stays at (\d+) tests/, 'the gate stays at $1\ntests'));
    expect(withFigures(page.text, figures), page.path).toBe(page.text);
  }
});

test('the README rule table lists the registry\'s rules in order, each at its contract path', () => {
  const rules = table('| rule | contract path |');
  const rows = [...rules.matchAll(/^\| `([a-z0-9-]+)` \| `([^`]+)`/gm)].map(([, rule, path]) => ({ rule: rule ?? '', path: path ?? '' }));
  expect(rows.map((row) => row.rule)).toEqual(ruleNames);
  const fixed = buildContractCases(documentedProfile);
  for (const { rule, path } of rows) {
    // `…` stands for the start of a pointer, `<field>` or `<code>` for one segment of it.
    const pattern = new RegExp(`^${path.replace(/^…/, '\u0000').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\u0000', '#.*').replace(/<[a-z]+>/g, '[^/]+')}$`);
    const paths = [contractRules[rule as RuleName].contractPath, ...fixed.filter((item) => item.expectation.rule === rule).map((item) => item.contractPath)];
    expect(paths.some((candidate) => pattern.test(candidate)), `${rule}: ${path} is neither its rule's path nor one of its cases'`).toBe(true);
  }
  const checks = section('## What it checks');
  for (const mode of Object.keys(faultModes)) expect(checks, `fault mode ${mode}`).toContain(`\`${mode}\``);
});

test('the contradiction table lists exactly the registry\'s contradictions, in order', () => {
  const contradictions = table('| contradiction | decision |');
  expect([...contradictions.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(([, id]) => id)).toEqual(documentationContradictions.map((item) => item.id));
});

test('measured timings in the documentation say how they were measured', () => {
  const benchmarks = section('## Benchmarks');
  expect(benchmarks).toContain('`npm run bench`');
  expect(benchmarks).toMatch(/measured on\s+\d{4}-\d{2}-\d{2}/);
  // A figure with decimals in prose is a measurement (settings are whole numbers): its paragraph names the command.
  for (const page of pages) {
    const prose = page.text.replace(/^```[^]*?^```$/gm, '');
    for (const paragraph of prose.split(/\n\s*\n/)) {
      if (!/\d+\.\d+ ?(s|ms|min|µs)\b/.test(paragraph)) continue;
      expect(paragraph, `${page.path}: a measured timing without the command that measured it`).toMatch(/`(npm run \w[\w:-]*|npx playwright test[^`]*)`/);
    }
  }
});

test("the README's table of further fault modes is the registry's, rows npm run readme:figures writes", () => {
  const readme = readFileSync(README, 'utf8');
  expect(withFaultTable(readme)).toBe(readme);
  const rows = furtherFaultRows();
  // Every fault mode is either the one its rule's row names or a row of this table, once.
  expect(rows.length + new Set(ruleNames.map(firstFaultOf)).size).toBe(Object.keys(faultModes).length);
  const stale = readme.replace(rows[0] ?? '', '| `gone` | `result-cap` | nothing | nothing |');
  expect(stale).not.toBe(readme);
  expect(withFaultTable(stale)).toBe(readme);
});
