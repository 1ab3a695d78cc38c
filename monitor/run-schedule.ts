import cron from 'node-cron';

/*
 * MONITOR_SCHEDULE read by node-cron, the design card's scheduler, as a cron expression in UTC: five
 * fields as crontab(5), or six with seconds first. UTC is also what lets the build give node-cron a
 * date formatter without ICU's locale data (monitor/utc-date-time-format.ts, 6 MiB of resident
 * memory): another zone here needs that substitution removed from monitor/build/build-monitor.ts.
 */
const TIMEZONE = 'Etc/UTC';

/** Why a schedule is not a cron expression the monitor runs on, or undefined when it is one. */
export function scheduleProblem(schedule: string): string | undefined {
  const validation = cron.validateDetailed(schedule);
  if (validation.valid) return undefined;
  return validation.errors.map((error) => error.message).join(', ') || 'unparsable';
}

/** Shortest gap between the next few runs of a valid schedule, in milliseconds. */
export function shortestInterval(schedule: string): number {
  const task = cron.createTask(schedule, () => undefined, { timezone: TIMEZONE });
  try {
    const runs = task.getNextRuns(6).map((date) => date.getTime());
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 1; i < runs.length; i++) shortest = Math.min(shortest, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
    return shortest;
  } finally {
    void task.destroy();
  }
}

/** A schedule that calls its function until stopped. */
export interface RunSchedule {
  stop(): Promise<void>;
}

/**
 * Calls `run` on the schedule; while the previous call is still going, calls `onOverlap` instead
 * (node-cron's noOverlap), so runs never pile up.
 */
export function scheduleRuns(schedule: string, run: () => Promise<unknown> | undefined, onOverlap: () => void): RunSchedule {
  const task = cron.schedule(schedule, () => run(), { name: 'customer-search-probes', timezone: TIMEZONE, noOverlap: true });
  task.on('execution:overlap', onOverlap);
  return {
    stop: async () => {
      await task.destroy();
    },
  };
}
