import { probeOutcomes } from '../probe-outcome';
import { DEFAULT_RUNBOOK_BASE, runbookUrl } from '../runbook-url';
import { sloWindows, type AvailabilitySlo, type BurnCondition, type SloWindow } from './availability-slo';

/** Where `npm run slo:rules` writes the rules. */
export const SLO_RULES = 'monitor/prometheus/slo-rules.yml';

/** The scrape job of the monitors; the quorum counts its locations. */
const JOB = 'customer-search-monitor';

/** The gauge the monitor exports: 1 while a declared maintenance window is active, else 0. */
export const MAINTENANCE_SERIES = 'customer_search_maintenance';

/** Recorded series names: level (per location), metric, operation, as Prometheus' naming advises. */
export const recorded = {
  badRuns: 'customer_search:slo_bad_runs:rate5m',
  runs: 'customer_search:slo_runs:rate5m',
  errorRatio: (window: string): string => `customer_search:slo_error_ratio:rate${window}`,
  budgetRemaining: 'customer_search:slo_error_budget_remaining:ratio',
} as const;

export class SloSpecError extends Error {
  override readonly name = 'SloSpecError';
}

/** Refuses a spec the rules could not honour, naming the field. */
export function checkSlo(slo: AvailabilitySlo): void {
  const fail = (field: string, why: string): never => {
    throw new SloSpecError(`availability SLO: ${field} ${why}`);
  };
  if (!(slo.objective > 0 && slo.objective < 1)) fail('objective', `must be between 0 and 1 (exclusive), got ${slo.objective}`);
  if (!Number.isInteger(slo.periodDays) || slo.periodDays < 1) fail('periodDays', `must be a whole number of days, at least 1, got ${slo.periodDays}`);
  if (!Number.isInteger(slo.minBadRunsToPage) || slo.minBadRunsToPage < 1) fail('minBadRunsToPage', `must be a whole number, at least 1, got ${slo.minBadRunsToPage}`);
  if (!/^[a-z0-9-]+$/.test(slo.name)) fail('name', `must be lower-case letters, digits and dashes, got ${slo.name}`);
  const both = slo.badOutcomes.filter((outcome) => slo.uncountedOutcomes.includes(outcome));
  if (both.length > 0) fail('badOutcomes', `and uncountedOutcomes share ${both.join(', ')}`);
  if (slo.badOutcomes.length === 0) fail('badOutcomes', 'is empty: no run could ever be bad');
  if (slo.badOutcomes.includes('success')) fail('badOutcomes', 'holds success');
  for (const [field, conditions] of [['page', slo.page], ['ticket', slo.ticket]] as const) {
    if (conditions.length === 0) fail(field, 'has no burn condition');
    for (const { long, short, factor } of conditions) {
      if (!(factor > 0)) fail(field, `has a factor that is not positive: ${factor}`);
      if (seconds(short) >= seconds(long)) fail(field, `has a short window ${short} not shorter than its long window ${long}`);
    }
  }
}

/** Seconds in one unit of a window (`30d`, `1h`, `5m`). */
const UNIT_SECONDS: Readonly<Record<string, number>> = { m: 60, h: 3600, d: 86_400 };

function seconds(window: SloWindow | string): number {
  const match = /^(\d+)([mhd])$/.exec(window);
  const unit = UNIT_SECONDS[match?.[2] ?? ''];
  if (!match || unit === undefined) throw new SloSpecError(`availability SLO: ${window} is not a window`);
  return Number(match[1]) * unit;
}

const alternation = (outcomes: readonly string[]): string => outcomes.join('|');

/** The budget rate: the error ratio that spends exactly the budget over the period. */
const budgetRate = (slo: AvailabilitySlo): string => Number((1 - slo.objective).toPrecision(12)).toString();

const percent = (ratio: number): string => `${Number((ratio * 100).toPrecision(12))} %`;

/** min(2, locations scraped): one location's trouble never pages by itself unless it is the only one. */
const QUORUM = `scalar(clamp_max(count(count by (location) (up{job="${JOB}"})), 2))`;

/**
 * PromQL for the operator's views (dashboard, and any page that wants them), per location:
 * the error budget left over the period (1: untouched, 0: spent, below 0: overspent) and the burn
 * rate over a window (1: spending exactly the budget over the period).
 */
