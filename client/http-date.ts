import { HTTP_DATE_MONTHS as MONTHS, IMF_FIXDATE } from '../contracts/imf-fixdate';

const MONTH = MONTHS.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const RFC850_DATE = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTH}) ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * An HTTP-date (RFC 9110 §5.6.7) as clock milliseconds, or undefined when the text is none. Reads the
 * three forms a recipient MUST accept, all in GMT: IMF-fixdate, the obsolete RFC 850 form (a two-digit
 * year more than 50 years ahead is read as the most recent past year with those digits) and asctime.
 * `Date.parse` is not used: it reads asctime, which has no zone, in the machine's local time, and
 * takes many texts that are no date at all.
 */
export function parseHttpDate(text: string, nowMs: number = Date.now()): number | undefined {
  // A group that did not take part reads as undefined, and a date with any part missing is none.
  const at = (year: number, month: string | undefined, day: string | undefined, h: string | undefined, m: string | undefined, s: string | undefined): number | undefined => {
    const monthIndex = month === undefined ? -1 : MONTHS.indexOf(month);
    const ms = monthIndex < 0 ? Number.NaN : Date.UTC(year, monthIndex, Number(day), Number(h), Number(m), Number(s));
    return Number.isNaN(ms) ? undefined : ms;
  };
  const fixdate = IMF_FIXDATE.exec(text);
  if (fixdate) return at(Number(fixdate[3]), fixdate[2], fixdate[1], fixdate[4], fixdate[5], fixdate[6]);
  const rfc850 = RFC850_DATE.exec(text);
  if (rfc850) {
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(rfc850[3]);
    if (year > thisYear + 50) year -= 100;
    return at(year, rfc850[2], rfc850[1], rfc850[4], rfc850[5], rfc850[6]);
  }
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime) return at(Number(asctime[6]), asctime[1], asctime[2]?.trim(), asctime[3], asctime[4], asctime[5]);
  return undefined;
}
