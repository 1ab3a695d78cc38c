/**
 * Whether an answer's `WWW-Authenticate` carries a Bearer challenge with `error="invalid_token"`
 * (RFC 6750 §3.1): the provider says the token itself is no longer good (expired, revoked), so a new
 * token may succeed where the old one failed. Auth-params may come in any order, quoted or not.
 */
export function isInvalidTokenChallenge(headers: Readonly<Record<string, string>>): boolean {
  const challenge = headers['www-authenticate'];
  if (!challenge) return false;
  return /(?:^|,)\s*Bearer\b[^]*?\berror\s*=\s*"?invalid_token"?/i.test(challenge);
}
