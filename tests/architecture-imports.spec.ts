import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { importCycles, importGraph, moduleReferences } from './fixtures/import-graph';

/*
 * The layering, checked on the sources: the contract is a leaf; the client sits on it, the cases on
 * both, the gate (running and reporting them) on those, the monitor on all four; nothing in
 * production code loads the simulator statically (the entry points import it dynamically, and only
 * when no real environment is configured) or tests/.
 */
const root = resolve(import.meta.dirname, '..');

/**
 * The parts of the tree, and the parts each may import from (its own always allowed). A file
 * belongs to the longest part its path starts with; every source file of the tree belongs to one.
 */
const allowed: Record<string, readonly string[]> = {
  contracts: [],
  client: ['contracts'],
  // Making cases: derivation from the contract, generation, relations built from earlier answers.
  cases: ['contracts', 'client'],
  'contract-diff': ['contracts'],
  monitor: ['contracts', 'client', 'cases', 'gate'],
  // Running and reporting cases: the campaign, shrinking, reproduction, the baseline, the front door.
  gate: ['contracts', 'client', 'cases'],
  // Local setups that tests and benchmarks share: processes, ports, a campaign on the simulator.
  harness: ['contracts', 'client', 'cases', 'gate', 'simulator'],
  simulator: ['contracts', 'client'],
  bench: ['contracts', 'client', 'cases', 'gate', 'monitor', 'simulator', 'harness'],
  // Playwright's configuration checks the run's settings (the simulator's mode names among them) with
  // the product's own readers: the gate's wiring lives in gate/, never in the test folder.
  'playwright.config.ts': ['contracts', 'client', 'gate', 'simulator'],
  // Fixtures serve the specs: they may use any part of the product, never a spec.
  'tests/fixtures': ['contracts', 'client', 'cases', 'gate', 'monitor', 'simulator', 'harness'],
  tests: ['contracts', 'client', 'cases', 'gate', 'monitor', 'simulator', 'harness', 'bench', 'contract-diff', 'tests/fixtures'],
};

/** Every TypeScript source of the tree, relative to its root: what is not a dependency or a build's output. */
function treeSources(): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !/^(node_modules|dist|reports|\.git)\//.test(file) && !file.includes('/node_modules/'));
}

/** The part a path of the tree belongs to: the longest part it starts with; undefined for none. */
function partOf(path: string): string | undefined {
  return Object.keys(allowed)
    .filter((part) => path === part || path.startsWith(`${part}/`) || path === part.replace(/\.ts$/, ''))
    .sort((a, b) => b.length - a.length)[0];
}

function localImports(file: string): { target: string; dynamic: boolean }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: { target: string; dynamic: boolean }[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)) {
    const path = relative(root, resolve(root, dirname(file), match[1] ?? ''));
    found.push({ target: partOf(path) ?? path, dynamic: match[0].startsWith('import') });
  }
  return found;
}

test('every source file of the tree belongs to a part', () => {
  expect(treeSources().filter((file) => partOf(file) === undefined)).toEqual([]);
});

test('each part imports only the parts below it', () => {
  const breaches: string[] = [];
  for (const file of treeSources()) {
    const folder = partOf(file) ?? '';
    const parts = allowed[folder] ?? [];
    for (const { target, dynamic } of localImports(file)) {
      if (target === folder || parts.includes(target)) continue;
      // The sanctioned seams: `npm start` runs the monitor, and `npm run contract` the gate, on the embedded simulator.
      if (dynamic && target === 'simulator' && ['monitor/monitor-main.ts', 'gate/front-door-campaign.ts'].includes(file)) continue;
      // The benchmark's floor is the project's own Playwright configuration with one empty test.
      if (file === 'bench/floor.config.ts' && target === 'playwright.config.ts') continue;
      breaches.push(`${file} imports ${target}`);
    }
  }
  expect(breaches).toEqual([]);
});

test('the import check sees static and dynamic imports, and tells fixtures from specs', () => {
  const imports = localImports('monitor/monitor-main.ts');
  expect(imports).toContainEqual({ target: 'simulator', dynamic: true });
  expect(imports).toContainEqual({ target: 'client', dynamic: false });
  expect(localImports('tests/contract/search-customer-contract.spec.ts')).toContainEqual({ target: 'tests/fixtures', dynamic: false });
  expect(partOf('playwright.config.ts')).toBe('playwright.config.ts');
});

/*
 * No cycles anywhere in the tree, type-only imports included: a ring of files has no bottom to
 * start reading from, and the layering above cannot see a ring inside one folder.
 */
test('no file of the project reaches itself through its imports', () => {
  const graph = importGraph(root);
  expect(graph.size).toBeGreaterThan(200);
  expect(importCycles(graph)).toEqual([]);
});

test('the cycle check names a ring, however it is closed', () => {
  const ring = new Map([
    ['contracts/exchange.ts', ['contracts/contract-rules.ts']],
    ['contracts/contract-rules.ts', ['contracts/judged-exchange.ts', 'contracts/contract-reader.ts']],
    ['contracts/judged-exchange.ts', ['contracts/exchange.ts']],
    ['contracts/contract-reader.ts', []],
    ['gate/self.ts', ['gate/self.ts']],
  ]);
  expect(importCycles(ring)).toEqual([
    'contracts/contract-rules.ts → contracts/judged-exchange.ts → contracts/exchange.ts → contracts/contract-rules.ts',
    'gate/self.ts → gate/self.ts',
  ]);
  expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  // Every way of naming another file is an edge: type-only, re-exports, require, dynamic and type-position import().
  const text = [
    "import type { A } from './a';",
    "import './b';",
    "export { C } from './c';",
    "export * from './d';",
    "import e = require('./e');",
    "const f = await import('./f');",
    "type G = import('./g').G;",
    "const h = await import(`./${name}`);",
  ].join('\n');
  expect(moduleReferences('x.ts', text)).toEqual(['./a', './b', './c', './d', './e', './f', './g']);
});

test('the import graph resolves type-only and dynamic imports to the files they name', () => {
  const graph = importGraph(root);
  expect(graph.get('monitor/monitor-main.ts')).toContain('simulator/embedded-simulator.ts');
  expect(graph.get('contracts/check-exchange.ts')).toEqual(expect.arrayContaining(['contracts/contract-rules.ts', 'contracts/exchange.ts']));
  expect(graph.get('contracts/clause-registry.ts')).toContain('contracts/contract-rules.ts');
});
