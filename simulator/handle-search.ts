import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreferred } from './answer-preferred';
import { answerRateLimited } from './answer-rate-limited';
import { answerSearch } from './answer-search';
import { authoriseSearch } from './authorise-search';
import { readSearchBody } from './read-search-body';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';
import { validateSearch } from './validate-search';

/** The active mode's failure of every search past credentials and limits, sent as it is; undefined to go on. */
function failSearch(state: SimulatorState, response: ServerResponse): number | undefined {
  const failure = state.behaviour.failsSearch?.();
  return failure ? sendAnswer(response, failure.status, failure.body, failure.contentType, failure.headers) : undefined;
}

/**
 * Answers one search, each step able to answer first: Prefer, credentials, rate limits, the mode's
 * failure; then the body is read and validated, and a valid search is matched and answered.
 */
export async function handleSearch(state: SimulatorState, request: IncomingMessage, response: ServerResponse): Promise<number> {
  const early = answerPreferred(state, request, response) ?? authoriseSearch(state, request, response) ?? answerRateLimited(state, response) ?? failSearch(state, response);
  if (early !== undefined) return early;
  const reading = await readSearchBody(state, request, response);
  if ('status' in reading) return reading.status;
  const judged = validateSearch(state, response, reading.body);
  return typeof judged === 'number' ? judged : answerSearch(state, response, judged);
}
