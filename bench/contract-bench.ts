import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TEST_CAMPAIGN, runSimulatorCampaign } from '../harness/simulator-campaign';
import { median } from './bench-stats';

/*
 * Contract suite benchmark against the embedded simulator, in one run:
 *  - `npm run contract` end to end (its front door and Playwright's start-up included): without a behaviour
 *    baseline, recording one, and checked against it; beside them the floor: the same configuration
 *    running one empty test;
 *  - the campaign alone, in-process: fixed and generated requests, with the default client pacing
 *    (90 calls/s) and unpaced.
 * BENCH_RUNS (default 3) sets the number of runs; medians are reported.
 */
const runs = Number(process.env.BENCH_RUNS ?? '3');
const seed = '1';
const generatedCases = DEFAULT_TEST_CAMPAIGN.generatedCases;

/** Wall time of one command run by node, with its reports in a directory of their own (and the variables given). */
function wall(args: readonly string[], env: Readonly<Record<string, string>> = {}): number {
  const reportDir = mkdtempSync(join(tmpdir(), 'capi-bench-'));
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    env: { ...process.env, CONTRACT_REPORT_DIR: reportDir, CONTRACT_SEED: seed, CONTRACT_EXAMPLES: 'off', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed in the benchmark:\n${run.stdout}\n${run.stderr}`);
  const stats = (JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as { stats: { expected: number } }).stats;
  if (stats.expected === 0) throw new Error(`node ${args.join(' ')} ran no test`);
  return seconds;
}

const contract: number[] = [];
const floor: number[] = [];
const recording: number[] = [];
const checking: number[] = [];
// The production command, as package.json's `contract` script runs it: the gate's front door.
const gate = ['--import', 'tsx', join('gate', 'contract-main.ts')];
// A behaviour baseline of its own: recorded (the deterministic cases twice), then checked on every run.
const baseline = { CONTRACT_BASELINE_FILE: join(mkdtempSync(join(tmpdir(), 'capi-bench-baseline-')), 'simulator.json') };
for (let i = 0; i < runs; i++) {
  floor.push(wall([join('node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', join('bench', 'floor.config.ts')]));
  contract.push(wall(gate, { CONTRACT_BASELINE: 'off' }));
  recording.push(wall(gate, { ...baseline, CONTRACT_BASELINE: 'record' }));
  checking.push(wall(gate, baseline));
}

const paced: number[] = [];
const unpaced: number[] = [];
let requests = { fixed: 0, generated: 0, relation: 0 };
let cases = { fixed: 0, generated: 0 };
for (let i = 0; i < runs; i++) {
  let started = performance.now();
  const run = await runSimulatorCampaign();
  paced.push((performance.now() - started) / 1000);
  // The relation cases come after the first batch (replayed, fixed, generated), built from its answers.
  const { replayed, fixed, generated } = run.campaign.counts;
  const firstBatch = run.results.slice(0, replayed + fixed + generated);
  const requestsOf = (results: typeof run.results): number => results.reduce((sum, result) => sum + (result.case.wider ? 2 : 1), 0);
  const sent = (origin: boolean): number => requestsOf(firstBatch.filter((result) => (result.case.origin !== undefined) === origin));
  requests = { fixed: sent(false), generated: sent(true), relation: requestsOf(run.results.slice(firstBatch.length)) };
  cases = { fixed: run.campaign.counts.fixed, generated: run.campaign.counts.generated };
  started = performance.now();
  await runSimulatorCampaign({ simulator: { rateLimit: { perSecond: 1e6, perMinute: 1e9 } }, clientPerSecond: 100_000 });
  unpaced.push((performance.now() - started) / 1000);
}

const total = requests.fixed + requests.generated + requests.relation;
const rows = [
  ['`npm run contract`, wall time (Playwright start-up included)', `${median(contract).toFixed(2)} s`],
  ['`npm run contract` with a behaviour baseline present (checked against it)', `${median(checking).toFixed(2)} s`],
  ['`CONTRACT_BASELINE=record npm run contract` (the deterministic cases twice)', `${median(recording).toFixed(2)} s`],
  ['floor: the same configuration running one empty test', `${median(floor).toFixed(2)} s`],
  ['cases: fixed / generated (`CONTRACT_GENERATED_CASES`)', `${cases.fixed} / ${cases.generated}`],
  ['requests: fixed / generated (a narrowing case sends two)', `${requests.fixed} / ${requests.generated}`],
  ['requests: relation cases (built from the answers of the others)', `${requests.relation}`],
  ['campaign alone, default pacing (90 calls/s)', `${median(paced).toFixed(2)} s, ${(total / median(paced)).toFixed(0)} requests/s`],
  ['campaign alone, unpaced', `${median(unpaced).toFixed(2)} s, ${(total / median(unpaced)).toFixed(0)} requests/s`],
];
process.stdout.write(`Contract suite against the embedded simulator (median of ${runs} runs, seed ${seed}, ${generatedCases} generated cases)\n\n| measure | value |\n| --- | --- |\n`);
for (const [name, value] of rows) process.stdout.write(`| ${name} | ${value} |\n`);
process.stdout.write('\n');
