import type { ServerResponse } from 'node:http';
import type { ProviderBehaviour, Trickle } from './provider-behaviour';

/** Writes a 200 in pieces, chunked, pausing between them; stops if the client goes away. */
function trickled(response: ServerResponse, bytes: Buffer, trickle: Trickle): void {
  const size = Math.ceil(bytes.length / Math.max(1, trickle.pieces));
  let offset = 0;
  const next = (): void => {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + size));
    offset += size;
    if (offset >= bytes.length) response.end();
    else setTimeout(next, trickle.delayMs);
  };
  next();
}

/** Writes a 200 as the behaviour serialises, encodes and delivers it (one piece with Content-Length, or trickled). */
export function writeSuccess(response: ServerResponse, behaviour: ProviderBehaviour, customers: readonly Record<string, unknown>[], headers: Record<string, string>): number {
  const text = JSON.stringify(behaviour.presentAnswer ? behaviour.presentAnswer(customers) : { customers });
  const bytes = behaviour.encodesSuccess ? behaviour.encodesSuccess(text) : Buffer.from(text, 'utf8');
  const contentType = behaviour.successContentType ?? 'application/json; charset=utf-8';
  if (!behaviour.trickle) {
    response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length, ...headers });
    response.end(bytes);
  } else {
    response.writeHead(200, { 'content-type': contentType, ...headers });
    trickled(response, bytes, behaviour.trickle);
  }
  return 200;
}
