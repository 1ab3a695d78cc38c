import type { ConfigProblem } from '../client/config-error';
import type { Environment } from '../client/environment-reader';

/**
 * Where runbook links point when MONITOR_RUNBOOK_URL is not set: the project's runbook document,
 * relative to the repository. Alertmanager, Slack and PagerDuty cannot open a relative link, so
 * operators set MONITOR_RUNBOOK_URL (docs/monitor-operations.md) and regenerate the rules.
 */
export const DEFAULT_RUNBOOK_BASE = 'docs/runbook.md';

/** The link to one runbook entry: the base, then the anchor of the entry's heading (the alert's name in lower case). */
export function runbookUrl(base: string, anchor: string): string {
  return `${base}#${anchor}`;
}

/**
 * MONITOR_RUNBOOK_URL: the absolute http(s) URL of the runbook document, anchors appended
 * (e.g. https://git.example.com/capi-contract/blob/main/docs/runbook.md). Default unset: rules keep
 * the relative DEFAULT_RUNBOOK_BASE and the page shows the entry's name without a link.
 */
export function readRunbookBase(env: Environment, problems: ConfigProblem[]): string | undefined {
  const raw = env.MONITOR_RUNBOOK_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push({ variable: 'MONITOR_RUNBOOK_URL', message: `must be an absolute http(s) URL of the runbook document, e.g. https://git.example.com/capi-contract/blob/main/docs/runbook.md; got ${JSON.stringify(raw)}` });
    return undefined;
  }
  if (url.hash) {
    problems.push({ variable: 'MONITOR_RUNBOOK_URL', message: 'must not end in an #anchor: each link appends its own entry\'s' });
    return undefined;
  }
  return raw;
}

/**
 * A rules or rule-test file with every `runbook_url: '…#anchor'` pointing under `base`, anchors
 * kept: how `npm run slo:rules` renders MONITOR_RUNBOOK_URL into the hand-written alert rules.
 */
export function withRunbookBase(yaml: string, base: string): string {
  return yaml.replace(/(runbook_url: ')(?:[^'#]|'')*#([a-z0-9-]+)'/g, (_match, key: string, anchor: string) => `${key}${runbookUrl(base, anchor).replaceAll("'", "''")}'`);
}
