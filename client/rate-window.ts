export interface RateWindowOptions {
  /** Calls allowed in any rolling second. Default 100 (the documented per-client limit). */
  readonly perSecond?: number;
  /** Calls allowed in any rolling minute. Default 2000 (the documented per-client limit). */
  readonly perMinute?: number;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Rolling-window call counter for the two documented limits. The simulator asks `tryTake` to decide
 * on 429; the clients' pacer asks `waitMs` and records its calls with `tryTake`, and so stays inside
 * the limits of a real provider.
 */
export class RateWindow {
  readonly perSecond: number;
  readonly perMinute: number;
  private readonly now: () => number;
  private readonly calls: number[] = [];

  constructor(options: RateWindowOptions = {}) {
    this.perSecond = options.perSecond ?? 100;
    this.perMinute = options.perMinute ?? 2000;
    this.now = options.now ?? Date.now;
  }

  private prune(at: number): void {
    while (this.calls.length > 0 && (this.calls[0] ?? 0) <= at - 60_000) this.calls.shift();
  }

  private inLast(at: number, ms: number): number {
    let count = 0;
    for (let i = this.calls.length - 1; i >= 0 && (this.calls[i] ?? 0) > at - ms; i--) count++;
    return count;
  }

  /** Milliseconds until a call would be allowed (0 when it is allowed now). */
  waitMs(at = this.now()): number {
    this.prune(at);
    let wait = 0;
    if (this.inLast(at, 1000) >= this.perSecond) {
      const oldest = this.calls[this.calls.length - this.perSecond] ?? at;
      wait = Math.max(wait, oldest + 1000 - at);
    }
    if (this.calls.length >= this.perMinute) {
      const oldest = this.calls[this.calls.length - this.perMinute] ?? at;
      wait = Math.max(wait, oldest + 60_000 - at);
    }
    return wait;
  }

  /** Calls left in the tighter of the two windows. */
  remaining(at = this.now()): number {
    this.prune(at);
    return Math.max(0, Math.min(this.perSecond - this.inLast(at, 1000), this.perMinute - this.calls.length));
  }

  /** Records a call if the limits allow it now; false means the caller is over a limit. */
  tryTake(at = this.now()): boolean {
    if (this.waitMs(at) > 0) return false;
    this.calls.push(at);
    return true;
  }
}
