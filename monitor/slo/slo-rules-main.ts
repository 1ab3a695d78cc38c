import { readFileSync, writeFileSync } from 'node:fs';
import { availabilitySlo } from './availability-slo';
import { DASHBOARD, withSloPanels } from './slo-dashboard';
import { SLO_RULES, sloRules } from './slo-rules';

// `npm run slo:rules`: writes the SLO's recording rules and alerts, and the dashboard's SLO panels, from the spec.
writeFileSync(SLO_RULES, sloRules(availabilitySlo));
writeFileSync(DASHBOARD, withSloPanels(readFileSync(DASHBOARD, 'utf8'), availabilitySlo));
process.stdout.write(`Wrote ${SLO_RULES} and the SLO panels of ${DASHBOARD}\n`);
