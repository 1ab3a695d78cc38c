import { randomBytes } from 'node:crypto';

/** Access tokens the simulator issued, with their expiry. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();

  /** Issues a token valid for `lifetimeS` seconds (negative: already expired). */
  issue(lifetimeS: number, now = Date.now()): string {
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, now + lifetimeS * 1000);
    return token;
  }

  /** 'valid', 'expired' or 'unknown'. */
  status(token: string, now = Date.now()): 'valid' | 'expired' | 'unknown' {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    return now < expiry ? 'valid' : 'expired';
  }

  /** The issued token a presented one stands for: itself, or one `matches` pairs it with. */
  lookup(presented: string, matches?: (presented: string, issued: string) => boolean): string {
    if (this.expiries.has(presented) || !matches) return presented;
    return this.issued().find((issued) => matches(presented, issued)) ?? presented;
  }

  issued(): string[] {
    return [...this.expiries.keys()];
  }

  clear(): void {
    this.expiries.clear();
  }
}
