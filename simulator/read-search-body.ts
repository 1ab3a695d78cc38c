import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body';
import { sendError } from './send-error';
import type { SimulatorState } from './simulator-state';

/** A search's body as the active mode reads it, or the status of the 400 already sent for it. */
export type SearchBodyReading = { readonly body: unknown } | { readonly status: number };

/** Reads and parses a search's body (kept with `recordBodies`); a body too large or not JSON gets a 400. */
export async function readSearchBody(state: SimulatorState, request: IncomingMessage, response: ServerResponse): Promise<SearchBodyReading> {
  // A body past the limit is the client's mistake: a 400, never a 5xx.
  const read = await readBody(request).catch(() => undefined);
  if (read === undefined) return { status: sendError(state, response, 400, 'BadRequestException', 'Request body too large') };
  const chunked = request.headers['content-length'] === undefined && request.headers['transfer-encoding'] !== undefined;
  if (chunked && state.behaviour.requiresContentLength) return { status: sendError(state, response, 411, 'LengthRequiredException', 'Content-Length required') };
  const bytes = chunked && state.behaviour.ignoresChunkedBody ? Buffer.alloc(0) : read;
  if (state.settings.recordBodies) state.receivedBodies.set(request, bytes);
  if (state.behaviour.refusesAccept?.(request.headers.accept)) {
    return { status: sendError(state, response, 406, 'NotAcceptableException', 'Accept must be application/json') };
  }
  if (state.behaviour.refusesMediaType?.(request.headers['content-type'])) {
    return { status: sendError(state, response, 415, 'UnsupportedMediaTypeException', 'Content-Type must be application/json') };
  }
  try {
    const { readsBody, parsesJson = JSON.parse } = state.behaviour;
    const parsed: unknown = parsesJson(bytes.toString('utf8'));
    return { body: readsBody ? readsBody(parsed) : parsed };
  } catch {
    return { status: sendError(state, response, 400, 'BadRequestException', 'Request body is not JSON') };
  }
}
