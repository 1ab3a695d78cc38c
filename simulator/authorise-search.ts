import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseToken } from './refuse-token';
import type { SimulatorState } from './simulator-state';

/** RFC 6750 §2.1's credentials: the scheme, case-insensitive (RFC 9110 §11.1), 1*SP, then a b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
/** The same, with the scheme read case-sensitively (fault mode bearer-scheme-case-sensitive). */
const BEARER_EXACT = new RegExp(BEARER.source);
/** The same, with exactly one space after the scheme (fault mode bearer-single-space-only). */
const BEARER_ONE_SPACE = new RegExp(BEARER.source.replace(' +', ' '), 'i');

/** Refuses a search whose bearer token is missing, malformed or not valid, as the active mode refuses; undefined to go on. */
export function authoriseSearch(state: SimulatorState, request: IncomingMessage, response: ServerResponse): number | undefined {
  const { behaviour, tokens } = state;
  const authorization = String(request.headers.authorization ?? '');
  const bearer = (behaviour.schemeCaseSensitive ? BEARER_EXACT : behaviour.oneSpaceOnly ? BEARER_ONE_SPACE : BEARER).exec(authorization)?.[1];
  const tokenStatus = bearer ? tokens.status(tokens.lookup(bearer, behaviour.matchesIssuedToken)) : 'unknown';
  const anonymousAllowed = behaviour.acceptsAnonymous === true && authorization === '';
  if (tokenStatus !== 'valid' && !anonymousAllowed) return refuseToken(state, response, !authorization ? 'missing' : !bearer ? 'malformed' : tokenStatus);
  // This search is answered; the tokens that were valid for it may not be for the next.
  if (tokenStatus === 'valid' && behaviour.revokesTokens?.(++state.validSearches)) tokens.revokeAll();
  return undefined;
}
