import { marketText } from './market-text';

/**
 * Text from every class of code point, for the coverage phase. Classes the page rules on (printable
 * characters, contradiction text-characters) fill a field up to its limit, counted in code points;
 * classes it does not rule on are short values that carry the class's characters early, so even a
 * 3-character field holds one.
 */
export interface TextClass {
  readonly name: string;
  /** What a reader sees in the coverage table. */
  readonly label: string;
  /** Printable characters a provider must accept (true), or characters the page does not rule on. */
  readonly ruled: boolean;
  /** A value of at most `max` code points (exactly `max` for ruled classes). */
  readonly text: (max: number) => string;
}

const WORD_EDGE = /[\p{L}\p{N}]/u;

/** Exactly `length` code points of the words, joined by spaces; never starting or ending on a non-letter, so trimming changes nothing. */
function wordsOfLength(words: readonly string[], length: number): string {
  const round = `${words.join(' ')} `;
  const cut = [...round.repeat(Math.ceil(length / [...round].length))].slice(0, length);
  // The first word's first character, which the edges take when they are not a letter.
  const [edge = ''] = words[0] ?? '';
  for (const at of [0, cut.length - 1]) {
    const point = cut[at];
    if (point !== undefined && !WORD_EDGE.test(point)) cut[at] = edge;
  }
  return cut.join('');
}

/** The first `max` code points of a sample. */
const upTo = (sample: string, max: number): string => [...sample].slice(0, max).join('');

export const textClasses: readonly TextClass[] = [
  { name: 'ascii', label: 'ASCII letters, digits, punctuation', ruled: true, text: (max) => wordsOfLength(["O'Brien-Smith", '&', 'Co.', '42B', '(West)', 'Hansen/Berg'], max) },
  { name: 'latin-1', label: 'Latin-1 beyond the Nordic letters', ruled: true, text: (max) => wordsOfLength(['Müller', 'Núñez', 'François', 'Groß', 'Ìñïgo', 'µ½°©'], max) },
  { name: 'nordic', label: 'Nordic letters', ruled: true, text: (max) => marketText(max) },
  { name: 'other-bmp', label: 'other scripts (Greek, Cyrillic, Arabic, CJK…)', ruled: true, text: (max) => wordsOfLength(['Αθήνα', 'Москва', 'القاهرة', 'ירושלים', '東京都', 'สมชาย'], max) },
  { name: 'astral', label: 'astral characters (emoji, historic scripts)', ruled: true, text: (max) => wordsOfLength(['𝔘𝔫𝔦', '😀👍', '𠀀𠀁', '𐌰𐌱𐌲'], max) },
  {
    name: 'combining',
    label: 'combining marks (NFD letters)',
    ruled: true,
    text: (max) => upTo(marketText(max * 2).normalize('NFD'), max),
  },
  { name: 'format', label: 'zero-width and bidi format characters', ruled: false, text: (max) => upTo('N\u200Bo\u200Dr\u2060d\u202Em\uFEFFann', max) },
  { name: 'control', label: 'control characters (bell, tab, newline, DEL, C1)', ruled: false, text: (max) => upTo('N\u0007o\tr\nd\u007Fm\u0085ann', max) },
  { name: 'nul', label: 'a NUL character', ruled: false, text: (max) => upTo('N\u0000ordmann', max) },
  { name: 'lone-surrogate', label: 'a lone surrogate (escaped as \\ud800 in the JSON)', ruled: false, text: (max) => upTo('N\uD800ordmann', max) },
  { name: 'private-use', label: 'private-use and unassigned code points', ruled: false, text: (max) => upTo('N\uE000o\u0378r\uFFFFdmann', max) },
  { name: 'whitespace-only', label: 'only whitespace (ASCII and Unicode spaces)', ruled: false, text: (max) => upTo(' \u00A0\u2003\u3000 ', max) },
  { name: 'padded', label: 'leading and trailing whitespace', ruled: false, text: (max) => (max < 3 ? ' N' : ` ${marketText(Math.min(8, max - 2))} `) },
  { name: 'empty', label: 'the empty string', ruled: false, text: () => '' },
];
