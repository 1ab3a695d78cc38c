/** RFC 9110 §5.6.2's token: the characters an auth-scheme and an auth-param name are made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * The auth-schemes a WWW-Authenticate field value offers, in lower case (RFC 9110 §11.6.1: a list of
 * challenges, each a scheme followed by a token68 or auth-params; several fields are one list).
 * Commas inside quoted strings separate nothing; a list element that starts `name=` is an auth-param
 * of the challenge before it, any other element starts a challenge.
 */
export function challengeSchemes(fieldValue: string): string[] {
  const elements: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < fieldValue.length; index++) {
    const char = fieldValue[index] ?? '';
    if (quoted && char === '\\') {
      current += char + (fieldValue[++index] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      elements.push(current);
      current = '';
    } else current += char;
  }
  elements.push(current);
  return elements.flatMap((element) => {
    const trimmed = element.trim();
    const name = TOKEN.exec(trimmed)?.[0];
    if (name === undefined || /^\s*=/.test(trimmed.slice(name.length))) return [];
    return [name.toLowerCase()];
  });
}
