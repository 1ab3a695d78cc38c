import { writeFileSync } from 'node:fs';
import { EXPORTED_CONTRACT, exportContract } from './contract-export';

// `npm run contract:export`: writes the OpenAPI 3.1 JSON export of the contract.
writeFileSync(EXPORTED_CONTRACT, exportContract());
process.stdout.write(`Wrote ${EXPORTED_CONTRACT}\n`);
