import type { ServerResponse } from 'node:http';
import { rateHeaders } from './rate-headers';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';

/** The hint of the simulator's own 429s: the vendor's headers, the wait rounded up to whole seconds. */
const defaultRateLimitHint = (waitMs: number): Record<string, string> => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.max(1, Math.ceil(waitMs / 1000))) });

/** Counts a search against the rate limits and answers it 429, with the active mode's hint, when it is past them; undefined to go on. */
export function answerRateLimited(state: SimulatorState, response: ServerResponse): number | undefined {
  const { window } = state;
  if (!window || window.tryTake()) return undefined;
  const body = JSON.stringify({ exceptionType: 'TooManyRequestsException', errorMessage: 'Rate limit exceeded' });
  return sendAnswer(response, 429, body, undefined, rateHeaders(state, (state.behaviour.rateLimitHint ?? defaultRateLimitHint)(window.waitMs())));
}
