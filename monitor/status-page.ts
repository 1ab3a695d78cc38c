import type { ProbeHistory, ProbeRecord } from './probe-history';
import { isCorrectOutcome } from './probe-outcome';
import type { MaintenanceWindow } from './maintenance-windows';
import { errorBudget } from './error-budget';
import { availabilitySlo } from './slo/availability-slo';

/** Marks in a probe's heartbeat bar, newest on the right. */
const HEARTBEAT_MARKS = 40;
/** Rows in the recent-probes table: the page stays light however long the history. */
const RECENT_ROWS = 60;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const outcomeClass = (outcome: ProbeRecord['outcome']): string => (outcome === 'success' ? 'ok' : outcome === 'degraded' ? 'slow' : 'bad');

/** Row and mark classes: the outcome's, plus `maint` for a probe run inside a declared window. */
const recordClass = (record: ProbeRecord): string => `${outcomeClass(record.outcome)}${record.maintenance ? ' maint' : ''}`;

/** The outcome as a cell shows it, marked when it happened during maintenance. */
const outcomeText = (record: ProbeRecord): string =>
  `${record.outcome}${record.maintenance ? ` <small class="maintenance" title="${escapeHtml(record.maintenance)}">maintenance</small>` : ''}`;


/** Nearest-rank percentile of a non-empty list, in its unit. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

export interface ProbeSummary {
  readonly probe: string;
  readonly runs: number;
  /** Share of kept runs that were correct (success or degraded), 0 to 1. */
  readonly uptime: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly latest: ProbeRecord;
  readonly lastViolation: ProbeRecord | undefined;
}

/** Uptime, latency percentiles and the last violation of one probe, over its kept history. */
export function summarizeProbe(records: readonly ProbeRecord[]): ProbeSummary | undefined {
  const latest = records[0];
  if (!latest) return undefined;
  const latencies = records.map((record) => record.latencyMs);
  return {
    probe: latest.probe,
    runs: records.length,
    uptime: records.filter((record) => isCorrectOutcome(record.outcome)).length / records.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    latest,
    lastViolation: records.find((record) => record.violations.length > 0),
  };
}

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

/** Burn rates the generated rules page on, highest first: the page colours the burn the same way. */
const PAGE_FACTOR = Math.max(...availabilitySlo.page.map((condition) => condition.factor));
const TICKET_FACTOR = Math.min(...availabilitySlo.ticket.map((condition) => condition.factor));

/** The SLO section: burn rate and budget over the kept runs, counted as the SLO rules count them. */
function budgetSection(records: readonly ProbeRecord[]): string {
  const view = errorBudget(records);
  const objective = `${(availabilitySlo.objective * 100).toFixed(2).replace(/\.?0+$/, '')} % over ${availabilitySlo.periodDays} days`;
  if (!view) return `<p id="slo">Availability SLO ${objective}: no counted run yet.</p>`;
  const level = view.burnRate >= PAGE_FACTOR ? 'bad' : view.burnRate >= TICKET_FACTOR ? 'slow' : 'ok';
  const minutes = Math.max(1, Math.round(view.windowMs / 60_000));
  return `<p id="slo" class="${level}">Availability SLO ${objective}. Over the kept runs (${minutes} min, ${view.counted} counted, ${view.bad} bad${
    view.inMaintenance > 0 ? `, ${view.inMaintenance} in maintenance and not counted` : ''
  }): burn rate <strong class="burn">${view.burnRate.toFixed(1)}×</strong>, error budget left <strong class="budget">${(view.budgetLeft * 100).toFixed(1)} %</strong>
<small>(of the ${availabilitySlo.periodDays}-day budget, were the rest of the period spotless; Prometheus' <code>slo-rules.yml</code> gives the full period)</small></p>`;
}

/**
 * The / page an operator opens: per probe a heartbeat bar of its last runs, uptime over the kept
 * history, p50 and p95 latency, and the last violation with rule, Expected and Received (which name
 * types and sizes, never customer data), its trace id and HAR link; then the most recent probes, each
 * run inside a declared maintenance window marked so, under a banner while one is in force.
 * Refreshes by itself.
 */
