import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { availabilitySlo, type AvailabilitySlo, type BurnCondition } from '../monitor/slo/availability-slo';
import { DASHBOARD, withSloPanels } from '../monitor/slo/slo-dashboard';
import { checkSlo, MAINTENANCE_SERIES, SLO_RULES, sloRules } from '../monitor/slo/slo-rules';
import { ALERT_RULES, ALERT_RULE_TESTS, SLO_RULE_TESTS } from './fixtures/monitoring-assets';
import { withRunbookBase } from '../monitor/runbook-url';
import { requireBinary } from './fixtures/system-binary';

/*
 * The SLO rules are generated from one spec (monitor/slo/availability-slo.ts). The committed file
 * must be what the spec generates, and each promtool unit test must depend on the part of the rules
 * it is named for: regenerated with that part broken, the test fails.
 */
test('the committed SLO rules and dashboard panels match the spec (npm run slo:rules rewrites them)', () => {
  expect(readFileSync(SLO_RULES, 'utf8'), `${SLO_RULES} is stale: run npm run slo:rules`).toBe(sloRules(availabilitySlo));
  const dashboard = readFileSync(DASHBOARD, 'utf8');
  expect(dashboard, `${DASHBOARD} is stale: run npm run slo:rules`).toBe(withSloPanels(dashboard, availabilitySlo));
});

test('a changed objective changes the thresholds, the budget and the dashboard', () => {
  const slo = { ...availabilitySlo, objective: 0.995, periodDays: 28 };
  const rules = sloRules(slo);
  expect(rules).toContain('customer_search:slo_error_ratio:rate1h > (14.4 * 0.005)');
  expect(rules).toContain('1 - customer_search:slo_error_ratio:rate28d / 0.005');
  expect(rules).not.toContain('0.001');
  expect(withSloPanels(readFileSync(DASHBOARD, 'utf8'), slo)).toContain('customer_search:slo_error_ratio:rate1h{location=~\\"$location\\"} / 0.005');
});