export function sloExpressions(slo: AvailabilitySlo, selector = ''): { budgetRemaining: string; burnRate: (window: SloWindow) => string } {
  const labels = selector ? `{${selector}}` : '';
  return {
    budgetRemaining: `${recorded.budgetRemaining}${labels}`,
    burnRate: (window) => `${recorded.errorRatio(window)}${labels} / ${budgetRate(slo)}`,
  };
}

function condition(slo: AvailabilitySlo, { long, short, factor }: BurnCondition, guard: boolean): string {
  const threshold = `(${factor} * ${budgetRate(slo)})`;
  return [
    `${recorded.errorRatio(long)} > ${threshold}`,
    `and ${recorded.errorRatio(short)} > ${threshold}`,
    ...(guard
      ? [`and on (location) sum by (location) (increase(customer_search_probes_total{outcome=~"${alternation(slo.badOutcomes)}"}[${long}])) >= ${slo.minBadRunsToPage}`]
      : []),
  ].join('\n');
}

/** count over locations of (condition or condition ...) >= quorum, indented for a YAML block. */
function quorumOf(slo: AvailabilitySlo, conditions: readonly BurnCondition[], guard: boolean): string {
  const parts = conditions.map((each) => ['(', ...condition(slo, each, guard).split('\n').map((line) => `  ${line}`), ')'].join('\n'));
  return ['count(', ...parts.join('\nor\n').split('\n').map((line) => `  ${line}`), `) >= ${QUORUM}`].join('\n');
}

const describe = (conditions: readonly BurnCondition[]): string =>
  conditions.map(({ long, short, factor }) => `${factor}x over ${long} and ${short}`).join(', or ');

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => (line ? `${' '.repeat(spaces)}${line}` : line))
    .join('\n');

const quoted = (text: string): string => `'${text.replaceAll("'", "''")}'`;

