import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { contractRules, ruleNames, type RuleName } from '../contracts/contract-rules';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedProfile, readTargetProfile } from '../client/target-profile';
import { TARGET_VARIABLES } from '../client/target-config';
import { MONITOR_VARIABLES, loadMonitorConfig } from '../monitor/monitor-config';
import { CAMPAIGN_VARIABLES, loadCampaignConfig } from '../engine/campaign-config';
import { buildContractCases, type ContractCase } from '../engine/contract-cases';
import { buildGeneratedCases } from '../engine/generated-cases';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames, rotationPool, rotationSlice } from '../monitor/monitor-probes';
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
  expect(families.length).toBe(12);
  for (const family of families) expect(readme, family).toContain(`| \`${family}\` |`);
});

test('the example profile the README points to is the documented profile and loads', () => {
  expect(readTargetProfile('tests/fixtures/example-profile.json')).toEqual(documentedProfile);
});

test('every alert\'s runbook link points at a README heading', () => {
  const rules = readFileSync('monitor/prometheus/alert-rules.yml', 'utf8');
  const anchors = [...rules.matchAll(/runbook_url: 'README\.md#([a-z]+)'/g)].map(([, anchor]) => anchor ?? '');
  expect(anchors.length).toBe([...rules.matchAll(/- alert: /g)].length);
  const headings = [...readme.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => (heading ?? '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
  for (const anchor of anchors) expect(headings, anchor).toContain(anchor);
});

/*
 * Counts and tables the README states, checked against the registries they come from, so a rule, a
 * case or a probe added without the README following fails here, naming the sentence.
 */
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** The README with every line break a space, so a figure and its words match across lines. */
const flatReadme = readme.replace(/[ \t]*\n[ \t]*/g, ' ');

/** Every figure the README states with `pattern` (one capture group per figure), each occurrence joined by ' / '. */
function stated(pattern: RegExp): string[] {
  const found = [...flatReadme.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((match) => match.slice(1).join(' / '));
  expect(found.length, `the README states ${pattern}`).toBeGreaterThan(0);
  return found;
}

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

test('the README counts of rules, cases, requests and probes match the registries', () => {
  const fixed = buildContractCases(documentedProfile);
  const { generatedCases } = loadCampaignConfig({}, () => 0);
  // `npm run bench` runs seed 1 with the default number of generated cases.
  const generated = buildGeneratedCases(documentedProfile, 1, generatedCases);
  const requests = (cases: readonly ContractCase[]): number => cases.length + cases.filter((item) => item.wider).length;
  const totalRequests = requests(fixed) + requests(generated);
  const pool = rotationPool(documentedProfile, fixed);
  const slice = rotationSlice(pool, 0, loadMonitorConfig({}).rotationRuns);
  const rules = String(ruleNames.length);
  const checks: [RegExp, string][] = [
    [/Running (\d+) tests using 1 worker/, rules],
    // The last test line of the contract run and its total.
    [/✓\s+(\d+) \[contract\][^✓]*? (\d+) passed/, `${rules} / ${rules}`],
    [/the gate stays at (\d+) tests/, rules],
    [/by all (\d+) rules/, rules],
    [/(\d+) fixed, (\d+) generated, 0 replayed cases/, `${fixed.length} / ${generatedCases}`],
    [/\*\*(\d+) fixed cases\*\*/, String(fixed.length)],
    [/\*\*(\d+) generated cases\*\*/, String(generatedCases)],
    [/beside the (\d+) fixed ones/, String(fixed.length)],
    [/cases: fixed \/ generated[^|]*\| (\d+) \/ (\d+) \|/, `${fixed.length} / ${generatedCases}`],
    [/requests: fixed \/ generated[^|]*\| (\d+) \/ (\d+) \|/, `${requests(fixed)} / ${requests(generated)}`],
    [/the (\d+) requests (?:of a run )?take/, String(totalRequests)],
    [/a run of (\d+) requests/, String(totalRequests)],
    [/a run is (\d+)\s+calls/, String(totalRequests)],
    [/(\d+) of (\d+) per run/, `${slice.length} / ${pool.length}`],
    [/sends (\w+) named probes/, NUMBER_WORDS[probeNames.length - 1] ?? ''],
    [/"probes":(\d+)/, String(probeNames.length)],
  ];
  for (const [pattern, expected] of checks) {
    for (const figure of stated(pattern)) expect(figure, `README: ${pattern}`).toBe(expected);
  }
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
