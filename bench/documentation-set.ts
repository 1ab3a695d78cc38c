import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One page of the documentation: its path from the repository root, and its text. */
export interface DocumentationPage {
  readonly path: string;
  readonly text: string;
}

/** The front door; the reference pages live under `DOCS_FOLDER`. */
export const README = 'README.md';
export const DOCS_FOLDER = 'docs';

/**
 * The documentation set: README.md and every Markdown page under docs/, in a stable order. Checks and
 * `npm run readme:figures` look a table, a section or a figure up in whichever page holds it, so moving
 * text between pages needs no edit here.
 */
export function documentationPaths(root = '.'): string[] {
  const pages = readdirSync(join(root, DOCS_FOLDER), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => `${DOCS_FOLDER}/${entry.name}`)
    .sort();
  return [README, ...pages];
}

/** Every page of the documentation set, read from `root`. */
export function readDocumentationSet(root = '.'): DocumentationPage[] {
  return documentationPaths(root).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
