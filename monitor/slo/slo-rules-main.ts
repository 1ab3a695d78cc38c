import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, type ConfigProblem } from '../../client/config-error';
import { DEFAULT_RUNBOOK_BASE, readRunbookBase, withRunbookBase } from '../runbook-url';
import { availabilitySlo } from './availability-slo';
import { DASHBOARD, withSloPanels } from './slo-dashboard';
import { SLO_RULES, sloRules } from './slo-rules';

/*
 * `npm run slo:rules`: writes the SLO's recording rules and alerts, and the dashboard's SLO panels,
 * from the spec, and points every alert's runbook link, in these rules and the hand-written ones
 * (with their unit tests), under MONITOR_RUNBOOK_URL (default the relative docs/runbook.md).
 */
const problems: ConfigProblem[] = [];
const base = readRunbookBase(process.env, problems) ?? DEFAULT_RUNBOOK_BASE;
if (problems.length > 0) {
  process.stderr.write(`${new ConfigError(problems).message}\n`);
  process.exit(2);
}
const HAND_WRITTEN = ['monitor/prometheus/alert-rules.yml', 'monitor/prometheus/alert-rules.test.yml', 'monitor/prometheus/slo-rules.test.yml'];

writeFileSync(SLO_RULES, sloRules(availabilitySlo, base));
writeFileSync(DASHBOARD, withSloPanels(readFileSync(DASHBOARD, 'utf8'), availabilitySlo));
for (const file of HAND_WRITTEN) writeFileSync(file, withRunbookBase(readFileSync(file, 'utf8'), base));
process.stdout.write(`Wrote ${SLO_RULES}, the SLO panels of ${DASHBOARD} and the runbook links of ${HAND_WRITTEN.join(', ')} (runbook ${base})\n`);
