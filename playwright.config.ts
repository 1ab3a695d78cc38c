import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { loadTargetConfig } from './client/target-config';
import { ConfigError } from './client/config-error';
import { faultModeNames } from './simulator/fault-modes';
import { CAMPAIGN_VARIABLES, loadCampaignConfig } from './engine/campaign-config';
import { loadDeviationConfig } from './engine/accepted-deviations';
import { outputDir, reportDir } from './tests/fixtures/report-dir';
import { CAMPAIGN_RUN_ID } from './tests/fixtures/campaign-cache';

// Bad configuration stops the run here, before any worker starts, with one line naming the variable.
try {
  loadTargetConfig(process.env, { faultModes: faultModeNames, knownVariables: CAMPAIGN_VARIABLES });
  const campaign = loadCampaignConfig(process.env);
  loadDeviationConfig(process.env);
  // One seed for every worker of this run: chosen here, where the run starts, and handed down.
  if (!campaign.seedGiven) process.env.CONTRACT_SEED = String(campaign.seed);
  process.env[CAMPAIGN_RUN_ID] ??= `${Date.now()}-${process.pid}`;
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
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
  globalTeardown: join(import.meta.dirname, 'tests', 'fixtures', 'campaign-cache.ts'),
  projects: [
    { name: 'contract', testDir: 'tests/contract', workers: 1 },
    { name: 'suite', testDir: 'tests', testIgnore: ['contract/**'], fullyParallel: true },
  ],
});
