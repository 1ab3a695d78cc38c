import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The gate's exit codes. 2 and 3 come from playwright.config.ts, which stops the run before any
 * worker starts; the others are read from the reports the run wrote.
 */
export const GATE_EXIT = {
  holds: 0,
  ruleBroken: 1,
  badConfiguration: 2,
  unreachable: 3,
  notJudged: 4,
  behaviourDrift: 5,
} as const;
export type GateExitCode = (typeof GATE_EXIT)[keyof typeof GATE_EXIT];

/** What the run's reports say, as far as the exit code cares. */
export interface GateReports {
  /** Titles of the tests that failed (results.json); undefined when that report was not written. */
  readonly failedTests: readonly string[] | undefined;
  /** Every rule's name (the keys of contract-summary.json, one per rule of the registry). */
  readonly rules: readonly string[];
  /** Rules with violations or expired deviations in contract-summary.json. */
  readonly brokenInSummary: readonly string[];
  /** Cases a cause outside the contract kept from being judged (contract-summary.json). */
  readonly notJudged: number;
  /** Drift that fails the gate (behaviour-drift.json's `failing`); 0 without that file. */
  readonly driftFailing: number;
}

const readJson = (path: string): unknown => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined);

/** Every spec title that did not pass, from Playwright's JSON report. */
function failedTitles(report: unknown): string[] {
  const failed: string[] = [];
  const visit = (suite: { specs?: { title: string; ok: boolean }[]; suites?: unknown[] }): void => {
    for (const spec of suite.specs ?? []) if (!spec.ok) failed.push(spec.title);
    for (const child of suite.suites ?? []) visit(child as typeof suite);
  };
  for (const suite of (report as { suites?: unknown[] }).suites ?? []) visit(suite as Parameters<typeof visit>[0]);
  return failed;
}

type SummaryFile = Record<string, { violations?: unknown[]; notJudged?: unknown[]; expiredDeviations?: unknown[] }>;

/** Reads what decides the exit code from the report folder; a report missing or unreadable counts as saying nothing. */
export function readGateReports(reportDir: string): GateReports {
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const results = attempt(() => readJson(join(reportDir, 'results.json')), undefined);
  const summary = attempt(() => readJson(join(reportDir, 'contract-summary.json')) as SummaryFile | undefined, undefined) ?? {};
  const drift = attempt(() => readJson(join(reportDir, 'behaviour-drift.json')) as { failing?: unknown } | undefined, undefined);
  return {
    failedTests: results === undefined ? undefined : attempt(() => failedTitles(results), undefined),
    rules: Object.keys(summary),
    brokenInSummary: Object.entries(summary)
      .filter(([, rule]) => (rule.violations?.length ?? 0) + (rule.expiredDeviations?.length ?? 0) > 0)
      .map(([name]) => name),
    notJudged: Object.values(summary).reduce((sum, rule) => sum + (rule.notJudged?.length ?? 0), 0),
    driftFailing: typeof drift?.failing === 'number' && drift.failing > 0 ? drift.failing : 0,
  };
}

/**
 * The gate's exit code from Playwright's and the reports'. When several causes hold, a broken rule
 * wins, then drift, then cases not judged. A run Playwright passed holds (a filtered run judges what
 * it was asked to), unless the behaviour baseline reported drift that fails the gate. Codes
 * Playwright gives for other reasons (an interrupted run) pass through unchanged.
 */
export function gateExitCode(playwrightCode: number, reports: GateReports): number {
  // 2 and 3 are the configuration's own; anything else but 0 and 1 (130 after an interrupt) is not a verdict.
  if (playwrightCode !== 0 && playwrightCode !== 1) return playwrightCode;
  // The rule names come with the reports, so the front door loads nothing of the contract to start.
  const rules = new Set<string>(reports.rules);
  const broken = reports.failedTests ? reports.failedTests.some((title) => rules.has(title)) : reports.brokenInSummary.length > 0;
  if (playwrightCode !== 0 && broken) return GATE_EXIT.ruleBroken;
  if (reports.driftFailing > 0) return GATE_EXIT.behaviourDrift;
  if (playwrightCode === 0) return GATE_EXIT.holds;
  if (reports.notJudged > 0) return GATE_EXIT.notJudged;
  // A failure the reports do not explain (a test error, an unknown test) is not passed over.
  return GATE_EXIT.ruleBroken;
}
