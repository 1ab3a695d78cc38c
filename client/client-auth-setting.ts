import type { ConfigProblem } from './config-error';
import type { Environment } from './environment-reader';
import type { ClientAuthMethod } from './token-client';

/** Earlier name of CONNECTID_CLIENT_AUTH, still read so that existing configurations keep working. */
const DEPRECATED_VARIABLE = 'CONNECTID_AUTH_METHOD';

/**
 * The client authentication CONNECTID_CLIENT_AUTH pins (`basic` or `body`), or undefined (the default)
 * for negotiation. CONNECTID_AUTH_METHOD is read as a deprecated alias; both set to different
 * methods is a configuration error rather than a silent choice.
 */
export function readClientAuth(env: Environment, problems: ConfigProblem[]): ClientAuthMethod | undefined {
  const read = (variable: string): ClientAuthMethod | undefined => {
    const raw = env[variable]?.trim().toLowerCase();
    if (!raw) return undefined;
    if (raw === 'basic' || raw === 'body') return raw;
    problems.push({ variable, message: `must be basic or body (unset: negotiated), got ${JSON.stringify(raw)}` });
    return undefined;
  };
  const pinned = read('CONNECTID_CLIENT_AUTH');
  const deprecated = read(DEPRECATED_VARIABLE);
  if (pinned && deprecated && pinned !== deprecated) {
    problems.push({ variable: DEPRECATED_VARIABLE, message: `says ${deprecated} but CONNECTID_CLIENT_AUTH, which replaces it, says ${pinned}` });
  }
  return pinned ?? deprecated;
}