test('promtool accepts the SLO rules and their unit tests pass', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  test.setTimeout(120_000);
  for (const args of [['check', 'rules', SLO_RULES], ['test', 'rules', SLO_RULE_TESTS]]) {
    const run = spawnSync(promtool, args, { encoding: 'utf8' });
    expect(run.status, `promtool ${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
  }
});

test('a spec the rules cannot honour is refused, naming the field', () => {
  const refused = (change: Partial<AvailabilitySlo>): string => {
    try {
      checkSlo({ ...availabilitySlo, ...change });
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(refused({})).toBe('accepted');
  expect(refused({ objective: 1 })).toBe('availability SLO: objective must be between 0 and 1 (exclusive), got 1');
  expect(refused({ objective: 99.9 })).toContain('objective must be between 0 and 1');
  expect(refused({ periodDays: 0 })).toBe('availability SLO: periodDays must be a whole number of days, at least 1, got 0');
  expect(refused({ minBadRunsToPage: 0.5 })).toContain('minBadRunsToPage must be a whole number');
  expect(refused({ uncountedOutcomes: ['timeout'] })).toBe('availability SLO: badOutcomes and uncountedOutcomes share timeout');
  expect(refused({ page: [{ long: '5m', short: '1h', factor: 14.4 }] })).toBe('availability SLO: page has a short window 1h not shorter than its long window 5m');
  expect(refused({ ticket: [] })).toBe('availability SLO: ticket has no burn condition');
});

test('a contract violation opens a ticket, never a page; a 5xx is left to the availability SLO', () => {
  const rules = readFileSync(ALERT_RULES, 'utf8');
  const violation = rules.slice(rules.indexOf('- alert: CustomerSearchContractViolation'), rules.indexOf('- alert: ', rules.indexOf('- alert: CustomerSearchContractViolation') + 1));
  expect(violation).toContain('severity: ticket');
  // A 5xx is counted under no-server-error and as the outcome http_error: the SLO pages for it once.
  expect(availabilitySlo.badOutcomes).toContain('http_error');
  expect(violation).toContain('rule!="no-server-error"');
  expect(availabilitySlo.uncountedOutcomes).toContain('contract_violation');
});

test('behaviour drift opens a ticket, never a page, and additive drift opens nothing', () => {
  const rules = readFileSync(ALERT_RULES, 'utf8');
  const start = rules.indexOf('- alert: CustomerSearchBehaviourDrift');
  const drift = rules.slice(start, rules.indexOf('- alert: ', start + 1));
  expect(drift).toContain('severity: ticket');
  expect(drift).toContain('severity=~"breaking|change"');
  // The SLO counts runs by outcome; drift is no outcome, so it never burns the budget that pages.
  expect(readFileSync(SLO_RULES, 'utf8')).not.toContain('customer_search_behaviour_drift');
});

/** One group of the committed unit tests, run against the given rules; promtool's exit status and output. */
function runUnitTest(rules: string, name: string): { status: number | null; output: string } {
  const promtool = requireBinary('promtool', 'prometheus');
  const [header = '', ...groups] = readFileSync(SLO_RULE_TESTS, 'utf8').split(/\n(?=  - name: )/);
  const group = groups.find((candidate) => candidate.startsWith(`  - name: ${name}\n`));
  if (!group) throw new Error(`no unit test named "${name}" in ${SLO_RULE_TESTS}`);
  const dir = mkdtempSync(join(tmpdir(), 'capi-slo-'));
  writeFileSync(join(dir, 'slo-rules.yml'), rules);
  writeFileSync(join(dir, 'one.test.yml'), `${header}\n${group}\n`);
  const run = spawnSync(promtool, ['test', 'rules', join(dir, 'one.test.yml')], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const withPage = (index: number, change: Partial<BurnCondition>): AvailabilitySlo => ({
  ...availabilitySlo,
  page: availabilitySlo.page.map((condition, at) => (at === index ? { ...condition, ...change } : condition)),
});
const withTicket = (index: number, change: Partial<BurnCondition>): AvailabilitySlo => ({
  ...availabilitySlo,
  ticket: availabilitySlo.ticket.map((condition, at) => (at === index ? { ...condition, ...change } : condition)),
});
const generated = (slo: AvailabilitySlo, edit: (rules: string) => string = (rules) => rules): string => {
  const rules = sloRules(slo);
  const edited = edit(rules);
  if (edited === rules && slo === availabilitySlo) throw new Error('the mutation changed nothing');
  return edited;
};

const FAST = 'a fast burn pages, over 1 h and 5 min';
const STEADY = 'a steady 1 % burn pages, over 6 h and 30 min';
const SLOW = 'a slow burn opens a ticket and does not page';
const BLIP = 'one failed run on a 30-s schedule pages nobody';
const QUIET = 'one failed run on a quiet schedule pages nobody (low-traffic guard)';
const QUORUM = 'one location down out of two does not page';
const MAINTENANCE = 'a maintenance window burns no budget';

const mutations: { broken: string; rules: () => string; fails: string }[] = [
  { broken: 'page: 30m instead of 1h as the fast long window', rules: () => generated(withPage(0, { long: '30m' })), fails: FAST },
  { broken: 'page: 6h instead of 1h as the fast long window', rules: () => generated(withPage(0, { long: '6h' })), fails: FAST },
  { broken: 'page: 30m instead of 5m as the fast short window', rules: () => generated(withPage(0, { short: '30m' })), fails: FAST },
  { broken: 'page: 2h instead of 6h as the slow long window', rules: () => generated(withPage(1, { long: '2h' })), fails: STEADY },
  { broken: 'page: 1d instead of 6h as the slow long window', rules: () => generated(withPage(1, { long: '1d' })), fails: STEADY },
  { broken: 'page: 5m instead of 30m as the slow short window', rules: () => generated(withPage(1, { short: '5m' })), fails: STEADY },
  { broken: 'ticket: 1d instead of 3d as the long window of 1x', rules: () => generated(withTicket(1, { long: '1d' })), fails: SLOW },
  { broken: 'ticket: 2h instead of 6h as the short window of 1x', rules: () => generated(withTicket(1, { short: '2h' })), fails: SLOW },
  { broken: 'page: 6x on the fast pair instead of 14.4x', rules: () => generated(withPage(0, { factor: 6 })), fails: STEADY },
  {
    broken: 'page: no low-traffic guard and 30m / 5m as the slow pair',
    rules: () => generated({ ...withPage(1, { long: '30m', short: '5m' }), minBadRunsToPage: 1 }),
    fails: BLIP,
  },
  { broken: 'page: no low-traffic guard', rules: () => generated({ ...availabilitySlo, minBadRunsToPage: 1 }), fails: QUIET },
  { broken: 'quorum of one location', rules: () => generated(availabilitySlo, (rules) => rules.replaceAll('(location) (up{job="customer-search-monitor"})), 2))', '(location) (up{job="customer-search-monitor"})), 1))')), fails: QUORUM },
  {
    broken: 'runs during maintenance counted',
    rules: () => generated(availabilitySlo, (rules) => rules.replaceAll(`unless on (location) (max by (location) (max_over_time(${MAINTENANCE_SERIES}[5m])) > 0)`, '')),
    fails: MAINTENANCE,
  },
];

for (const { broken, rules, fails } of mutations) {
  test(`broken rules (${broken}) fail the unit test "${fails}"`, () => {
    test.setTimeout(60_000);
    expect(runUnitTest(sloRules(availabilitySlo), fails).status, 'the unbroken rules pass it').toBe(0);
    const run = runUnitTest(rules(), fails);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain(`name: ${fails},`);
  });
}

test('MONITOR_RUNBOOK_URL makes every alert\'s runbook link absolute, in the generated and the hand-written rules, and their unit tests still pass', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  test.setTimeout(120_000);
  const base = 'https://git.example.com/capi-contract/blob/main/docs/runbook.md';
  const dir = mkdtempSync(join(tmpdir(), 'capi-runbook-rules-'));
  const files = { 'slo-rules.yml': sloRules(availabilitySlo, base) } as Record<string, string>;
  for (const file of [ALERT_RULES, ALERT_RULE_TESTS, SLO_RULE_TESTS]) files[basename(file)] = withRunbookBase(readFileSync(file, 'utf8'), base);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const rules = `${files['alert-rules.yml']}\n${files['slo-rules.yml']}`;
  const links = [...rules.matchAll(/runbook_url: '([^']*)'/g)].map(([, url]) => url ?? '');
  expect(links.length).toBe([...rules.matchAll(/- alert: /g)].length);
  for (const link of links) expect(link).toMatch(/^https:\/\/git\.example\.com\/capi-contract\/blob\/main\/docs\/runbook\.md#[a-z]+$/);
  for (const args of [['test', 'rules', join(dir, 'alert-rules.test.yml')], ['test', 'rules', join(dir, 'slo-rules.test.yml')]]) {
    const run = spawnSync(promtool, args, { encoding: 'utf8' });
    expect(run.status, `promtool ${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
  }
});
