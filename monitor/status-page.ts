import type { ProbeHistory, ProbeRecord } from './probe-history';
import { isCorrectOutcome, outcomeSeverity, type ProbeOutcome } from './probe-outcome';
import type { MaintenanceWindow } from './maintenance-windows';
import { errorBudget } from './error-budget';
import { availabilitySlo } from './slo/availability-slo';
import type { BuildInfo } from './build-info';
import { CREDENTIALS_HINT, type CredentialState } from './credential-watch';
import { summarizeProbe, type ProbeSummary } from './probe-summary';
import { runbookUrl } from './runbook-url';
import { STATUS_PAGE_STYLE } from './status-page-style';

/** Marks in a probe's heartbeat bar, newest on the right. */
const HEARTBEAT_MARKS = 40;
/** Rows in the recent-probes table: the page stays light however long the history. */
const RECENT_ROWS = 60;

/** What the page says besides the history: what runs, against what, and the states the monitor follows. */
export interface StatusPageInfo {
  /** The target, secret-free. */
  readonly target: string;
  /** The embedded simulator's fault mode (CONTRACT_SIMULATOR_FAULT), if one is set. */
  readonly faultMode?: string | undefined;
  /** The embedded simulator's correct variant (CONTRACT_SIMULATOR_VARIANT), if one is set. */
  readonly variant?: string | undefined;
  readonly build: BuildInfo;
  readonly schedule: string;
  readonly refreshSeconds: number;
  readonly maintenance?: MaintenanceWindow | undefined;
  readonly credentials?: CredentialState;
  readonly hasEvidence?: (probe: string) => boolean;
  /** MONITOR_RUNBOOK_URL; unset, runbook entries are named but not linked. */
  readonly runbookBase?: string | undefined;
  /** The behaviour drift section, already HTML (monitor/behaviour-drift-gauge.ts); default none. */
  readonly behaviourDrift?: string | undefined;
}

/** Everything a section reads: probes summarised and sorted failing first. */
export interface StatusPageView {
  readonly info: StatusPageInfo;
  readonly history: ProbeHistory;
  readonly summaries: readonly ProbeSummary[];
}

/** One part of the page, rendered from the view; a new section is one more entry in `statusPageSections`. */
export type StatusPageSection = (view: StatusPageView) => string;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const outcomeClass = (outcome: ProbeOutcome): string => (outcome === 'success' ? 'ok' : outcome === 'degraded' ? 'slow' : 'bad');

/** Row and mark classes: the outcome's, plus `maint` for a probe run inside a declared window. */
const recordClass = (record: ProbeRecord): string => `${outcomeClass(record.outcome)}${record.maintenance ? ' maint' : ''}`;

/** The outcome as a cell shows it, marked when it happened during maintenance. */
const outcomeText = (record: ProbeRecord): string =>
  `${record.outcome}${record.maintenance ? ` <small class="maintenance" title="${escapeHtml(record.maintenance)}">maintenance</small>` : ''}`;

/** A link to a runbook entry, or its name when MONITOR_RUNBOOK_URL is not set. */
function runbook(view: StatusPageView, anchor: string): string {
  const base = view.info.runbookBase;
  return base ? ` <a class="runbook" href="${escapeHtml(runbookUrl(base, anchor))}">runbook</a>` : ` <small class="runbook">runbook: ${anchor}</small>`;
}

/**
 * Worst latest outcome first, then by name: what needs looking at is at the top. Names compare by
 * code unit, not localeCompare: probe names are ASCII, and a collator would load ICU's collation
 * data (about 2 MiB of resident memory) into the monitor for nothing.
 */
const failingFirst = (a: ProbeSummary, b: ProbeSummary): number =>
  outcomeSeverity(b.latest.outcome) - outcomeSeverity(a.latest.outcome) || (a.probe < b.probe ? -1 : a.probe > b.probe ? 1 : 0);

/** "N of M probes failing", the failing outcomes counted worst first, then the degraded ones. */
const headline: StatusPageSection = (view) => {
  const { summaries } = view;
  if (summaries.length === 0) return '<p id="headline" class="slow">No probe has run yet.</p>';
  const failing = summaries.filter((summary) => !isCorrectOutcome(summary.latest.outcome));
  const counts = new Map<ProbeOutcome, number>();
  for (const summary of failing) counts.set(summary.latest.outcome, (counts.get(summary.latest.outcome) ?? 0) + 1);
  const byOutcome = [...counts].sort(([a], [b]) => outcomeSeverity(b) - outcomeSeverity(a)).map(([outcome, count]) => `${count} ${outcome}`);
  const degraded = summaries.filter((summary) => summary.latest.outcome === 'degraded').length;
  const level = failing.length > 0 ? 'bad' : degraded > 0 ? 'slow' : 'ok';
  return `<p id="headline" class="${level}">${failing.length} of ${summaries.length} probes failing${byOutcome.length > 0 ? `: ${byOutcome.join(', ')}` : ''}${
    degraded > 0 ? `; ${degraded} degraded` : ''
  }${failing.length > 0 ? runbook(view, 'customersearchprobefailing') : ''}</p>`;
};

