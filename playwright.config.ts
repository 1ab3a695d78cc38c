import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { ConfigError } from './client/config-error';
import { faultModeNames } from './simulator/fault-modes';
import { providerVariantNames } from './simulator/provider-variants';
import { loadCampaignConfig } from './gate/campaign-config';
import { gateTargetConfig } from './gate/gate-target-config';
import { loadDeviationConfig } from './gate/accepted-deviations';
import { outputDir, reportDir } from './gate/report-dir';
import { CAMPAIGN_RUN_ID, CAMPAIGN_SEED_DRAWN, CAMPAIGN_STARTED_AT } from './gate/campaign-cache';
import { preflight, UNREACHABLE_EXIT_CODE } from './client/preflight';
import { createNodeTransport } from './client/http-transport';
import { resetReportDir } from './gate/report-dir-reset';
import { writeStartupJunit, type StartupFailure } from './gate/startup-junit';

// The process that starts a test run (not its workers, not `--list`): it empties the reports first.
const runStart = process.env.TEST_WORKER_INDEX === undefined && process.argv[2] === 'test' && !process.argv.includes('--list');

/** Stops the run before any worker starts: one line, a JUnit file naming the cause, the cause's exit code. */
function stopAtStart(failure: StartupFailure, message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  if (runStart) writeStartupJunit(reportDir, failure, message);
  process.exit(code);
}

// Bad configuration stops the run here, before any worker starts, with one line naming the variable.
try {
  if (runStart) resetReportDir(reportDir);
  const target = gateTargetConfig(process.env, { faultModes: faultModeNames, providerVariants: providerVariantNames });
  const campaign = loadCampaignConfig(process.env);
  loadDeviationConfig(process.env);
  // One seed for every worker of this run: chosen here, where the run starts, and handed down.
  if (!campaign.seedGiven) {
    process.env.CONTRACT_SEED = String(campaign.seed);
    process.env[CAMPAIGN_SEED_DRAWN] = '1';
  }
  // The gate's deadline counts from here when the run is the gate alone (npm run contract); in a run
  // of every project it counts from the campaign's start. Workers load this file too: set once.
  const gateAlone = process.argv.some((arg, index, all) => arg === '--project=contract' || (arg === '--project' && all[index + 1] === 'contract'));
  if (gateAlone) process.env[CAMPAIGN_STARTED_AT] ??= String(Date.now());
  // A target that cannot be reached stops the run here, once, with one message (workers skip it).
  if (!process.env[CAMPAIGN_RUN_ID] && target.kind === 'external') {
    // Both requests together take at most half the run's deadline.
    const problem = await preflight(target, createNodeTransport(), { timeoutMs: campaign.deadlineS * 250 });
    if (problem) stopAtStart('preflight', problem, UNREACHABLE_EXIT_CODE);
  }
  process.env[CAMPAIGN_RUN_ID] ??= `${Date.now()}-${process.pid}`;
} catch (error) {
  if (error instanceof ConfigError) stopAtStart('configuration', error.message, 2);
  throw error;
}

// The runner goes when whatever started it goes (an outer timeout killing npm, a closed terminal):
// an orphaned run would go on sending requests nobody reads. Workers follow their runner by
// themselves. Interrupting as Ctrl-C does lets Playwright stop its workers and exit.
if (process.env.TEST_WORKER_INDEX === undefined) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGINT');
  }, 250);
  watch.unref();
}

export default defineConfig({
  testDir: 'tests',
  forbidOnly: !!process.env.CI,
  // The suite is I/O-bound on loopback: two workers keep both cores busy.
  workers: 2,
  retries: 0,
  // Traces would record request headers, Authorization included: they stay off everywhere.
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  reporter: [
    ['list'],
    ['html', { outputFolder: `${reportDir}/html`, open: 'never' }],
    ['junit', { outputFile: `${reportDir}/junit.xml` }],
    ['json', { outputFile: `${reportDir}/results.json` }],
  ],
  outputDir,
  // Absolute, so configurations that extend this one (bench/floor.config.ts) find it too.
  globalTeardown: join(import.meta.dirname, 'gate', 'campaign-cache.ts'),
  projects: [
    { name: 'contract', testDir: 'tests/contract', workers: 1 },
    { name: 'suite', testDir: 'tests', testIgnore: ['contract/**'], fullyParallel: true },
  ],
});
