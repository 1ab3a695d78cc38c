import { RateWindow } from './rate-window';

export interface AdaptivePacerOptions {
  /** The ceiling: the configured limits the pacer never goes past. */
  readonly window: RateWindow;
  /** Lowest rate a bare 429 can bring the pacer down to, in calls per second. Default 1. */
  readonly minPerSecond?: number;
  /** Rate regained per second of calls without a 429, in calls per second. Default a twentieth of the ceiling, at least 1. */
  readonly increasePerSecond?: number;
  /**
   * The most calls in flight at once, the ceiling of the concurrency AIMD. Default 64: above the
   * campaign's 8 workers and the monitor's 30 or so searches of one run, so that only a provider's
   * 429s, never the ceiling, hold them back.
   */
  readonly maxInFlight?: number;
  /**
   * Calls in flight regained per second of calls without a 429. Default 0.25: probing for one more slot
   * costs a 429, and a 429 with Retry-After holds every caller back, so the probe comes every 4 s.
   */
  readonly inFlightIncreasePerSecond?: number;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** Longest a caller waits for a free slot before looking again, in milliseconds: a bound, should a release ever go missing. */
const SLOT_WAIT_MS = 1_000;

/**
 * Paces every caller of one client together, inside the configured limits, and learns the
 * provider's real limit from its 429s: additive increase, multiplicative decrease (as TCP does).
 * A 429 that says how long to wait (Retry-After, X-RateLimit-Reset) holds back every caller until
 * then; a bare one halves the rate, once per burst, since every call already in flight when the
 * limit was hit gets the same 429. Calls without a 429 win the rate back by `increasePerSecond`
 * each second. Waiting is always a timer, never a busy loop.
 *
 * The number of calls in flight is paced the same way, since a provider may limit concurrency rather
 * than rate (RFC 6585 leaves the reason for a 429 to the server): every 429 halves the calls allowed
 * in flight, to half of those in flight when it came, once per burst; every second without a 429
 * allows one more, up to `maxInFlight`. Callers `release` their slot when the answer (or the failure)
 * is in.
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
  readonly maxInFlight: number;
  private readonly inFlightIncreasePerSecond: number;
  private inFlight = 0;
  /** Calls allowed in flight: a fraction between whole steps, floored when compared. */
  private inFlightLimit: number;
  private lastInFlightDecreaseAt = Number.NEGATIVE_INFINITY;
  private inFlightChangedAt = Number.NEGATIVE_INFINITY;
  /** The one caller (callers take turns) waiting for a slot. */
  private slotWaiter: (() => void) | undefined;

  constructor(options: AdaptivePacerOptions) {
    this.window = options.window;
    this.minPerSecond = options.minPerSecond ?? 1;
    this.increasePerSecond = options.increasePerSecond ?? Math.max(1, options.window.perSecond / 20);
    this.now = options.now ?? Date.now;
    this.current = options.window.perSecond;
    this.maxInFlight = options.maxInFlight ?? 64;
    this.inFlightIncreasePerSecond = options.inFlightIncreasePerSecond ?? 0.25;
    this.inFlightLimit = this.maxInFlight;
  }

  /** Calls the pacer allows in flight at once now. */
  get allowedInFlight(): number {
    return Math.max(1, Math.floor(this.inFlightLimit));
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

  /**
   * Waits for this caller's turn (inside the rate and with a slot free) and returns the clock time the
   * call goes out at; the caller must `release` the slot once the call is over. Callers are served in order.
   */
  take(): Promise<number> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = this.waitMs();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        else if (this.inFlight >= this.allowedInFlight) await this.slotFreed();
        else break;
      }
      const at = this.now();
      this.sent.push(at);
      this.window.tryTake(at);
      this.inFlight++;
      return at;
    });
    this.queue = turn.then(() => undefined);
    return turn;
  }

  /** A call taken with `take` is over (answered or failed): its slot is free. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const waiter = this.slotWaiter;
    this.slotWaiter = undefined;
    waiter?.();
  }

  private slotFreed(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, SLOT_WAIT_MS);
      this.slotWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * A call sent at `sentAt` got a 429. With `waitMs` (the provider said how long), every caller
   * waits that long; without, the rate halves unless a 429 of the same burst already halved it.
   */
  rateLimited(sentAt: number, waitMs: number | undefined): void {
    const at = this.now();
    this.fewerInFlight(sentAt, at);
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
   * Holds every caller back `waitMs` from now, leaving the rate and the calls in flight as they are:
   * for a 429 drawn on purpose by calls sent outside the pacer, which says how long the provider's
   * window stays full but nothing about the rate the pacer keeps.
   */
  hold(waitMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + waitMs);
  }

  /**
   * A call got an answer other than 429: the rate grows back toward the ceiling by
   * `increasePerSecond` for every second since it last changed, so sparse callers (the monitor's
   * probes, every 30 s) recover as fast in time as a busy campaign.
   */
  answered(): void {
    const at = this.now();
    this.moreInFlight(at);
    if (this.current >= this.window.perSecond) return;
    this.current = Math.min(this.window.perSecond, this.current + (this.increasePerSecond * (at - this.changedAt)) / 1000);
    this.changedAt = at;
  }

  /**
   * Multiplicative decrease of the calls in flight, once per burst: half of those in flight (this one
   * included) when the 429 came, rounded up, so that a provider allowing 2 at once is met at 2, not 1.
   */
  private fewerInFlight(sentAt: number, at: number): void {
    if (sentAt < this.lastInFlightDecreaseAt) return;
    this.inFlightLimit = Math.max(1, Math.ceil(Math.min(this.inFlightLimit, Math.max(1, this.inFlight)) / 2));
    this.lastInFlightDecreaseAt = at;
    this.inFlightChangedAt = at;
  }

  /** Additive increase of the calls in flight, by `inFlightIncreasePerSecond` per second since the last change. */
  private moreInFlight(at: number): void {
    if (this.inFlightLimit >= this.maxInFlight) return;
    this.inFlightLimit = Math.min(this.maxInFlight, this.inFlightLimit + (this.inFlightIncreasePerSecond * (at - this.inFlightChangedAt)) / 1000);
    this.inFlightChangedAt = at;
  }
}
