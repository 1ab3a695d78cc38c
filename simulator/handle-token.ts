import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientCredentials, type ClientAuth } from './client-credentials';
import { readBody } from './read-body';
import { sendAnswer } from './send-answer';
import type { SimulatorState } from './simulator-state';

/**
 * The OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4): the active mode's failure, else a
 * token for the simulator's client, else the RFC's error. Returns the status and how the client authenticated.
 */
export async function handleToken(state: SimulatorState, request: IncomingMessage, response: ServerResponse): Promise<{ readonly status: number; readonly auth: ClientAuth }> {
  const form = new URLSearchParams((await readBody(request)).toString('utf8'));
  const { behaviour, settings } = state;
  const { id, secret, auth } = clientCredentials(request, form, behaviour.splitsUserPass);
  // RFC 6749 §5.1: an answer holding a token is never stored by a cache.
  const json = (status: number, body: object, headers: Record<string, string> = {}, text = JSON.stringify(body)): number =>
    sendAnswer(response, status, text, undefined, { 'cache-control': behaviour.tokenCacheControl ?? 'no-store', ...headers });
  // RFC 6749 §5.2: a refusal names its error code in a JSON object, unless the mode writes its own body.
  const refuse = (status: number, error: string, headers: Record<string, string> = {}): number => json(status, behaviour.tokenErrorBody?.(error) ?? { error }, headers);
  const failure = behaviour.failsToken?.();
  if (failure) return { status: sendAnswer(response, failure.status, failure.body, failure.contentType, failure.headers), auth };
  const { tokenWindow } = state;
  if (tokenWindow && !tokenWindow.tryTake()) {
    // RFC 6585 §4: the answer may say when to come back, in whole seconds.
    return { status: json(429, { error: 'rate_limited' }, { 'retry-after': String(Math.max(1, Math.ceil(tokenWindow.waitMs() / 1000))) }), auth };
  }
  if (form.get('grant_type') !== 'client_credentials') return { status: refuse(400, 'unsupported_grant_type'), auth };
  const refusedForm = behaviour.refusesTokenForm?.(form);
  if (refusedForm) return { status: refuse(400, refusedForm), auth };
  const refusedMethod = auth !== 'none' && behaviour.acceptsClientAuth?.(auth) === false;
  // RFC 6749 §5.2: a 401 challenges for the scheme the client used, Basic, the one every server supports (RFC 9110 §15.5.2: a 401 always challenges).
  if (refusedMethod || id !== settings.clientId || secret !== settings.clientSecret) {
    return { status: refuse(401, 'invalid_client', { 'www-authenticate': behaviour.clientChallenge ?? 'Basic realm="simulator"' }), auth };
  }
  const lifetimeS = state.tokenLifetimeS;
  const token = state.tokens.issue(lifetimeS);
  const fields = { access_token: token, token_type: 'Bearer', expires_in: lifetimeS, scope: 'read' };
  const issued = behaviour.tokenFields?.(fields) ?? fields;
  return { status: json(200, issued, {}, behaviour.tokenText?.(JSON.stringify(issued)) ?? JSON.stringify(issued)), auth };
}
