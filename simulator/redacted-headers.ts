import type { IncomingMessage } from 'node:http';

/** A request's headers as recorded: the Authorization header reduced to its scheme. */
export function redactedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? `${text.split(' ')[0]} [redacted]` : text;
  }
  return headers;
}
