import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../client/config-error';

/**
 * Name of the variable that identifies one `playwright test` run across its workers; set by
 * playwright.config.ts where the run starts (or by the gate's front door before it). Outside the
 * CAPI_, CONNECTID_ and CONTRACT_ families on purpose: it is not a setting.
 */
export const CAMPAIGN_RUN_ID = 'CAMPAIGN_RUN_ID';

/** Name of the variable holding the clock time (ms) the run started at, from which CONTRACT_DEADLINE_S counts. */
export const CAMPAIGN_STARTED_AT = 'CAMPAIGN_STARTED_AT';

/** Set (to 1) where the run drew its seed itself: CONTRACT_SEED then reaches the workers without the user having pinned it. */
export const CAMPAIGN_SEED_DRAWN = 'CAMPAIGN_SEED_DRAWN';

/** Name of the variable the gate's front door sets to ask workers for progress lines this often (ms): see gate/contract-main.ts. */
export const CAMPAIGN_PROGRESS_MS = 'CAMPAIGN_PROGRESS_MS';

/**
 * Set (to 1) by the gate's front door when it runs the campaign itself, while Playwright starts: the
 * run's report folder is then already emptied, and the worker waits for the campaign in the cache
 * instead of sending it.
 */
export const CAMPAIGN_FROM_FRONT_DOOR = 'CAMPAIGN_FROM_FRONT_DOOR';

/** When this run started: as the runner recorded it (a run of the gate alone), else now (the campaign's start). */
export function campaignStartedAt(env: NodeJS.ProcessEnv = process.env): number {
  const recorded = Number(env[CAMPAIGN_STARTED_AT]);
  return Number.isFinite(recorded) && recorded > 0 ? recorded : Date.now();
}

/**
 * Where this run's campaign is kept between processes: Playwright starts a new worker after a
 * failed test, and the new one reads the campaign back instead of sending it again; the front door
 * hands its campaign to the worker there. It holds answers unmasked, so it lives outside the reports
 * and is removed when the run ends.
 */
export function campaignCachePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = env[CAMPAIGN_RUN_ID];
  return id ? join(tmpdir(), `capi-contract-campaign-${id.replace(/[^\w-]/g, '')}.json`) : undefined;
}

/** The file that says the campaign failed, and why, where a reader waits for the campaign. */
const failedPath = (path: string): string => `${path}.failed`;

/** Keeps the campaign whole or not at all: a reader polling the path never sees half a file. */
export function writeCampaignCache(path: string, campaign: unknown): void {
  writeFileSync(`${path}.partial`, JSON.stringify(campaign), { mode: 0o600 });
  renameSync(`${path}.partial`, path);
}

/** Leaves word, where the campaign would have been, that it failed: the reader fails with the same message. */
export function writeCampaignFailure(path: string, error: unknown): void {
  // Bad configuration is said in its own words; anything else with where it came from.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeFileSync(failedPath(path), message, { mode: 0o600 });
}

/** The campaign kept at `path`, if one is there. */
export function readCampaignCache<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

/**
 * True for the first process of the run that asks, false for every later one: the run's reports
 * are written once, by whoever reads the campaign first (a worker Playwright starts after a failed
 * test reads it again, and writes nothing).
 */
export function firstReader(path: string): boolean {
  try {
    closeSync(openSync(`${path}.read`, 'wx', 0o600));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Time between two looks for the campaign another process runs, in milliseconds. */
const POLL_MS = 25;

/**
 * Waits for the campaign another process runs for this run, at most `timeoutMs`: its result, or
 * its failure thrown as this process's own error.
 */
export async function awaitCampaignCache<T>(path: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const campaign = readCampaignCache<T>(path);
    if (campaign !== undefined) return campaign;
    if (existsSync(failedPath(path))) throw new Error(`The gate's campaign failed: ${readFileSync(failedPath(path), 'utf8')}`);
    if (Date.now() > until) throw new Error(`The gate's campaign did not finish within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(POLL_MS);
  }
}

/** Playwright's global teardown: the cache goes when the run ends, pass or fail. */
export default function removeCampaignCache(env: NodeJS.ProcessEnv = process.env): void {
  const path = campaignCachePath(env);
  if (!path) return;
  for (const file of [path, failedPath(path), `${path}.partial`, `${path}.read`]) rmSync(file, { force: true });
}

/**
 * Time between two progress lines, in milliseconds: 1000 when the gate's front door draws them in
 * place on a terminal (it sets CAMPAIGN_PROGRESS_MS), else 10000, a line CI logs keep.
 */
export function progressIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env[CAMPAIGN_PROGRESS_MS]);
  return Number.isInteger(asked) && asked >= 100 ? asked : 10_000;
}
