import type { ServerResponse } from 'node:http';
import { rateHeaders } from './rate-headers';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';

/** Sends a documented error (the vendor's JSON error body), as the active mode answers errors, with the rate-limit headers. */
export function sendError(
  state: SimulatorState,
  response: ServerResponse,
  status: number,
  exceptionType: string,
  errorMessage: string,
  extra: Readonly<Record<string, string>> = {},
): number {
  const body = JSON.stringify({ exceptionType, errorMessage });
  const { errorAnswer } = state.behaviour;
  const answer = errorAnswer ? errorAnswer(status, body) : { status, body };
  return sendAnswer(response, answer.status, answer.body, answer.contentType, { ...rateHeaders(state), ...extra });
}
