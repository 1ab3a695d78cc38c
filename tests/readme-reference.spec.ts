import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { contractRules, ruleNames, type RuleName } from '../contracts/contract-rules';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedProfile, readTargetProfile } from '../client/target-profile';
import { TARGET_VARIABLES } from '../client/target-config';
import { MONITOR_VARIABLES } from '../monitor/monitor-config';
import { CAMPAIGN_VARIABLES } from '../engine/campaign-config';
import { buildContractCases } from '../engine/contract-cases';
import { readmeFigures, statedFigures, withFigures } from '../bench/readme-figures';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames } from '../monitor/monitor-probes';
import { faultModes } from '../simulator/fault-modes';

/* The README is the front door: every rule, contradiction, variable, probe and metric has its row. */
const readme = readFileSync('README.md', 'utf8');

test('every rule has a README row naming the fault mode that breaks it', () => {
  for (const rule of ruleNames) {
    const mode = Object.entries(faultModes).find(([, fault]) => fault.breaks === rule)?.[0];
    expect(readme, rule).toMatch(new RegExp(`\\| \`${rule}\` \\|.*\\| \`${mode}\` \\|`));
  }
});

test('every contradiction, variable and probe is in the README', () => {
  for (const { id } of documentationContradictions) expect(readme, id).toContain(`| \`${id}\` |`);
  for (const variable of [...TARGET_VARIABLES, ...CAMPAIGN_VARIABLES, ...MONITOR_VARIABLES]) expect(readme, variable).toContain(`| \`${variable}\` |`);
  for (const probe of probeNames) expect(readme, probe).toContain(`\`${probe}\``);
});

test('every metric family of the monitor is in the README metrics table', async () => {
  const text = await new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 }).registry.metrics();
  const families = [...text.matchAll(/^# TYPE (customer_search_\S+)/gm)].map(([, name]) => name ?? '');
  expect(families.length).toBe(15);
  for (const family of families) expect(readme, family).toContain(`| \`${family}\` |`);
});

test('the example profile the README points to is the documented profile and loads', () => {
  expect(readTargetProfile('tests/fixtures/example-profile.json')).toEqual(documentedProfile);
});

test('every alert\'s runbook link points at a heading of the runbook document (docs/runbook.md, else the README)', () => {
  const rules = ['monitor/prometheus/alert-rules.yml', 'monitor/prometheus/slo-rules.yml'].map((file) => readFileSync(file, 'utf8')).join('\n');
  const runbook = existsSync('docs/runbook.md') ? 'docs/runbook.md' : 'README.md';
  // The committed rules link with the default base, relative to the repository (MONITOR_RUNBOOK_URL unset).
  const anchors = [...rules.matchAll(/runbook_url: 'docs\/runbook\.md#([a-z]+)'/g)].map(([, anchor]) => anchor ?? '');
  expect(anchors.length).toBe([...rules.matchAll(/- alert: /g)].length);
  const headings = [...readFileSync(runbook, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, heading]) => (heading ?? '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
  for (const anchor of anchors) expect(headings, `${anchor} in ${runbook}`).toContain(anchor);
});

/*
 * Counts and tables the README states, checked against the registries they come from, so a rule, a
 * case or a probe added without the README following fails here, naming the sentence.
 */

/** The README table whose header row starts with `header`: its rows up to the first line that is not one. */
function table(header: string): string {
  const start = readme.indexOf(`\n${header}`);
  expect(start, header).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start + 1).split('\n');
  const end = lines.findIndex((line) => !line.startsWith('|'));
  return lines.slice(2, end < 0 ? undefined : end).join('\n');
}

/** The README's section under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)?.[0] ?? '#';
  const rest = readme.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

test('the README counts of rules, cases, requests and probes match the registries (npm run readme:figures sets them)', () => {
  for (const figure of readmeFigures()) {
    const stated = statedFigures(readme, figure);
    expect(stated.length, `the README states ${figure.pattern}`).toBeGreaterThan(0);
    for (const values of stated) expect(values, `README: ${figure.pattern} (npm run readme:figures)`).toEqual(figure.values);
  }
});

test('npm run readme:figures rewrites a stale count, wherever the sentence wraps', () => {
  const figures = readmeFigures();
  const stale = readme.replace(/the gate stays at (\d+) tests/, 'the gate stays at 7\ntests').replace(/beside the \d+ fixed ones/, 'beside the 3 fixed ones');
  expect(stale).not.toBe(readme);
  expect(withFigures(stale, figures)).toBe(readme.replace(/the gate stays at (\d+) tests/, 'the gate stays at $1\ntests'));
  expect(withFigures(readme, figures)).toBe(readme);
});

test('the README rule table lists the registry\'s rules in order, each at its contract path', () => {
  const rules = table('| rule | contract path |');
  const rows = [...rules.matchAll(/^\| `([a-z-]+)` \| `([^`]+)`/gm)].map(([, rule, path]) => ({ rule: rule ?? '', path: path ?? '' }));
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

test('the README contradiction table lists exactly the registry\'s contradictions, in order', () => {
  const contradictions = table('| contradiction | decision |');
  expect([...contradictions.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(([, id]) => id)).toEqual(documentationContradictions.map((item) => item.id));
});

test('measured timings in the README say how they were measured', () => {
  const benchmarks = section('## Benchmarks');
  expect(benchmarks).toContain('`npm run bench`');
  expect(benchmarks).toMatch(/measured on\s+\d{4}-\d{2}-\d{2}/);
  // A figure with decimals in prose is a measurement (settings are whole numbers): its paragraph names the command.
  const prose = readme.replace(/^```[^]*?^```$/gm, '');
  for (const paragraph of prose.split(/\n\s*\n/)) {
    if (!/\d+\.\d+ ?(s|ms|min|µs)\b/.test(paragraph)) continue;
    expect(paragraph, 'a measured timing without the command that measured it').toMatch(/`(npm run \w[\w:-]*|npx playwright test[^`]*)`/);
  }
});
