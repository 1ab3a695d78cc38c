import { readFileSync, writeFileSync } from 'node:fs';
import { CLAUSE_DOC, withClauseCounts } from './clause-table';
import { readDocumentationSet } from './documentation-set';
import { documentationFigures, statedInSet, withFigures } from './readme-figures';
import { withFaultTable } from './fault-mode-table';

// `npm run readme:figures`: sets every count README.md and docs/*.md state, and the table of fault modes, to what the registries give.
const pages = readDocumentationSet();
const figures = await documentationFigures();
const missing = figures.filter((figure) => statedInSet(pages, figure).length === 0);
if (missing.length > 0) {
  process.stderr.write(`No page of the documentation (README.md, docs/*.md) states: ${missing.map((figure) => figure.pattern.source).join(', ')}\n`);
  process.exit(1);
}
let updated = 0;
for (const page of pages) {
  // The table of further fault modes, from the registry, then every count.
  const text = withFigures(withFaultTable(page.text), figures);
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
