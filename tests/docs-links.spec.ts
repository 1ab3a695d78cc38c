import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { readDocumentationSet, README } from '../bench/documentation-set';
import { startSimulator } from '../simulator/provider-simulator';
import { headingAnchors, outsideCodeBlocks } from './fixtures/heading-anchors';

/*
 * The documentation is read by people following it to the letter: every link opens a file that exists
 * at a heading that exists, every `npm run` names a script, and every variable it tells them to set is
 * one the code reads. The README stays a front door: short, with the two commands CI runs.
 */
const pages = readDocumentationSet();
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Prefixes of the variables the project reads; a name with one of them must be read by product code. */
const VARIABLE = /\b(?:CAPI|CONNECTID|CONTRACT|MONITOR|SIMULATOR)_[A-Z0-9_]*[A-Z0-9]\b/g;

/** The product's code: every tracked source file outside tests/ (tests may name what nobody reads). */
function productSource(): string {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((file) => /\.(?:ts|mjs|js|json|ya?ml)$/.test(file) && !file.startsWith('tests/') && !file.startsWith('docs/') && existsSync(file))
    .filter((file) => file !== 'package-lock.json');
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** Every link target of a page, outside code blocks and code spans: `[text](target)`. */
function linkTargets(markdown: string): string[] {
  const prose = outsideCodeBlocks(markdown).join('\n').replace(/`[^`\n]*`(?!\]|\()/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target]) => target ?? '');
}

/** Why a relative link of `page` does not resolve, or undefined when it does. */
function brokenLink(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: leave the repository
  const [path = '', anchor] = target.split('#', 2);
  const file = path === '' ? page : normalize(join(dirname(page), decodeURI(path)));
  if (file.startsWith('..')) return `${target} leaves the repository`;
  if (!existsSync(file)) return `${target}: ${file} does not exist`;
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md')) return statSync(file).isFile() && /^L\d+(?:-L\d+)?$/.test(anchor) ? undefined : `${target}: #${anchor} is not a line of ${file}`;
  return headingAnchors(readFileSync(file, 'utf8')).includes(anchor) ? undefined : `${target}: ${file} has no heading with the anchor #${anchor}`;
}

test('README.md is a front door: at most 300 lines, with the two commands CI and a newcomer run', () => {
  const readme = pages.find((page) => page.path === README)?.text ?? '';
  expect(readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0), 'README.md lines').toBeLessThanOrEqual(300);
  expect(readme).toContain('npm ci && npm test');
  expect(readme).toContain('npm ci && npm start');
  const linked = linkTargets(readme).map((target) => target.split('#')[0]);
  for (const page of pages.filter(({ path }) => path !== README)) expect(linked, `README.md links ${page.path}`).toContain(page.path);
});

test('every relative link of the documentation opens an existing file, at an existing heading', () => {
  const broken = pages.flatMap((page) => linkTargets(page.text).map((target) => brokenLink(page.path, target)).filter((problem) => problem !== undefined).map((problem) => `${page.path}: ${problem}`));
  expect(pages.flatMap((page) => linkTargets(page.text)).length, 'links found').toBeGreaterThan(20);
  expect(broken).toEqual([]);
});

test('every npm script the documentation names exists in package.json', () => {
  const named = pages.flatMap((page) => [...page.text.matchAll(/\bnpm (?:run(?: -s| --silent)? ([a-z][\w:.-]*)|(start|test)\b)/g)].map(([, script, lifecycle]) => ({ page: page.path, script: script ?? lifecycle ?? '' })));
  expect(named.length, 'npm scripts named').toBeGreaterThan(10);
  expect(named.filter(({ script }) => !(script in scripts)).map(({ page, script }) => `${page}: npm run ${script}`)).toEqual([]);
});

test('every variable the documentation names is one the code reads', () => {
  const source = productSource();
  const named = new Map<string, string>();
  for (const page of pages) for (const [name] of page.text.matchAll(VARIABLE)) if (!named.has(name)) named.set(name, page.path);
  expect(named.size, 'variables named').toBeGreaterThan(30);
  const dangling = [...named].filter(([name]) => !new RegExp(`\\b${name}\\b`).test(source)).map(([name, page]) => `${page}: ${name}`);
  expect(dangling, 'named in the documentation, read by no product code').toEqual([]);
});

test('the README aims the gate at the simulator with the addresses and the client the simulator has', async () => {
  const readme = pages.find((page) => page.path === README)?.text ?? '';
  const command = /CAPI_BASE_URL=(\S+) CONNECTID_TOKEN_URL=(\S+) \\\nCONNECTID_CLIENT_ID=(\S+) CONNECTID_CLIENT_SECRET=(\S+) npm run contract/.exec(readme);
  expect(command, 'the README\'s command that aims the gate at npm run simulator').not.toBeNull();
  const [, baseUrl = '', tokenUrl = '', clientId = '', clientSecret = ''] = command ?? [];
  const simulator = await startSimulator({});
  try {
    // The README names npm run simulator's port; this simulator listens on a free one.
    const here = (url: string): string => url.replace(/:\d+\//, `:${new URL(simulator.baseUrl).port}/`);
    expect(here(baseUrl)).toBe(simulator.baseUrl);
    expect(here(tokenUrl)).toBe(simulator.tokenUrl);
    const answer = await fetch(simulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    expect(answer.status, 'the simulator issues a token to the README\'s client').toBe(200);
  } finally {
    await simulator.close();
  }
});
