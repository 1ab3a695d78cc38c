import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '../harness/find-binary';
import { childEnvironment } from './fixtures/child-environment';

/*
 * Skips are visible: on a machine without a system binary (simulated by a PATH holding only sh and
 * node), each test that needs one prints one line naming the Debian package in the default list
 * reporter's output; under CI=true the same tests fail instead, naming it too.
 */
const SPECS = ['tests/monitor-prometheus.spec.ts', 'tests/monitor-dashboards.spec.ts'];
/** The tests of those files that need a binary; the others have nothing to show here. */
const NEEDING_BINARIES = 'two locations|promtool|amtool';

function runWithoutBinaries(ci: boolean): Promise<{ code: number | null; output: string }> {
  const bin = mkdtempSync(join(tmpdir(), 'capi-bare-path-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(findBinary('sh') ?? '/bin/sh', join(bin, 'sh'));
  const env = childEnvironment({ PATH: bin, CONTRACT_REPORT_DIR: mkdtempSync(join(tmpdir(), 'capi-skips-report-')) });
  delete env.CI;
  if (ci) env.CI = 'true';
  const child = spawn(process.execPath, [join('node_modules', '@playwright', 'test', 'cli.js'), 'test', ...SPECS, '--grep', NEEDING_BINARIES, '--project=suite', '--reporter=list', '--workers=1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('without the binaries, each skipped test prints one line naming the Debian package; under CI=true they fail instead', async () => {
  // Two child runs of Playwright: time for a busy machine.
  test.setTimeout(180_000);
  const expected = [
    'Skipped: prometheus is not installed: apt-get install prometheus',
    'Skipped: promtool is not installed: apt-get install prometheus',
    'Skipped: amtool is not installed: apt-get install prometheus-alertmanager',
    'Skipped: promtool is not installed: apt-get install prometheus',
  ];
  const local = await runWithoutBinaries(false);
  expect(local.code, local.output).toBe(0);
  const skipLines = (output: string): string[] => output.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('Skipped: '));
  const lines = skipLines(local.output);
  expect(lines.sort()).toEqual([...expected].sort());
  expect(local.output).toMatch(new RegExp(`\\b${expected.length} skipped\\b`));

  const ci = await runWithoutBinaries(true);
  expect(ci.code).toBe(1);
  expect(skipLines(ci.output)).toEqual([]);
  expect(ci.output).toContain('prometheus is not installed: apt-get install prometheus (CI=true: .ci/run should have installed it)');
  expect(ci.output).toMatch(new RegExp(`\\b${expected.length} failed\\b`));
});
