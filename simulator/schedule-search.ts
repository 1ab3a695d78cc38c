import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSearch } from './handle-search';
import { rateHeaders } from './rate-headers';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';

/**
 * Takes a search in as the active mode does: hangs up, refuses it 429 past the searches the provider
 * answers at once, or answers it after the latency and the time the mode holds it; records the status.
 */
export function scheduleSearch(state: SimulatorState, request: IncomingMessage, response: ServerResponse, record: (status: number) => void, fail: (error: unknown) => void): void {
  const { behaviour } = state;
  if (behaviour.hangsUp) {
    request.socket.destroy();
    return;
  }
  if (state.searchesInFlight >= (behaviour.maxInFlight ?? Number.POSITIVE_INFINITY)) {
    request.resume();
    const body = JSON.stringify({ exceptionType: 'TooManyRequestsException', errorMessage: 'Too many concurrent requests' });
    record(sendAnswer(response, 429, body, undefined, rateHeaders(state, { 'retry-after': '1' })));
    return;
  }
  state.searchesInFlight++;
  response.on('close', () => state.searchesInFlight--);
  const delay = behaviour.stallsSearchMs ?? state.latencyMs + (behaviour.holdsSearchMs ?? 0);
  const run = (): void => {
    handleSearch(state, request, response).then((status) => record(status), fail);
  };
  if (delay > 0) {
    const timer = setTimeout(run, delay);
    response.on('close', () => clearTimeout(timer));
  } else run();
}
