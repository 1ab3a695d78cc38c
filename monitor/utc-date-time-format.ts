/*
 * What node-cron asks of Intl.DateTimeFormat, answered for UTC with plain Date arithmetic. node-cron
 * reads every date it schedules through `new Intl.DateTimeFormat('en-US', …).formatToParts(date)`,
 * time zone or not, and the first Intl object a process makes loads ICU's locale data: 6 MiB of the
 * monitor's resident memory (docs/development.md, Benchmarks). The monitor schedules in
 * UTC only (monitor/run-schedule.ts), where the answer needs no locale data, so the build gives
 * node-cron this class in Intl.DateTimeFormat's place (monitor/build/build-monitor.ts) and node-cron
 * stays the scheduler: its parser, matcher, next-run walker and overlap guard all run unchanged.
 * tests/monitor-schedule.spec.ts compares every answer with the real Intl.DateTimeFormat.
 */

/** The zone names that mean UTC in IANA's database, the only zones this formatter answers for. */
const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/Greenwich', 'Greenwich']);
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const DATE_FIELDS = ['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second'] as const;
type DateField = (typeof DATE_FIELDS)[number];

/** A formatter asked for something only real ICU data answers: another zone, locale or style. */
export class UnsupportedDateFormatError extends RangeError {
  constructor(what: string) {
    super(`the UTC date formatter bundled for node-cron does not support ${what}; schedule in UTC (monitor/run-schedule.ts)`);
    this.name = 'UnsupportedDateFormatError';
  }
}

/** Intl.DateTimeFormat's en-US answer for the UTC time zone, for the options node-cron passes. */
export class UtcDateTimeFormat {
  readonly #fields: ReadonlyMap<DateField, string>;
  readonly #offsetName: boolean;

  constructor(locale: string, options: Intl.DateTimeFormatOptions) {
    if (locale !== 'en-US') throw new UnsupportedDateFormatError(`the locale ${JSON.stringify(locale)}`);
    if (options.timeZone === undefined || !UTC_ZONES.has(options.timeZone)) throw new UnsupportedDateFormatError(`the time zone ${String(options.timeZone)}`);
    if (options.hour !== undefined && options.hour12 !== false) throw new UnsupportedDateFormatError('a 12-hour clock');
    if (options.timeZoneName !== undefined && options.timeZoneName !== 'shortOffset') throw new UnsupportedDateFormatError(`timeZoneName ${options.timeZoneName}`);
    const asked = DATE_FIELDS.filter((field) => options[field] !== undefined);
    // As ECMA-402's ToDateTimeOptions: with no date or time field asked, the date is shown.
    const fields: [DateField, string][] = asked.length > 0 ? asked.map((field) => [field, String(options[field])]) : [['month', 'numeric'], ['day', 'numeric'], ['year', 'numeric']];
    for (const [field, style] of fields) {
      const supported = field === 'weekday' ? style === 'short' : style === 'numeric' || style === '2-digit';
      if (!supported) throw new UnsupportedDateFormatError(`${field}: ${style}`);
    }
    this.#fields = new Map(fields);
    this.#offsetName = options.timeZoneName === 'shortOffset';
  }

  /** The parts en-US shows, in its order (weekday, month/day/year, hour:minute:second, zone). */
  formatToParts(date: Date | number = Date.now()): Intl.DateTimeFormatPart[] {
    const at = new Date(date);
    if (Number.isNaN(at.getTime())) throw new RangeError('Invalid time value');
    const values: Record<DateField, number | string> = {
      weekday: WEEKDAYS[at.getUTCDay()] ?? '',
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
      year: at.getUTCFullYear(),
      // As V8 resolves en-US with hour12: false (hourCycle h24): midnight is hour 24, which node-cron reads as 0.
      hour: at.getUTCHours() === 0 ? 24 : at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
    };
    const parts: Intl.DateTimeFormatPart[] = [];
    const add = (type: Intl.DateTimeFormatPartTypes, value: string): void => void parts.push({ type, value });
    const field = (name: DateField, literalBefore: string): void => {
      const style = this.#fields.get(name);
      if (style === undefined) return;
      if (parts.length > 0) add('literal', literalBefore);
      const value = values[name];
      if (typeof value === 'string' || style === 'numeric') add(name, String(value));
      else add(name, String(name === 'year' ? value % 100 : value).padStart(2, '0'));
    };
    field('weekday', '');
    field('month', ', ');
    field('day', '/');
    field('year', '/');
    field('hour', ', ');
    field('minute', ':');
    field('second', ':');
    if (this.#offsetName) {
      add('literal', ', ');
      // As Node 20's ICU names UTC in the shortOffset style (node-cron reads GMT, GMT+0 and GMT+00:00 alike as Z).
      add('timeZoneName', 'GMT+0');
    }
    return parts;
  }
}
