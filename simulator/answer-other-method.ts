import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MethodAnswer, ProviderBehaviour } from './provider-behaviour';

/** The documented method only: anything else on the path is 405 with the Allow header RFC 9110 §15.5.6 requires. */
const METHOD_NOT_ALLOWED: MethodAnswer = {
  status: 405,
  body: JSON.stringify({ exceptionType: 'MethodNotAllowedException', errorMessage: 'Only POST is supported' }),
  headers: { allow: 'POST' },
};

/** Answers a method the contract does not document on the path: the behaviour's answer, else 405 with Allow. */
export function answerOtherMethod(request: IncomingMessage, response: ServerResponse, behaviour: ProviderBehaviour, headers: Record<string, string>): number {
  const answer = behaviour.otherMethod ? behaviour.otherMethod(request.method ?? '') : METHOD_NOT_ALLOWED;
  // A HEAD answer carries headers only (RFC 9110 §9.3.2).
  const body = request.method === 'HEAD' ? '' : answer.body;
  request.resume();
  response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers, ...answer.headers });
  response.end(body);
  return answer.status;
}
