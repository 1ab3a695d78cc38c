import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/*
 * No product function is over 60 lines: a longer one does several jobs, and the next reader has to
 * hold all of them at once. Read with the compiler's own parser, so every kind of function counts
 * (declarations, methods, arrows, function expressions, constructors). Tests are outside the rule.
 */
const MAX_LINES = 60;
const ROOT = join(import.meta.dirname, '..');
const SKIPPED = new Set(['node_modules', 'tests', 'dist', 'reports', '.git', '.capi-contract', 'test-results', 'contract-baselines']);

function productFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIPPED.has(name) || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return productFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|d)\.ts$/.test(name) ? [path] : [];
  });
}

function longFunctions(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const isFunction = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node);
    if (isFunction && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      if (lines > MAX_LINES) found.push(`${relative(ROOT, path)}:${first + 1} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test(`no product function is over ${MAX_LINES} lines`, () => {
  const files = productFiles(ROOT);
  expect(files.length).toBeGreaterThan(50);
  expect(files.flatMap(longFunctions)).toEqual([]);
});
