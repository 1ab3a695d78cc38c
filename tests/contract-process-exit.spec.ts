import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnvironment } from './fixtures/child-environment';
import { startProxiedProvider, type ProxiedProvider } from './fixtures/faulty-proxy';
import { commandLine, descendants, isAlive } from './fixtures/process-tree';

/*
 * A gate killed from outside leaves nothing behind: neither the Playwright runner nor its worker
 * outlives what started it, so an outer timeout never leaves an orphan sending requests.
 */

const until = async (condition: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
};

/**
 * `npm run contract` against a provider slow enough (5 calls/s) that the campaign would run on for
 * well over the 20 s the test waits: what is gone by then went because it was killed.
 */
async function startGate(provider: ProxiedProvider): Promise<{ npm: ChildProcess; tree: number[]; output: () => string }> {
  const env = childEnvironment({ ...provider.env, CONTRACT_EXAMPLES: 'off', CONTRACT_REPORT_DIR: mkdtempSync(join(tmpdir(), 'capi-contract-report-')) });
  const npm = spawn('npm', ['run', 'contract'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Mid-campaign: the worker is up and the provider has answered a few dozen searches.
  const started = await until(() => provider.proxy.searches() >= 15, 60_000);
  expect(started, output).toBe(true);
  const tree = descendants(npm.pid as number);
  expect(tree.some((pid) => commandLine(pid).includes('workerProcessEntry')), tree.map(commandLine).join('\n')).toBe(true);
  return { npm, tree, output: () => output };
}

test('SIGTERM to npm mid-campaign leaves no process behind', async () => {
  test.setTimeout(120_000);
  const provider = await startProxiedProvider({ searchesPerSecond: 5 });
  try {
    const { npm, tree, output } = await startGate(provider);
    npm.kill('SIGTERM');
    const gone = await until(() => !tree.some(isAlive), 20_000);
    expect(gone, `still running: ${tree.filter(isAlive).map(commandLine).join(', ')}\n${output()}`).toBe(true);
    expect(output()).not.toMatch(/\d+ passed/);
  } finally {
    await provider.close();
  }
});

test('SIGKILL to the Playwright runner mid-campaign takes its worker with it', async () => {
  test.setTimeout(120_000);
  const provider = await startProxiedProvider({ searchesPerSecond: 5 });
  try {
    const { npm, tree, output } = await startGate(provider);
    const runner = tree.find((pid) => / test --project=contract/.test(commandLine(pid)) && !commandLine(pid).startsWith('sh '));
    expect(runner, tree.map(commandLine).join('\n')).toBeDefined();
    process.kill(runner as number, 'SIGKILL');
    const gone = await until(() => !tree.some(isAlive), 20_000);
    expect(gone, `still running: ${tree.filter(isAlive).map(commandLine).join(', ')}\n${output()}`).toBe(true);
    const searches = provider.proxy.searches();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(provider.proxy.searches()).toBe(searches);
    npm.kill('SIGKILL');
  } finally {
    await provider.close();
  }
});
