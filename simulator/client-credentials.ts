import type { IncomingMessage } from 'node:http';
import { unescape } from 'node:querystring';

/** How a token request authenticated its client: HTTP Basic, the form's fields, or not at all. */
export type ClientAuth = 'body' | 'basic' | 'none';

/** The client id and secret a token request presents, and how. */
export interface ClientCredentials {
  readonly id: string | null;
  readonly secret: string | null;
  readonly auth: ClientAuth;
}

/** How a Basic `user-pass` is parted into user-id and password. */
export type UserPassSplit = (userPass: string) => readonly [user: string, password: string];

/** RFC 7617 §2: `user-pass = user-id ":" password`, and a user-id holds no colon, so the password is all after the first. */
export const firstColonSplit: UserPassSplit = (userPass) => {
  const colon = userPass.indexOf(':');
  return colon < 0 ? [userPass, ''] : [userPass.slice(0, colon), userPass.slice(colon + 1)];
};

/**
 * A token request's client credentials: HTTP Basic when sent, else the form's `client_id` and
 * `client_secret`. `split` parts the Basic user-pass (default RFC 7617's, at the first colon).
 */
export function clientCredentials(request: IncomingMessage, form: URLSearchParams, split: UserPassSplit = firstColonSplit): ClientCredentials {
  const basic = /^Basic (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
  if (!basic) {
    const id = form.get('client_id');
    return { id, secret: form.get('client_secret'), auth: id ? 'body' : 'none' };
  }
  // RFC 6749 §2.3.1: each part was form-encoded before Base64, so `+` is a space; a stray `%` is
  // kept as it came (querystring's lenient decoding), not a crash of the token endpoint.
  const [user, pass] = split(Buffer.from(basic, 'base64').toString('utf8'));
  const formDecoded = (part: string): string => unescape(part.replace(/\+/g, ' '));
  return { id: formDecoded(user), secret: formDecoded(pass), auth: 'basic' };
}
