import type { ProbeRecord } from './probe-history';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const outcomeClass = (outcome: ProbeRecord['outcome']): string =>
  outcome === 'success' ? 'ok' : outcome === 'degraded' ? 'slow' : 'bad';

/** The / page: each probe's latest outcome, then recent probes newest first, readable without Grafana. */
export function renderStatusPage(records: readonly ProbeRecord[], info: { target: string; schedule: string }): string {
  const latest = new Map<string, ProbeRecord>();
  for (const record of records) if (!latest.has(record.probe)) latest.set(record.probe, record);
  const summary = [...latest.values()]
    .sort((a, b) => a.probe.localeCompare(b.probe))
    .map(
      (record) =>
        `<li class="${outcomeClass(record.outcome)}" data-probe="${escapeHtml(record.probe)}"><span class="outcome">${record.outcome}</span> ${escapeHtml(record.probe)}</li>`,
    )
    .join('');
  const rows = records
    .map(
      (record) => `<tr class="${outcomeClass(record.outcome)}" data-probe="${escapeHtml(record.probe)}" data-outcome="${record.outcome}">
<td>${record.at.toISOString()}</td><td>${escapeHtml(record.probe)}</td><td class="outcome">${record.outcome}</td>
<td>${record.status ?? '—'}</td><td>${record.latencyMs} ms</td><td class="rules">${escapeHtml(record.rules.join(', '))}</td><td>${escapeHtml(record.detail)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer search monitor</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap}
.ok .outcome{color:#1a7f37}.slow .outcome{color:#9a6700}.bad .outcome{color:#cf222e;font-weight:600}
#latest{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0}
code{background:#f4f4f4;padding:0 .3rem}
</style></head>
<body>
<h1>Customer search monitor</h1>
<p>Target <code>${escapeHtml(info.target)}</code>, schedule <code>${escapeHtml(info.schedule)}</code> (UTC).
<a href="/metrics">Metrics</a> · <a href="/healthz">Health</a></p>
<h2>Latest outcome per probe</h2>
<ul id="latest">${summary}</ul>
<h2>Recent probes</h2>
${records.length === 0 ? '<p id="empty">No probe has run yet.</p>' : ''}
<table id="probes"><thead><tr><th>Time (UTC)</th><th>Probe</th><th>Outcome</th><th>Status</th><th>Latency</th><th>Violated rules</th><th>Detail</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
