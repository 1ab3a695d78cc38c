import { readFileSync, writeFileSync } from 'node:fs';
import { CLAUSE_DOC, withClauseCounts } from './clause-table';
import { README, readmeFigures, statedFigures, withFigures } from './readme-figures';

// `npm run readme:figures`: sets every count the README states to what the registries give.
const readme = readFileSync(README, 'utf8');
const figures = readmeFigures();
const missing = figures.filter((figure) => statedFigures(readme, figure).length === 0);
if (missing.length > 0) {
  process.stderr.write(`${README} no longer states: ${missing.map((figure) => figure.pattern.source).join(', ')}\n`);
  process.exit(1);
}
const updated = withFigures(readme, figures);
writeFileSync(README, updated);
process.stdout.write(updated === readme ? `${README}: figures up to date\n` : `${README}: figures updated\n`);

// The clause documentation's counts, from the clause registry.
const clauseDoc = readFileSync(CLAUSE_DOC, 'utf8');
const countedDoc = withClauseCounts(clauseDoc);
writeFileSync(CLAUSE_DOC, countedDoc);
process.stdout.write(countedDoc === clauseDoc ? `${CLAUSE_DOC}: counts up to date\n` : `${CLAUSE_DOC}: counts updated\n`);
