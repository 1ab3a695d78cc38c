/**
 * Text as this market's customer data really has it: Norwegian, Swedish and Danish letters, the
 * accents of names borrowed from elsewhere, apostrophes, hyphens and spaces. Used for the fixed
 * boundary cases and as one of the generator's alphabets, so that a provider counting a limit in
 * bytes or UTF-16 units instead of characters (code points, as JSON Schema does) is caught.
 */

/** Letters, Nordic and accented first: most of them take two bytes in UTF-8. */
export const MARKET_LETTERS = [...'ÆØÅæøåÄÖäöÉéÈèÜüÓóÑñÇçÁáÍíÚúÊêÔôabcdefghijklmnoprstuvyABDEFGHIJKLMNOPRSTV'];

/** Separators that appear inside names and addresses, never at either end. */
export const MARKET_SEPARATORS = [' ', '-', "'"];

/** Words a boundary value is built from: each starts and ends with a letter. */
const WORDS = ['Bjørnstjerne', 'Ødegård', 'Sæbø', 'Åsmund', 'Gjærde', 'Löfgren', 'Ängelholm', 'Séverin', 'D\'Ávila', 'Müller-Lüdenscheidt', 'Høyesterett', 'Tromsø', 'Kærlighedsstien', 'Ærø'];

/**
 * A value of exactly `length` characters (code points), made of real Nordic words, starting and
 * ending with a letter. `offset` picks the first word, so different fields get different text.
 */
export function marketText(length: number, offset = 0): string {
  if (length <= 0) return '';
  // The words from the offset's on, round and round, each followed by a space.
  const start = offset % WORDS.length;
  const round = `${[...WORDS.slice(start), ...WORDS.slice(0, start)].join(' ')} `;
  const cut = [...round.repeat(Math.ceil(length / characterCount(round)))].slice(0, length);
  // Never end on a separator: providers may trim, which would change the length under test.
  for (let index = cut.length - 1; index >= 0 && MARKET_SEPARATORS.includes(cut[index] ?? ''); index--) cut[index] = 'ø';
  return cut.join('');
}

/** Length in code points, the unit of JSON Schema's maxLength. */
export function characterCount(text: string): number {
  return [...text].length;
}
