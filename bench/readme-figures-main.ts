import { readFileSync, writeFileSync } from 'node:fs';
import { CLAUSE_DOC, withClauseCounts } from './clause-table';
import { readDocumentationSet } from './documentation-set';
import { documentationFigures, statedInSet, withFigures } from './readme-figures';

// `npm run readme:figures`: sets every count README.md and docs/*.md state to what the registries give.
const pages = readDocumentationSet();
const figures = await documentationFigures();
const missing = figures.filter((figure) => statedInSet(pages, figure).length === 0);
if (missing.length > 0) {
  process.stderr.write(`No page of the documentation (README.md, docs/*.md) states: ${missing.map((figure) => figure.pattern.source).join(', ')}\n`);
  process.exit(1);
}
let updated = 0;
for (const page of pages) {
  const text = withFigures(page.text, figures);
  if (text === page.text) continue;
  writeFileSync(page.path, text);
  process.stdout.write(`${page.path}: figures updated\n`);
  updated += 1;
}
if (updated === 0) process.stdout.write('Documentation figures up to date\n');

// The clause documentation's counts, from the clause registry.
const clauseDoc = readFileSync(CLAUSE_DOC, 'utf8');
const countedDoc = withClauseCounts(clauseDoc);
if (countedDoc !== clauseDoc) {
  writeFileSync(CLAUSE_DOC, countedDoc);
  process.stdout.write(`${CLAUSE_DOC}: counts updated\n`);
}
