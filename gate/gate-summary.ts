import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATE_EXIT, type GateExitCode } from './gate-verdict';

interface SummaryRule {
  readonly violations?: readonly { case: string; rerun?: string }[];
  readonly notJudged?: readonly { case: string; reason: string }[];
  readonly expiredDeviations?: readonly string[];
}

/** What each exit code says, for the summary's last line. */
const MEANING: Record<GateExitCode, string> = {
  0: 'the contract holds',
  1: 'a contract rule is broken',
  2: 'bad configuration',
  3: 'the target or the token endpoint cannot be reached',
  4: 'cases not judged, no rule broken',
  5: 'behaviour drift, no rule broken',
};

/** A code the gate itself decides: not one Playwright gave for an interrupt or a crash. */
const isVerdict = (code: number): code is GateExitCode => code in MEANING;

function readJson<T>(path: string): T | undefined {
  try {
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** One row per broken rule: its number of cases, its first case and that case's Rerun line. */
function ruleRows(summary: Record<string, SummaryRule>): string[] {
  const broken = Object.entries(summary).filter(([, rule]) => (rule.violations?.length ?? 0) + (rule.expiredDeviations?.length ?? 0) > 0);
  if (broken.length === 0) return [];
  const width = Math.max(4, ...broken.map(([name]) => name.length));
  return [
    `  ${'rule'.padEnd(width)}  cases  first case`,
    ...broken.flatMap(([name, rule]) => {
      const first = rule.violations?.[0];
      const expired = rule.expiredDeviations?.length ? `expired deviation ${rule.expiredDeviations.join(', ')}` : '';
      return [
        `  ${name.padEnd(width)}  ${String(rule.violations?.length ?? 0).padStart(5)}  ${first?.case ?? expired}`,
        ...(first?.rerun ? [`  ${''.padEnd(width)}         Rerun: ${first.rerun}`] : []),
      ];
    }),
  ];
}

/** One line per cause outside the contract, with its number of cases. */
function notJudgedRows(summary: Record<string, SummaryRule>): string[] {
  const byReason = new Map<string, number>();
  for (const rule of Object.values(summary)) for (const entry of rule.notJudged ?? []) byReason.set(entry.reason, (byReason.get(entry.reason) ?? 0) + 1);
  return [...byReason].map(([reason, count]) => `  not judged: ${reason}: ${count} case${count === 1 ? '' : 's'} (a cause outside the contract)`);
}

/**
 * The end-of-run table the gate prints after Playwright's own output: the broken rules, the cases
 * not judged and the behaviour drift, read from the reports, then the exit code and what it means.
 * Nothing for exit codes 2 and 3 (their one line naming the cause has been printed already), nor
 * for a run interrupted before it ended.
 */
export function gateSummaryLines(reportDir: string, code: number): string[] {
  if (!isVerdict(code) || code === GATE_EXIT.badConfiguration || code === GATE_EXIT.unreachable) return [];
  const summary = readJson<Record<string, SummaryRule>>(join(reportDir, 'contract-summary.json')) ?? {};
  const drift = readJson<{ failing?: unknown }>(join(reportDir, 'behaviour-drift.json'));
  const driftFailing = typeof drift?.failing === 'number' ? drift.failing : 0;
  const rows = [
    ...ruleRows(summary),
    ...notJudgedRows(summary),
    ...(driftFailing > 0 ? [`  behaviour drift: ${driftFailing} difference${driftFailing === 1 ? ' fails' : 's fail'} the gate (${join(reportDir, 'behaviour-drift.json')})`] : []),
  ];
  return ['', rows.length > 0 ? 'Contract gate summary' : 'Contract gate summary: no rule broken, every case judged, no drift', ...rows, `Exit ${code}: ${MEANING[code]}. Full detail: ${join(reportDir, 'junit.xml')}, ${join(reportDir, 'html')}, ${join(reportDir, 'contract-summary.json')}`];
}
