import { Cron, type CronOptions } from 'croner';

/*
 * MONITOR_SCHEDULE read as a cron expression in UTC, given to croner as a fixed offset from UTC:
 * naming a time zone (node-cron does it for every date it reads, even without one) formats dates
 * with Intl.DateTimeFormat, which loads ICU's calendar and time-zone data, about 9 MiB of resident
 * memory in a process that otherwise needs a few. Five fields as crontab(5), or six with seconds first.
 */
const options = { utcOffset: 0, mode: '5-or-6-parts' } satisfies CronOptions;

/** Why a schedule is not a cron expression the monitor runs on, or undefined when it is one. */
export function scheduleProblem(schedule: string): string | undefined {
  try {
    new Cron(schedule, { ...options, paused: true }).stop();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern: /, '') : 'unparsable';
  }
}

/** Shortest gap between the next few runs of a valid schedule, in milliseconds. */
export function shortestInterval(schedule: string): number {
  const runs = new Cron(schedule, options).nextRuns(6).map((date) => date.getTime());
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++) shortest = Math.min(shortest, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
  return shortest;
}

/** A schedule that calls its function until stopped. */
export interface RunSchedule {
  stop(): void;
}

/**
 * Calls `run` on the schedule; while the promise of the previous call is still pending, calls
 * `onOverlap` instead (croner's `protect`), so runs never pile up. Unnamed: croner's names are one
 * registry per process, and two monitors may share a process (two locations in a test).
 */
export function scheduleRuns(schedule: string, run: () => Promise<unknown> | undefined, onOverlap: () => void): RunSchedule {
  const job = new Cron(schedule, { ...options, protect: onOverlap }, async () => {
    await run();
  });
  return { stop: () => job.stop() };
}
