import { randomBytes } from 'node:crypto';

/** What the provider knows of a bearer token it is shown. */
export type TokenStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

/** Access tokens the simulator issued, with their expiry. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();
  private readonly revoked = new Set<string>();

  /** Issues a token valid for `lifetimeS` seconds (negative: already expired). */
  issue(lifetimeS: number, now = Date.now()): string {
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, now + lifetimeS * 1000);
    return token;
  }

  status(token: string, now = Date.now()): TokenStatus {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    // An expired token stays expired when a rotation comes after: its answer must not depend on when it is shown.
    if (now >= expiry) return 'expired';
    return this.revoked.has(token) ? 'revoked' : 'valid';
  }

  /** The issued token a presented one stands for: itself, or one `matches` pairs it with. */
  lookup(presented: string, matches?: (presented: string, issued: string) => boolean): string {
    if (this.expiries.has(presented) || !matches) return presented;
    return this.issued().find((issued) => matches(presented, issued)) ?? presented;
  }

  /** Invalidates every token issued so far, as a key rotation or a restart of the provider does. */
  revokeAll(): void {
    for (const token of this.expiries.keys()) this.revoked.add(token);
  }

  issued(): string[] {
    return [...this.expiries.keys()];
  }

  clear(): void {
    this.expiries.clear();
    this.revoked.clear();
  }
}
