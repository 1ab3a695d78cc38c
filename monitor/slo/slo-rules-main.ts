import { writeFileSync } from 'node:fs';
import { availabilitySlo } from './availability-slo';
import { SLO_RULES, sloRules } from './slo-rules';

// `npm run slo:rules`: writes the SLO's recording rules and alerts from the spec.
writeFileSync(SLO_RULES, sloRules(availabilitySlo));
process.stdout.write(`Wrote ${SLO_RULES}\n`);
