import type { ServerResponse } from 'node:http';

/** Sends a whole answer with Content-Length; returns its status for the record. */
export function sendAnswer(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json; charset=utf-8',
  extra: Readonly<Record<string, string>> = {},
): number {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
  response.end(body);
  return status;
}
