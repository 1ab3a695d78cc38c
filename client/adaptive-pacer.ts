import { RateWindow } from './rate-window';

export interface AdaptivePacerOptions {
  /** The ceiling: the configured limits the pacer never goes past. */
  readonly window: RateWindow;
  /** Lowest rate a bare 429 can bring the pacer down to, in calls per second. Default 1. */
  readonly minPerSecond?: number;
  /** Rate regained per second of calls without a 429, in calls per second. Default a twentieth of the ceiling, at least 1. */
  readonly increasePerSecond?: number;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Paces every caller of one client together, inside the configured limits, and learns the
 * provider's real limit from its 429s: additive increase, multiplicative decrease (as TCP does).
 * A 429 that says how long to wait (Retry-After, X-RateLimit-Reset) holds back every caller until
 * then; a bare one halves the rate, once per burst, since every call already in flight when the
 * limit was hit gets the same 429. Calls without a 429 win the rate back by `increasePerSecond`
 * each second. Waiting is always a timer, never a busy loop.
 */
export class AdaptivePacer {
  readonly window: RateWindow;
  private readonly minPerSecond: number;
  private readonly increasePerSecond: number;
  private readonly now: () => number;
  private current: number;
  /** Send times of the last second, oldest first. */
  private readonly sent: number[] = [];
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  /** When the rate last changed: the increase is counted in seconds since. */
  private changedAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: AdaptivePacerOptions) {
    this.window = options.window;
    this.minPerSecond = options.minPerSecond ?? 1;
    this.increasePerSecond = options.increasePerSecond ?? Math.max(1, options.window.perSecond / 20);
    this.now = options.now ?? Date.now;
    this.current = options.window.perSecond;
  }

  /** Calls per second the pacer allows itself now. */
  get perSecond(): number {
    return this.current;
  }

  /**
   * Milliseconds until the next call may go, for the given clock time (0 when it may go now). Like
   * the provider's own window, the rate is counted over a rolling second: calls may go in bursts.
   */
  waitMs(at = this.now()): number {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= at - 1000) this.sent.shift();
    const allowed = Math.max(1, Math.floor(this.current));
    const full = this.sent.length >= allowed ? (this.sent[this.sent.length - allowed] ?? at) + 1000 - at : 0;
    return Math.max(0, this.pausedUntil - at, full, this.window.waitMs(at));
  }

  /** Waits for this caller's turn and returns the clock time the call goes out at. Callers are served in order. */
  take(): Promise<number> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = this.waitMs();
        if (wait <= 0) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const at = this.now();
      this.sent.push(at);
      this.window.tryTake(at);
      return at;
    });
    this.queue = turn.then(() => undefined);
    return turn;
  }

  /**
   * A call sent at `sentAt` got a 429. With `waitMs` (the provider said how long), every caller
   * waits that long; without, the rate halves unless a 429 of the same burst already halved it.
   */
  rateLimited(sentAt: number, waitMs: number | undefined): void {
    const at = this.now();
    if (waitMs !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, at + waitMs);
      return;
    }
    if (sentAt < this.lastDecreaseAt) return;
    this.current = Math.max(this.minPerSecond, this.current / 2);
    this.lastDecreaseAt = at;
    this.changedAt = at;
    // The provider's window is full now: the next call waits one interval of the new rate.
    this.pausedUntil = Math.max(this.pausedUntil, at + 1000 / this.current);
  }

  /**
   * A call got an answer other than 429: the rate grows back toward the ceiling by
   * `increasePerSecond` for every second since it last changed, so sparse callers (the monitor's
   * probes, every 30 s) recover as fast in time as a busy campaign.
   */
  answered(): void {
    if (this.current >= this.window.perSecond) return;
    const at = this.now();
    this.current = Math.min(this.window.perSecond, this.current + (this.increasePerSecond * (at - this.changedAt)) / 1000);
    this.changedAt = at;
  }
}
