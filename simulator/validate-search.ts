import type { ServerResponse } from 'node:http';
import { validateSchema, type SchemaViolation } from '../contracts/contract-validator';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { ProviderBehaviour } from './provider-behaviour';
import { sendAnswer } from './send-answer';
import { sendError } from './send-error';
import type { SimulatorState } from './simulator-state';

/** The request's schema violations, less the ones the active mode pretends not to see. */
function requestViolations(behaviour: ProviderBehaviour, body: unknown): SchemaViolation[] {
  const violations = validateSchema('SearchCustomerRequest', body);
  const ignored = behaviour.ignoresViolation;
  return ignored ? violations.filter((violation) => !ignored(violation, body)) : violations;
}

/**
 * Judges a parsed search against the contract as the active mode does: the search to answer, or the
 * status of the answer already sent (the mode's crash, or a 400 naming the broken places).
 */
export function validateSearch(state: SimulatorState, response: ServerResponse, body: unknown): SearchRequestBody | number {
  const { behaviour } = state;
  const crash = behaviour.crash?.(body);
  if (crash) return sendAnswer(response, crash.status, crash.body, crash.contentType);
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const violations = requestViolations(behaviour, body);
  if (violations.length > 0 || !isObject || behaviour.refuses?.(body as SearchRequestBody)) {
    // Names the broken places, never the values: they are customer data.
    const where = [...new Set(violations.map((v) => v.instancePath || 'search requirement'))].join(', ');
    return sendError(state, response, 400, 'ValidationException', `Invalid request: ${where}`);
  }
  return body as SearchRequestBody;
}