export function renderStatusPage(
  history: ProbeHistory,
  info: { target: string; schedule: string; refreshSeconds: number; maintenance?: MaintenanceWindow | undefined; hasEvidence?: (probe: string) => boolean; behaviourDrift?: string },
): string {
  const summaries = history
    .probes()
    .map((probe) => summarizeProbe(history.of(probe)))
    .filter((summary): summary is ProbeSummary => summary !== undefined);
  const probeRows = summaries
    .map(
      (summary) => `<tr class="${recordClass(summary.latest)}" data-probe="${escapeHtml(summary.probe)}">
<th scope="row">${escapeHtml(summary.probe)}</th><td class="outcome">${outcomeText(summary.latest)}</td><td class="beats">${heartbeat(history.of(summary.latest.probe))}</td>
<td class="uptime">${(summary.uptime * 100).toFixed(1)} %</td><td class="p50">${summary.p50Ms} ms</td><td class="p95">${summary.p95Ms} ms</td>
<td class="violation">${violationText(summary.lastViolation, info.hasEvidence?.(summary.probe) ?? false)}</td></tr>`,
    )
    .join('\n');
  const recent = history.list(RECENT_ROWS);
  const rows = recent
    .map(
      (record) => `<tr class="${recordClass(record)}" data-probe="${escapeHtml(record.probe)}" data-outcome="${record.outcome}"${record.maintenance ? ' data-maintenance="true"' : ''}>
<td>${record.at.toISOString()}</td><td>${escapeHtml(record.probe)}</td><td class="outcome">${outcomeText(record)}</td>
<td>${record.status ?? '—'}</td><td>${record.latencyMs} ms</td><td class="rules">${escapeHtml(record.rules.join(', '))}</td><td>${escapeHtml(record.detail)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer search monitor</title>
<meta http-equiv="refresh" content="${info.refreshSeconds}">
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap}
.ok .outcome{color:#1a7f37}.slow .outcome{color:#9a6700}.bad .outcome{color:#cf222e;font-weight:600}
.beats{white-space:nowrap}.beats i{display:inline-block;width:6px;height:18px;margin-right:2px;border-radius:2px;background:#1a7f37}
.beats i.slow{background:#d4a72c}.beats i.bad{background:#cf222e}
.rule{font-weight:600}small{color:#666}.uptime,.p50,.p95{white-space:nowrap}
code{background:#f4f4f4;padding:0 .3rem}
.beats i.maint{opacity:.45}small.maintenance{color:#57606a;border:1px solid #d0d7de;border-radius:3px;padding:0 .25rem;font-weight:400}
#maintenance{background:#eef1f4;border-left:4px solid #57606a;padding:.5rem .8rem}
#slo{padding:.5rem .8rem;border-left:4px solid #1a7f37}#slo.slow{border-color:#d4a72c}#slo.bad{border-color:#cf222e}
</style></head>
<body>
<h1>Customer search monitor</h1>
<p>Target <code>${escapeHtml(info.target)}</code>, schedule <code>${escapeHtml(info.schedule)}</code> (UTC); this page refreshes every ${info.refreshSeconds} s.
<a href="/metrics">Metrics</a> · <a href="/healthz">Health</a></p>
${
  info.maintenance
    ? `<p id="maintenance"><strong>maintenance</strong> until ${info.maintenance.end.toISOString()}: ${escapeHtml(info.maintenance.reason)}. Probes go on; their failures are expected and excluded from SLOs.</p>`
    : ''
}
${budgetSection(history.list())}
${info.behaviourDrift ?? ''}
<h2>Probes</h2>
${summaries.length === 0 ? '<p id="empty">No probe has run yet.</p>' : ''}
<table id="summary"><thead><tr><th>Probe</th><th>Latest</th><th>Last runs</th><th>Uptime</th><th>p50</th><th>p95</th><th>Last violation</th></tr></thead>
<tbody>
${probeRows}
</tbody></table>
<h2>Recent probes</h2>
<table id="probes"><thead><tr><th>Time (UTC)</th><th>Probe</th><th>Outcome</th><th>Status</th><th>Latency</th><th>Violated rules</th><th>Detail</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
