import type { ServerResponse } from 'node:http';
import type { TokenRefusal, TokenRefusalReason } from './provider-behaviour';
import { sendError } from './send-error';
import type { SimulatorState } from './simulator-state';

const REFUSAL_MESSAGES: Record<TokenRefusalReason, string> = {
  missing: 'No access token',
  malformed: 'Malformed access token',
  unknown: 'Access token unknown',
  expired: 'Access token expired',
  revoked: 'Access token revoked',
};

/**
 * The simulator's own refusals: 403 as the page documents; a revoked token (only a variant revokes)
 * gets RFC 6750 §3.1's 401 `invalid_token`, which tells the client a new token may succeed.
 */
const defaultTokenRefusal = (reason: TokenRefusalReason): TokenRefusal =>
  reason === 'revoked' ? { status: 401, challenge: 'Bearer error="invalid_token", error_description="The access token was revoked"' } : { status: 403 };

/** Refuses a search's credentials as the active mode does, else as the simulator does. */
export function refuseToken(state: SimulatorState, response: ServerResponse, reason: TokenRefusalReason): number {
  const refusal = (state.behaviour.tokenRefusal ?? defaultTokenRefusal)(reason);
  const exceptionType = refusal.status === 401 ? 'UnauthorizedException' : refusal.status === 400 ? 'BadRequestException' : 'AccessDeniedException';
  return sendError(state, response, refusal.status, exceptionType, REFUSAL_MESSAGES[reason], refusal.challenge ? { 'www-authenticate': refusal.challenge } : {});
}
