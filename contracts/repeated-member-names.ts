/**
 * The names a JSON text's top-level object holds more than once. JSON.parse keeps the last of them
 * silently, so a text must be read for itself to see what RFC 6749 §3.2 forbids in a token answer
 * ("response parameters MUST NOT be included more than once"). Meant for a text that parses.
 */
export function repeatedMemberNames(text: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      const start = at;
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
      if (depth !== 1) continue;
      let next = at + 1;
      while (next < text.length && ' \t\n\r'.includes(text[next] as string)) next++;
      if (text[next] !== ':') continue;
      const name = JSON.parse(text.slice(start, at + 1)) as string;
      (seen.has(name) ? repeated : seen).add(name);
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return [...repeated];
}
