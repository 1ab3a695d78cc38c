import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseToken } from './refuse-token';
import type { SimulatorState } from './simulator-state';

/** Refuses a search whose bearer token is missing, malformed or not valid, as the active mode refuses; undefined to go on. */
export function authoriseSearch(state: SimulatorState, request: IncomingMessage, response: ServerResponse): number | undefined {
  const { behaviour, tokens } = state;
  const authorization = String(request.headers.authorization ?? '');
  // RFC 9110 §11.1: the scheme name is case-insensitive.
  const bearer = (behaviour.schemeCaseSensitive ? /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/ : /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i).exec(authorization)?.[1];
  const tokenStatus = bearer ? tokens.status(tokens.lookup(bearer, behaviour.matchesIssuedToken)) : 'unknown';
  const anonymousAllowed = behaviour.acceptsAnonymous === true && authorization === '';
  if (tokenStatus !== 'valid' && !anonymousAllowed) return refuseToken(state, response, !authorization ? 'missing' : !bearer ? 'malformed' : tokenStatus);
  // This search is answered; the tokens that were valid for it may not be for the next.
  if (tokenStatus === 'valid' && behaviour.revokesTokens?.(++state.validSearches)) tokens.revokeAll();
  return undefined;
}