/** What runs against what: target, simulator fault mode, build, schedule. */
const context: StatusPageSection = ({ info }) => {
  const { build } = info;
  return `<p id="context">Target <code>${escapeHtml(info.target)}</code>${
    info.faultMode ? `, simulator fault mode <code class="fault">${escapeHtml(info.faultMode)}</code>` : ''
  }${info.variant ? `, simulator variant <code class="variant">${escapeHtml(info.variant)}</code> (a correct provider)` : ''}, schedule <code>${escapeHtml(info.schedule)}</code> (UTC); build <code class="build">${escapeHtml(`${build.version} (${build.revision}), Node.js ${build.node}`)}</code>.
This page refreshes every ${info.refreshSeconds} s. <a href="/metrics">Metrics</a> · <a href="/-/ready">Ready</a> · <a href="/healthz">Health</a></p>`;
};

const credentials: StatusPageSection = (view) =>
  view.info.credentials === 'refused'
    ? `<p id="credentials" class="banner bad"><strong>Credentials refused</strong> by the token endpoint: ${CREDENTIALS_HINT}. Probing goes on; every probe reports auth_error.${runbook(view, 'customersearchtokenfailing')}</p>`
    : '';

const maintenance: StatusPageSection = ({ info }) =>
  info.maintenance
    ? `<p id="maintenance"><strong>maintenance</strong> until ${info.maintenance.end.toISOString()}: ${escapeHtml(info.maintenance.reason)}. Probes go on; their failures are expected and excluded from SLOs.</p>`
    : '';

/** The contract as the latest answers kept it: the rules broken now and by which probes. */
function contractBox(view: StatusPageView): string {
  const broken = new Map<string, string[]>();
  for (const summary of view.summaries) for (const rule of summary.latest.rules) broken.set(rule, [...(broken.get(rule) ?? []), summary.probe]);
  if (view.summaries.length === 0) return '<section id="contract"><h2>Contract</h2><p>No answer judged yet.</p></section>';
  if (broken.size === 0) return `<section id="contract" class="ok"><h2>Contract</h2><p>Kept by the latest answer of every probe.</p></section>`;
  const probes = new Set([...broken.values()].flat()).size;
  const rows = [...broken].map(([rule, names]) => `<li><span class="rule">${escapeHtml(rule)}</span>: ${names.map(escapeHtml).join(', ')}</li>`).join('');
  return `<section id="contract" class="bad"><h2>Contract</h2><p><strong>${broken.size} ${broken.size === 1 ? 'rule' : 'rules'} broken</strong> by the latest answers of ${probes} ${probes === 1 ? 'probe' : 'probes'}${runbook(view, 'customersearchcontractviolation')}</p><ul>${rows}</ul></section>`;
}

/** Burn rates the generated rules page on, highest first: the page colours the burn the same way. */
const PAGE_FACTOR = Math.max(...availabilitySlo.page.map((condition) => condition.factor));
const TICKET_FACTOR = Math.min(...availabilitySlo.ticket.map((condition) => condition.factor));

/** The SLO box: burn rate and budget over the kept runs, counted as the SLO rules count them. */
function budgetBox(view: StatusPageView): string {
  const budget = errorBudget(view.history.all());
  const objective = `${(availabilitySlo.objective * 100).toFixed(2).replace(/\.?0+$/, '')} % over ${availabilitySlo.periodDays} days`;
  if (!budget) return `<section id="slo"><h2>Availability</h2><p>Availability SLO ${objective}: no counted run yet.</p></section>`;
  const level = budget.burnRate >= PAGE_FACTOR ? 'bad' : budget.burnRate >= TICKET_FACTOR ? 'slow' : 'ok';
  const minutes = Math.max(1, Math.round(budget.windowMs / 60_000));
  return `<section id="slo" class="${level}"><h2>Availability</h2><p>Availability SLO ${objective}. Over the kept runs (${minutes} min, ${budget.counted} counted, ${budget.bad} bad${
    budget.inMaintenance > 0 ? `, ${budget.inMaintenance} in maintenance and not counted` : ''
  }): burn rate <strong class="burn">${budget.burnRate.toFixed(1)}×</strong>, error budget left <strong class="budget">${(budget.budgetLeft * 100).toFixed(1)} %</strong>${
    level === 'bad' ? runbook(view, 'customersearchavailabilitybudgetburn') : ''
  }
<small>(of the ${availabilitySlo.periodDays}-day budget, were the rest of the period spotless; Prometheus' <code>slo-rules.yml</code> gives the full period)</small></p></section>`;
}

