import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedProfile } from '../client/target-profile';
import { buildContractCases } from '../engine/contract-cases';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { median } from './bench-stats';

/*
 * Contract suite benchmark against the embedded simulator:
 *  - `npm run contract` end to end (Playwright start-up included), median of RUNS runs;
 *  - the campaign alone, in-process, with the default client pacing (90 calls/s) and unpaced.
 * BENCH_RUNS (default 3) sets the number of runs.
 */
const runs = Number(process.env.BENCH_RUNS ?? '3');
const cases = buildContractCases(documentedProfile).length;

const wall: number[] = [];
let tests = 0;
for (let i = 0; i < runs; i++) {
  const reportDir = mkdtempSync(join(tmpdir(), 'capi-bench-'));
  const started = performance.now();
  const run = spawnSync(process.execPath, [join('node_modules', '@playwright', 'test', 'cli.js'), 'test', '--project=contract'], {
    env: { ...process.env, CONTRACT_REPORT_DIR: reportDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  wall.push((performance.now() - started) / 1000);
  if (run.status !== 0) throw new Error(`npm run contract failed in the benchmark:\n${run.stderr}`);
  const stats = (JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as { stats: { expected: number } }).stats;
  tests = stats.expected;
}

const paced: number[] = [];
const unpaced: number[] = [];
for (let i = 0; i < runs; i++) {
  let started = performance.now();
  await runSimulatorCampaign();
  paced.push((performance.now() - started) / 1000);
  started = performance.now();
  await runSimulatorCampaign({ simulator: { rateLimit: { perSecond: 1e6, perMinute: 1e9 } }, clientPerSecond: 100_000 });
  unpaced.push((performance.now() - started) / 1000);
}

const rows = [
  ['npm run contract, wall time (Playwright start-up included)', `${median(wall).toFixed(2)} s`],
  ['tests (one per rule) / cases (one request each)', `${tests} / ${cases}`],
  ['campaign alone, default pacing (90 calls/s)', `${median(paced).toFixed(2)} s, ${(cases / median(paced)).toFixed(0)} requests/s`],
  ['campaign alone, unpaced', `${median(unpaced).toFixed(2)} s, ${(cases / median(unpaced)).toFixed(0)} requests/s`],
];
process.stdout.write(`Contract suite against the embedded simulator (median of ${runs} runs)\n\n| measure | value |\n| --- | --- |\n`);
for (const [name, value] of rows) process.stdout.write(`| ${name} | ${value} |\n`);
process.stdout.write('\n');
