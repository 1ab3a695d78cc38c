import { clauseTable } from './clause-table';

// `npm run contract:clauses`: what the suite stands on, clause by clause.
process.stdout.write(`${clauseTable()}\n`);
