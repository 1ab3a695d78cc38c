import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomInt } from 'node:crypto';
import { constants } from 'node:os';
import { TerminalRelay } from './terminal-relay';
import { gateExitCode, readGateReports } from './gate-verdict';
import { gateSummaryLines } from './gate-summary';
import { reportDir } from './report-dir';
import removeCampaignCache, { CAMPAIGN_FROM_FRONT_DOOR, CAMPAIGN_PROGRESS_MS, CAMPAIGN_RUN_ID, CAMPAIGN_SEED_DRAWN, CAMPAIGN_STARTED_AT } from './campaign-cache';

/*
 * `npm run contract`: the gate's front door. It runs `playwright test --project=contract` with the
 * arguments given (`npm run contract -- --grep result-cap`) as a child process, because Playwright's
 * command line is its stable interface (its runner has no public API to call in-process). It owns
 * the terminal: the campaign's progress is redrawn in place there, and once Playwright has ended it
 * maps the run's reports to the gate's exit code (gate/gate-verdict.ts). It sends the campaign itself
 * while Playwright starts (gate/front-door-campaign.ts), so the seconds Playwright takes to start
 * are not added to the campaign's.
 */

/** Time between two progress lines on a terminal, in milliseconds (CI logs get one every 10 s). */
const TERMINAL_PROGRESS_MS = 1000;

const startedAt = Date.now();

/*
 * The seed is chosen here when none is given, so the first line comes at once, before Playwright
 * has even started (that takes seconds), and survives a job killed before the campaign ends.
 * A replay needs the seed of the run that printed it: without one, Playwright's configuration says so.
 */
const seedGiven = process.env.CONTRACT_SEED?.trim();
const seed = seedGiven || (process.env.CONTRACT_REPLAY?.trim() ? undefined : String(randomInt(2 ** 31)));
process.stdout.write(
  `Contract gate: ${seed ? `seed ${seed} (CONTRACT_SEED=${seed} repeats it)` : 'the seed of CONTRACT_REPLAY'}; reports go to ${reportDir}/; Playwright is starting, the campaign's plan and progress follow\n`,
);
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const terminal = process.stdout.isTTY === true;
const runEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...(seed ? { CONTRACT_SEED: seed } : {}),
  // A seed drawn here is no seed the user pinned (the behaviour baseline records generated cases only under one).
  ...(seed && !seedGiven ? { [CAMPAIGN_SEED_DRAWN]: '1' } : {}),
  ...(terminal ? { [CAMPAIGN_PROGRESS_MS]: String(TERMINAL_PROGRESS_MS) } : {}),
  // The child writes into a pipe; colours stay as they would on this terminal.
  ...(terminal && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR === undefined ? { FORCE_COLOR: '1' } : {}),
};
const args = process.argv.slice(2);
/*
 * On the embedded simulator the campaign takes seconds, as many as Playwright takes to start: the
 * front door sends it meanwhile, and the worker waits for it (gate/front-door-campaign.ts). Against
 * a real environment the run lasts as long as its rate limits make it, the preflight in Playwright's
 * configuration comes first, and the worker sends the campaign.
 */
const frontDoor = !process.env.CAPI_BASE_URL?.trim() && !args.some((arg) => ['--list', '--help', '-h'].includes(arg));
if (frontDoor) Object.assign(runEnv, { [CAMPAIGN_RUN_ID]: `${startedAt}-${process.pid}`, [CAMPAIGN_STARTED_AT]: String(startedAt), [CAMPAIGN_FROM_FRONT_DOOR]: '1' });
const child = spawn(process.execPath, [cli, 'test', '--project=contract', ...args], { env: runEnv, stdio: ['inherit', 'pipe', 'inherit'] });
const relay = new TerminalRelay(process.stdout, terminal, () => process.stdout.columns || 120);
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => relay.write(chunk, 'playwright'));
if (frontDoor) void import('./front-door-campaign').then(({ runFrontDoorCampaign }) => runFrontDoorCampaign(runEnv, (text) => relay.write(text, 'campaign')));

// Signals reach Playwright, which stops its workers; the gate ends when it has.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
// Whatever started the gate going away (an outer timeout killing npm) stops the run as Ctrl-C would.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGINT');
}, 250);
watch.unref();

child.on('close', (code, signal) => {
  relay.end();
  if (code === null) {
    process.exitCode = 128 + (signal ? constants.signals[signal] : 0);
    return;
  }
  const exitCode = gateExitCode(code, readGateReports(reportDir));
  for (const line of gateSummaryLines(reportDir, exitCode)) process.stdout.write(`${line}\n`);
  // A campaign Playwright did not wait for (it ended first: interrupted, or a broken configuration) is abandoned.
  if (frontDoor) removeCampaignCache(runEnv);
  process.exit(exitCode);
});
