import { writeFileSync } from 'node:fs';
import { readDocumentationSet } from './documentation-set';
import { readmeFigures, statedInSet, withFigures } from './readme-figures';

// `npm run readme:figures`: sets every count README.md and docs/*.md state to what the registries give.
const pages = readDocumentationSet();
const figures = readmeFigures();
const missing = figures.filter((figure) => statedInSet(pages, figure).length === 0);
if (missing.length > 0) {
  process.stderr.write(`No page of the documentation (README.md, docs/*.md) states: ${missing.map((figure) => figure.pattern.source).join(', ')}\n`);
  process.exit(1);
}
for (const page of pages) {
  const updated = withFigures(page.text, figures);
  if (updated === page.text) continue;
  writeFileSync(page.path, updated);
  process.stdout.write(`${page.path}: figures updated\n`);
}
if (pages.every((page) => withFigures(page.text, figures) === page.text)) process.stdout.write('Documentation figures up to date\n');
