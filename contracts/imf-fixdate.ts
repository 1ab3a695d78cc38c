/** The month names of an HTTP-date (RFC 9110 §5.6.7), in calendar order. */
export const HTTP_DATE_MONTHS: readonly string[] = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 9110 §5.6.7's IMF-fixdate, unanchored, the one HTTP-date form a sender MUST generate (the RFC
 * 850 and asctime forms are a recipient's to read, never a sender's to write): day-name, two-digit
 * day, month, four-digit year, time and GMT, one space apart and no other whitespace. Groups: day,
 * month, year, hour, minute, second. Only the grammar is read: a day-name that does not fit the date
 * is the recipient's to forgive.
 */
export const IMF_FIXDATE_PATTERN = `(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) (${HTTP_DATE_MONTHS.join('|')}) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT`;

/** A whole field value that is an IMF-fixdate. */
export const IMF_FIXDATE = new RegExp(`^${IMF_FIXDATE_PATTERN}$`);