interface Rule {
  readonly comment: string;
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

function ruleYaml(rule: Rule): string {
  const lines = [
    ...rule.comment.split('\n').map((line) => `# ${line}`),
    rule.record ? `- record: ${rule.record}` : `- alert: ${rule.alert ?? ''}`,
    ...(rule.expr.includes('\n') ? ['  expr: |', indent(rule.expr, 4)] : [`  expr: ${rule.expr}`]),
    '  labels:',
    ...Object.entries(rule.labels).map(([name, value]) => `    ${name}: ${quoted(value)}`),
    ...(rule.annotations ? ['  annotations:', ...Object.entries(rule.annotations).map(([name, value]) => `    ${name}: ${quoted(value)}`)] : []),
  ];
  return indent(lines.join('\n'), 6);
}

/** The SLO's recording rules: bad and counted runs outside maintenance, the error ratio per window, the budget left. */
function sloRecordings(slo: AvailabilitySlo): Rule[] {
  const labels = { slo: slo.name };
  const counted = probeOutcomes.filter((outcome) => !slo.uncountedOutcomes.includes(outcome));
  // A run during maintenance counts nowhere: any 5-minute rate that saw the window open is dropped,
  // so neither the bad runs nor the good ones of that time reach a ratio or the budget.
  const outsideMaintenance = `unless on (location) (max by (location) (max_over_time(${MAINTENANCE_SERIES}[5m])) > 0)`;
  const ratio = (window: string): string => `sum_over_time(${recorded.badRuns}[${window}])\n  / sum_over_time(${recorded.runs}[${window}])`;
  const period = `${slo.periodDays}d`;
  return [
    {
      comment: `Bad runs per second by location (outcome ${alternation(slo.badOutcomes)}), outside maintenance.`,
      record: recorded.badRuns,
      expr: `sum by (location) (rate(customer_search_probes_total{outcome=~"${alternation(slo.badOutcomes)}"}[5m]))\n  ${outsideMaintenance}`,
      labels,
    },
    {
      comment: `Counted runs per second by location (every outcome but ${alternation(slo.uncountedOutcomes) || 'none'}), outside maintenance.`,
      record: recorded.runs,
      expr: `sum by (location) (rate(customer_search_probes_total{outcome=~"${alternation(counted)}"}[5m]))\n  ${outsideMaintenance}`,
      labels,
    },
    {
      comment: 'Error ratio over 5 minutes: bad runs over counted runs.',
      record: recorded.errorRatio('5m'),
      expr: `${recorded.badRuns}\n  / ${recorded.runs}`,
      labels,
    },
    // Longer windows add up the 5-minute rates rather than taking rate() of the counters, so that
    // the runs of a maintenance window, left out of the 5-minute rates, stay out of every window.
    ...sloWindows
      .filter((window) => window !== '5m')
      .map((window) => ({ comment: `Error ratio over ${window}.`, record: recorded.errorRatio(window), expr: ratio(window), labels })),
    ...((sloWindows as readonly string[]).includes(period)
      ? []
      : [{ comment: `Error ratio over the SLO period (${period}).`, record: recorded.errorRatio(period), expr: ratio(period), labels }]),
    {
      comment: `Error budget left over the period: 1 untouched, 0 spent, below 0 overspent (budget rate ${budgetRate(slo)}).`,
      record: recorded.budgetRemaining,
      expr: `1 - ${recorded.errorRatio(period)} / ${budgetRate(slo)}`,
      labels,
    },
  ];
}

/** The page and ticket alerts of the SLO, linking to their runbook entries under `runbookBase`. */
function sloAlerts(slo: AvailabilitySlo, runbookBase: string): Rule[] {
  const labels = { slo: slo.name };
  const period = `${slo.periodDays}d`;
  return [
    {
      comment: [
        `Pages when the error ratio exceeds ${describe(slo.page)} the budget rate`,
        `from a quorum of locations (min(2, locations)), a location counting only with at least ${slo.minBadRunsToPage} bad runs`,
        'in the long window (low-traffic guard: one failed run never pages). One alert for the whole API, however many probes fail.',
      ].join('\n'),
      alert: 'CustomerSearchAvailabilityBudgetBurn',
      expr: quorumOf(slo, slo.page, true),
      labels: { severity: 'critical', ...labels },
      annotations: {
        summary: `Customer search availability is burning its error budget too fast from {{ $value }} locations`,
        description: `Bad probe runs (${alternation(slo.badOutcomes)}) exceed ${describe(slo.page)} the budget rate of the ${percent(slo.objective)} objective over ${period}. The dashboard's error budget panels show the locations and windows; customer_search_probes_total by probe and outcome shows what fails.`,
        runbook_url: runbookUrl(runbookBase, 'customersearchavailabilitybudgetburn'),
      },
    },
    {
      comment: `Opens a ticket when the error ratio exceeds ${describe(slo.ticket)} the budget rate, from a quorum of locations.`,
      alert: 'CustomerSearchAvailabilityBudgetSlowBurn',
      expr: quorumOf(slo, slo.ticket, false),
      labels: { severity: 'ticket', ...labels },
      annotations: {
        summary: `Customer search availability is spending its error budget faster than the period allows, from {{ $value }} locations`,
        description: `Bad probe runs (${alternation(slo.badOutcomes)}) exceed ${describe(slo.ticket)} the budget rate of the ${percent(slo.objective)} objective over ${period}: the budget will not last the period. Nothing needs doing tonight; see the dashboard's error budget panels.`,
        runbook_url: runbookUrl(runbookBase, 'customersearchavailabilitybudgetslowburn'),
      },
    },
  ];
}

/**
 * The recording rules and the page and ticket alerts of the SLO, as the YAML file Prometheus loads.
 * @param runbookBase the runbook document the alerts link to (MONITOR_RUNBOOK_URL); default the project's, relative.
 */
export function sloRules(slo: AvailabilitySlo, runbookBase: string = DEFAULT_RUNBOOK_BASE): string {
  checkSlo(slo);
  const period = `${slo.periodDays}d`;
  return [
    '# Generated by `npm run slo:rules` from monitor/slo/availability-slo.ts: edit the spec, not this file.',
    `# SLO ${slo.name}: ${percent(slo.objective)} of counted probe runs good over ${period}, per location.`,
    `# Runs during a declared maintenance window (${MAINTENANCE_SERIES} = 1) count nowhere.`,
    '# Unit tests: slo-rules.test.yml (promtool test rules monitor/prometheus/slo-rules.test.yml).',
    'groups:',
    // One group: its rules run in order at each evaluation, so the alerts read this evaluation's ratios.
    `  - name: ${slo.name}`,
    '    rules:',
    [...sloRecordings(slo), ...sloAlerts(slo, runbookBase)].map(ruleYaml).join('\n\n'),
    '',
  ].join('\n');
}