/** Contract and availability side by side: a green SLO never hides a broken rule. */
const glance: StatusPageSection = (view) => `<div id="glance">${contractBox(view)}${budgetBox(view)}</div>`;

function heartbeat(records: readonly ProbeRecord[]): string {
  return [...records.slice(0, HEARTBEAT_MARKS)]
    .reverse()
    .map((record) => `<i class="${recordClass(record)}" title="${record.at.toISOString()} ${record.outcome}${record.maintenance ? ' (maintenance)' : ''} ${record.latencyMs} ms"></i>`)
    .join('');
}

function violationText(record: ProbeRecord | undefined, evidence: boolean): string {
  const violation = record?.violations[0];
  if (!record || !violation) return '—';
  const har = evidence ? ` <a class="evidence" href="/evidence/${escapeHtml(record.probe)}.har" download>HAR</a>` : '';
  return (
    `<span class="rule">${escapeHtml(violation.rule)}</span>: expected ${escapeHtml(violation.expected)}, received ${escapeHtml(violation.received)} ` +
    `<small>(${record.at.toISOString()}, trace <code class="trace">${escapeHtml(record.traceId)}</code>)</small>${har}`
  );
}

/** Per probe, failing first: latest outcome, heartbeat, uptime, latency, last violation. */
const probeTable: StatusPageSection = ({ summaries, history, info }) => {
  const rows = summaries.map(
    (summary) => `<tr class="${recordClass(summary.latest)}" data-probe="${escapeHtml(summary.probe)}">
<th scope="row">${escapeHtml(summary.probe)}</th><td class="outcome">${outcomeText(summary.latest)}</td><td class="beats">${heartbeat(history.of(summary.latest.probe))}</td>
<td class="uptime">${(summary.uptime * 100).toFixed(1)} %</td><td class="p50">${summary.p50Ms} ms</td><td class="p95">${summary.p95Ms} ms</td>
<td class="violation">${violationText(summary.lastViolation, info.hasEvidence?.(summary.probe) ?? false)}</td></tr>`,
  );
  return `<h2>Probes</h2>
${summaries.length === 0 ? '<p id="empty">No probe has run yet.</p>' : ''}
<table id="summary"><thead><tr><th>Probe</th><th>Latest</th><th>Last runs</th><th>Uptime</th><th>p50</th><th>p95</th><th>Last violation</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
};

/** The most recent probes, newest first. */
const recentTable: StatusPageSection = ({ history }) => {
  const rows = history.list(RECENT_ROWS).map(
    (record) => `<tr class="${recordClass(record)}" data-probe="${escapeHtml(record.probe)}" data-outcome="${record.outcome}"${record.maintenance ? ' data-maintenance="true"' : ''}>
<td>${record.at.toISOString()}</td><td>${escapeHtml(record.probe)}</td><td class="outcome">${outcomeText(record)}</td>
<td>${record.status ?? '—'}</td><td>${record.latencyMs} ms</td><td class="rules">${escapeHtml(record.rules.join(', '))}</td><td>${escapeHtml(record.detail)}</td></tr>`,
  );
  return `<h2>Recent probes</h2>
<table id="probes"><thead><tr><th>Time (UTC)</th><th>Probe</th><th>Outcome</th><th>Status</th><th>Latency</th><th>Violated rules</th><th>Detail</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
};

/** The page from top to bottom: the state at a glance first, the detail below. */
/** Where the answers differ from the target's recorded behaviour baseline, when one is read. */
const behaviourDrift: StatusPageSection = ({ info }) => info.behaviourDrift ?? '';

export const statusPageSections: readonly StatusPageSection[] = [headline, context, credentials, maintenance, glance, behaviourDrift, probeTable, recentTable];

/**
 * The / page an operator opens: a headline counting the failing probes, worst outcome first; what
 * runs against what; contract and availability side by side; then per probe, failing first, a
 * heartbeat bar, uptime, p50 and p95 latency and the last violation with rule, Expected and
 * Received (which name types and sizes, never customer data), its trace id and HAR link; then the
 * most recent probes. Refreshes by itself.
 */
export function renderStatusPage(history: ProbeHistory, info: StatusPageInfo): string {
  const summaries = history
    .probes()
    .map((probe) => summarizeProbe(history.of(probe)))
    .filter((summary): summary is ProbeSummary => summary !== undefined)
    .sort(failingFirst);
  const view: StatusPageView = { info, history, summaries };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer search monitor</title>
<meta http-equiv="refresh" content="${info.refreshSeconds}">
<style>${STATUS_PAGE_STYLE}</style></head>
<body>
<h1>Customer search monitor</h1>
${statusPageSections.map((section) => section(view)).filter((html) => html !== '').join('\n')}
</body></html>`;
}
