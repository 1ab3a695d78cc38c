import { readFileSync } from 'node:fs';
import type { ConfigProblem } from '../client/config-error';
import type { Environment } from '../client/environment-reader';

/** A declared maintenance of the provider: probes go on, their failures are marked as expected. */
export interface MaintenanceWindow {
  /** Inclusive. */
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  readonly reason: string;
}

export const MAINTENANCE_VARIABLE = 'MONITOR_MAINTENANCE';

// RFC 3339 date-time with a mandatory offset: a window without one would move with the server's zone.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function readTime(value: unknown, where: string, problems: ConfigProblem[]): Date | undefined {
  const date = typeof value === 'string' && RFC3339.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    problems.push({ variable: MAINTENANCE_VARIABLE, message: `${where} must be an RFC 3339 time with an offset (e.g. 2026-12-01T22:00:00Z), got ${JSON.stringify(value) ?? 'nothing'}` });
    return undefined;
  }
  return date;
}

/**
 * Parses the maintenance file: a JSON array of `{"start", "end", "reason"}` objects, times in RFC
 * 3339 with an offset, `end` after `start`, a non-empty reason. Every bad entry is reported, named
 * by its position (from 1) and its reason when it has one.
 */
export function parseMaintenanceWindows(text: string, problems: ConfigProblem[]): MaintenanceWindow[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    problems.push({ variable: MAINTENANCE_VARIABLE, message: `is not JSON (${(error as Error).message})` });
    return [];
  }
  if (!Array.isArray(entries)) {
    problems.push({ variable: MAINTENANCE_VARIABLE, message: 'must hold a JSON array of {"start", "end", "reason"} objects' });
    return [];
  }
  const windows: MaintenanceWindow[] = [];
  entries.forEach((entry: unknown, index) => {
    const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    const reason = typeof record?.reason === 'string' ? record.reason.trim() : '';
    const where = `entry ${index + 1}${reason ? ` ("${reason.slice(0, 60)}")` : ''}`;
    if (!record) {
      problems.push({ variable: MAINTENANCE_VARIABLE, message: `${where} must be an object with start, end and reason` });
      return;
    }
    const before = problems.length;
    const unknown = Object.keys(record).filter((key) => !['start', 'end', 'reason'].includes(key));
    if (unknown.length > 0) problems.push({ variable: MAINTENANCE_VARIABLE, message: `${where} has unknown key ${unknown.join(', ')} (known: start, end, reason)` });
    if (!reason) problems.push({ variable: MAINTENANCE_VARIABLE, message: `${where} needs a non-empty reason` });
    const start = readTime(record.start, `${where} start`, problems);
    const end = readTime(record.end, `${where} end`, problems);
    if (start && end && end.getTime() <= start.getTime()) problems.push({ variable: MAINTENANCE_VARIABLE, message: `${where} ends (${record.end as string}) before it starts (${record.start as string})` });
    if (problems.length === before && start && end) windows.push({ start, end, reason });
  });
  return windows;
}

/** Reads MONITOR_MAINTENANCE (a file path); none when unset. Never throws: problems name the variable. */
export function loadMaintenanceWindows(env: Environment, problems: ConfigProblem[]): MaintenanceWindow[] {
  const file = env[MAINTENANCE_VARIABLE]?.trim();
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ variable: MAINTENANCE_VARIABLE, message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` });
    return [];
  }
  return parseMaintenanceWindows(text, problems);
}

/** The window in force at `now`, if any (the one ending last when several overlap). */
export function activeMaintenance(windows: readonly MaintenanceWindow[], now: Date): MaintenanceWindow | undefined {
  const time = now.getTime();
  let active: MaintenanceWindow | undefined;
  for (const window of windows) {
    if (window.start.getTime() <= time && time < window.end.getTime() && (!active || window.end > active.end)) active = window;
  }
  return active;
}
