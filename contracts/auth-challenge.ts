/** RFC 9110 §5.6.2's token: the characters an auth-scheme and an auth-param name are made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** One challenge of a WWW-Authenticate field value: its scheme in lower case and its auth-params as sent (names in lower case, values unquoted). */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: readonly (readonly [name: string, value: string])[];
}

/** The list elements of a field value: commas inside quoted strings separate nothing. */
function listElements(fieldValue: string): string[] {
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
  return elements.map((element) => element.trim()).filter((element) => element !== '');
}

/** `name = value` with the value a token or a quoted string (unescaped); undefined for anything else. */
function authParam(text: string): readonly [string, string] | undefined {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*(?:"((?:[^"\\]|\\[^])*)"|([^\s"]*))$/.exec(text);
  if (!match) return undefined;
  const value = match[2] !== undefined ? match[2].replace(/\\([^])/g, '$1') : (match[3] ?? '');
  return [(match[1] ?? '').toLowerCase(), value];
}

/**
 * The challenges a WWW-Authenticate field value holds (RFC 9110 §11.6.1: a list of challenges, each
 * a scheme followed by a token68 or auth-params; several fields are one list). A list element that
 * starts `name=` is an auth-param of the challenge before it, any other element starts a challenge.
 */
export function parseChallenges(fieldValue: string): AuthChallenge[] {
  const challenges: { scheme: string; params: (readonly [string, string])[] }[] = [];
  for (const element of listElements(fieldValue)) {
    const name = TOKEN.exec(element)?.[0];
    if (name === undefined) continue;
    const rest = element.slice(name.length);
    if (/^[ \t]*=/.test(rest)) {
      const param = authParam(element);
      if (param) challenges.at(-1)?.params.push(param);
      continue;
    }
    const challenge = { scheme: name.toLowerCase(), params: [] as (readonly [string, string])[] };
    const param = authParam(rest.trim());
    if (param) challenge.params.push(param);
    challenges.push(challenge);
  }
  return challenges;
}

/** The auth-schemes a WWW-Authenticate field value offers, in lower case. */
export function challengeSchemes(fieldValue: string): string[] {
  return parseChallenges(fieldValue).map((challenge) => challenge.scheme);
}
