import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
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
/** The part a path of the tree belongs to: the longest part it starts with; undefined for none. */
function partOf(path: string): string | undefined {
  return Object.keys(allowed)
    .filter((part) => path === part || path.startsWith(`${part}/`) || path === part.replace(/\.ts$/, ''))
    .sort((a, b) => b.length - a.length)[0];
}

/** Every import of the tree, read by the compiler (type-only, side-effect and dynamic ones included). */
const graph = importGraph(root);

/** Whether every reference of `file` to `target` is a dynamic `import()`: the only kind the seams below may use. */
function onlyDynamic(file: string, target: string): boolean {
  const text = readFileSync(join(root, file), 'utf8');
  const named = moduleReferences(file, text).filter((name) => name.startsWith('.') && relative(root, resolve(root, dirname(file), name)) === target.replace(/\.ts$/, ''));
  const dynamic = named.filter((name, index) => named.indexOf(name) === index).reduce((count, name) => count + text.split(new RegExp(`import\\s*\\(\\s*'${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`)).length - 1, 0);
  return named.length > 0 && dynamic === named.length;
}

test('every source file of the tree belongs to a part', () => {
  expect(graph.size).toBeGreaterThan(200);
  expect([...graph.keys()].filter((file) => partOf(file) === undefined)).toEqual([]);
});

test('each part imports only the parts below it', () => {
  const breaches: string[] = [];
  for (const [file, targets] of graph) {
    const folder = partOf(file) ?? '';
    const parts = allowed[folder] ?? [];
    for (const targetFile of targets) {
      const target = partOf(targetFile) ?? targetFile;
      if (target === folder || parts.includes(target)) continue;
      // The sanctioned seams: `npm start` runs the monitor, and `npm run contract` the gate, on the embedded simulator.
      if (target === 'simulator' && ['monitor/monitor-main.ts', 'gate/front-door-campaign.ts'].includes(file) && onlyDynamic(file, targetFile)) continue;
      // The benchmark's floor is the project's own Playwright configuration with one empty test.
      if (file === 'bench/floor.config.ts' && target === 'playwright.config.ts') continue;
      breaches.push(`${file} imports ${targetFile}`);
    }
  }
  expect(breaches).toEqual([]);
});

test('the import check tells dynamic imports from static ones, and fixtures from specs', () => {
  const simulatorFile = (graph.get('monitor/monitor-main.ts') ?? []).find((file) => file.startsWith('simulator/')) ?? '';
  expect(onlyDynamic('monitor/monitor-main.ts', simulatorFile)).toBe(true);
  const clientFile = (graph.get('monitor/monitor-main.ts') ?? []).find((file) => file.startsWith('client/')) ?? '';
  expect(onlyDynamic('monitor/monitor-main.ts', clientFile)).toBe(false);
  expect((graph.get('tests/contract/search-customer-contract.spec.ts') ?? []).map(partOf)).toContain('tests/fixtures');
  expect(partOf('playwright.config.ts')).toBe('playwright.config.ts');
});

/*
 * No cycles anywhere in the tree, type-only imports included: a ring of files has no bottom to
 * start reading from, and the layering above cannot see a ring inside one folder.
 */
test('no file of the project reaches itself through its imports', () => {
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
