import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnsupportedDateFormatError, UtcDateTimeFormat } from '../monitor/utc-date-time-format';
import { builtMonitor } from '../harness/built-monitor';

/* node-cron reads every date through the formatter the build gives it: it must answer exactly as Intl.DateTimeFormat does for UTC. */

/** The two formatters node-cron makes (its getPartsFormatter and getOffsetFormatter), with the monitor's time zone. */
const NODE_CRON_OPTIONS: readonly Intl.DateTimeFormatOptions[] = [
  { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', hour12: false, timeZone: 'Etc/UTC' },
  { timeZone: 'Etc/UTC', timeZoneName: 'shortOffset' },
];

test('for UTC it answers every instant as Intl.DateTimeFormat does, part for part, for both of node-cron\'s formatters', () => {
  // 1970 to 2200, with the instants around midnight, month ends and leap days that a walker crosses.
  const instants = fc.oneof(
    fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }),
    fc.tuple(fc.integer({ min: 1970, max: 2199 }), fc.integer({ min: 0, max: 11 }), fc.constantFrom(1, 28, 29, 30, 31), fc.integer({ min: -1500, max: 1500 })).map(([year, month, day, ms]) => Date.UTC(year, month, day) + ms),
  );
  for (const options of NODE_CRON_OPTIONS) {
    const real = new Intl.DateTimeFormat('en-US', options);
    const ours = new UtcDateTimeFormat('en-US', options);
    fc.assert(
      // A plain comparison: expect() per instant would cost more than the formatting itself.
      fc.property(instants, (ms) => JSON.stringify(ours.formatToParts(new Date(ms))) === JSON.stringify(real.formatToParts(new Date(ms)))),
      { seed: 20261207, numRuns: 3000 },
    );
  }
});

test('every name of UTC is answered; another zone, locale or clock is refused by name instead of answered wrongly', () => {
  for (const timeZone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/Universal', 'Zulu']) {
    const at = new Date(Date.UTC(2026, 11, 7, 23, 59, 58));
    expect(new UtcDateTimeFormat('en-US', { ...NODE_CRON_OPTIONS[0], timeZone }).formatToParts(at)).toEqual(new Intl.DateTimeFormat('en-US', { ...NODE_CRON_OPTIONS[0], timeZone }).formatToParts(at));
  }
  const refused = (locale: string, options: Intl.DateTimeFormatOptions): string => {
    try {
      new UtcDateTimeFormat(locale, options);
      return 'answered';
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedDateFormatError);
      return (error as Error).message;
    }
  };
  expect(refused('en-US', { timeZone: 'Europe/Oslo' })).toBe('the UTC date formatter bundled for node-cron does not support the time zone Europe/Oslo; schedule in UTC (monitor/run-schedule.ts)');
  expect(refused('en-US', { hour: '2-digit' })).toMatch(/the time zone undefined/);
  expect(refused('nb-NO', { timeZone: 'UTC' })).toMatch(/the locale "nb-NO"/);
  expect(refused('en-US', { timeZone: 'UTC', hour: '2-digit' })).toMatch(/a 12-hour clock/);
  expect(refused('en-US', { timeZone: 'UTC', month: 'long' })).toMatch(/month: long/);
  expect(refused('en-US', { timeZone: 'UTC', timeZoneName: 'long' })).toMatch(/timeZoneName long/);
});

test('the built monitor gives node-cron that formatter: its start-up code makes no Intl date formatter, so ICU\'s locale data is never loaded', () => {
  const bundle = readFileSync(join(builtMonitor().dir, 'monitor-main.js'), 'utf8');
  expect(bundle).not.toMatch(/Intl\.DateTimeFormat/);
  expect(bundle.match(/new UtcDateTimeFormat\(/g)).toHaveLength(2);
});
