import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OPERATION_PATH } from '../contracts/contract-reader';
import { answerOtherMethod } from './answer-other-method';
import { handleToken } from './handle-token';
import { rateHeaders } from './rate-headers';
import type { RecordedRequest } from './recorded-request';
import { redactedHeaders } from './redacted-headers';
import { scheduleSearch } from './schedule-search';
import { sendAnswer } from './send-answer';
import { simulatorPaths } from './simulator-paths';
import { stampDate } from './stamp-date';
import type { SimulatorState } from './simulator-state';

const OPERATION = `${simulatorPaths.api}${OPERATION_PATH}`;

/** Routes one request: the token endpoint, the search, another method on the search's path, or 404; records what it answered. */
function route(state: SimulatorState, request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (state.behaviour.dateField) stampDate(response, state.behaviour.dateField);
  const record = (status: number, clientAuth?: RecordedRequest['clientAuth']): void => {
    const body = state.receivedBodies.get(request);
    state.requests.push({ method: request.method ?? '', path, headers: redactedHeaders(request), status, ...(clientAuth ? { clientAuth } : {}), ...(body ? { body: body.toString('base64') } : {}) });
  };
  const fail = (error: unknown): void => {
    if (!response.headersSent) sendAnswer(response, 500, JSON.stringify({ exceptionType: 'SimulatorError', errorMessage: String((error as Error).message) }));
    else response.destroy();
  };
  if (request.method === 'POST' && path === simulatorPaths.token) handleToken(state, request, response).then(({ status, auth }) => record(status, auth), fail);
  else if (request.method === 'POST' && path === OPERATION) scheduleSearch(state, request, response, record, fail);
  else if (path === OPERATION) record(answerOtherMethod(request, response, state.behaviour, rateHeaders(state)));
  else record(sendAnswer(response, 404, JSON.stringify({ exceptionType: 'NotFound', errorMessage: 'No such operation' })));
}

/** The simulator's HTTP server over its state (not yet listening). */
export function simulatorServer(state: SimulatorState): Server {
  const server = createServer((request, response) => route(state, request, response));
  // Node answers 100 Continue itself unless told otherwise; a fault mode waits for the content instead.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!state.behaviour.ignoresExpectContinue) response.writeContinue();
    route(state, request, response);
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
