/** Headers whose values are credentials or session state: never stored, logged or reported. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * A copy of request or response headers fit for evidence: credentials replaced by `[redacted]`,
 * keeping an Authorization scheme (`Bearer [redacted]`), which tells a reader how the call
 * authenticated without telling anyone the token.
 */
export function redactedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!SECRET_HEADERS.has(name.toLowerCase())) return [name, value];
      const scheme = /^(Bearer|Basic|Digest)\s/i.exec(value)?.[1];
      return [name, scheme ? `${scheme} [redacted]` : '[redacted]'];
    }),
  );
}
