import type { IncomingMessage } from 'node:http';

/** How a token request authenticated its client: HTTP Basic, the form's fields, or not at all. */
export type ClientAuth = 'body' | 'basic' | 'none';

/** The client id and secret a token request presents, and how. */
export interface ClientCredentials {
  readonly id: string | null;
  readonly secret: string | null;
  readonly auth: ClientAuth;
}

/** A token request's client credentials: HTTP Basic when sent, else the form's `client_id` and `client_secret`. */
export function clientCredentials(request: IncomingMessage, form: URLSearchParams): ClientCredentials {
  const basic = /^Basic (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
  if (!basic) {
    const id = form.get('client_id');
    return { id, secret: form.get('client_secret'), auth: id ? 'body' : 'none' };
  }
  // RFC 6749 §2.3.1: each part was form-encoded before Base64, so `+` is a space.
  const [user, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':');
  const formDecoded = (part: string | undefined): string => decodeURIComponent((part ?? '').replace(/\+/g, ' '));
  return { id: formDecoded(user), secret: formDecoded(pass), auth: 'basic' };
}
