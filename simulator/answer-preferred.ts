import type { IncomingMessage, ServerResponse } from 'node:http';
import { documentedErrorStatuses } from '../contracts/contract-reader';
import { rateHeaders } from './rate-headers';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';

/**
 * Answers a search that asks for a documented error with `Prefer: code=NNN` (as Prism does), unless
 * the active mode ignores Prefer; undefined to go on.
 */
export function answerPreferred(state: SimulatorState, request: IncomingMessage, response: ServerResponse): number | undefined {
  const preferred = /code=(\d{3})/.exec(String(request.headers.prefer ?? ''))?.[1];
  if (!preferred || state.behaviour.ignoresPrefer || !documentedErrorStatuses().includes(Number(preferred))) return undefined;
  const status = Number(preferred);
  const extra: Record<string, string> = status === 429 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } : {};
  const body = JSON.stringify({ exceptionType: `Simulated${status}`, errorMessage: `Forced by Prefer: code=${status}` });
  return sendAnswer(response, status, body, undefined, { ...rateHeaders(state), ...extra });
}
