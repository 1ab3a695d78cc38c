import type { HttpTransport } from '../client/http-transport';
import type { CaseResult } from './run-campaign';

/** The campaign's phases, in the order their cases start (all but relations go out as one batch). */
export const campaignPhases = ['replayed', 'coverage', 'fixed', 'generated', 'relations'] as const;
export type CampaignPhase = (typeof campaignPhases)[number];

/** Prefix of every progress line: the gate's front door (gate/contract-main.ts) redraws these in place on a terminal. */
export const PROGRESS_PREFIX = 'Progress: ';

export interface ProgressOptions {
  /** Where lines go (one call per line, newline included). */
  readonly write: (line: string) => void;
  /** Time between two progress lines while requests are in flight, in milliseconds. Default 10000. */
  readonly intervalMs?: number;
  /** Clock, for tests. Default Date.now. */
  readonly now?: () => number;
}

interface PhaseCount {
  total: number | undefined;
  done: number;
}

/**
 * What the campaign has done so far, per phase, with the current request rate, the 429s and the
 * retries: written as one line every `intervalMs` and when a phase ends, so a long run is never
 * silent. Counts requests through `countingTransport`, cases through `caseDone`.
 */
export class CampaignProgress {
  private readonly phases = new Map<CampaignPhase, PhaseCount>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private requests = 0;
  private tooMany = 0;
  private retries = 0;
  /** Requests and time at the previous tick of the timer: the rate is over the time since. */
  private mark = { at: 0, requests: 0 };
  private rate = 0;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.mark.at = this.now();
  }

  /** The seed and the plan, first of all, before any request. `relations` is unknown until the first batch is judged. */
  plan(seed: number, totals: Partial<Record<CampaignPhase, number>>): void {
    for (const phase of campaignPhases) this.phases.set(phase, { total: totals[phase], done: 0 });
    const planned = campaignPhases.map((phase) => `${totals[phase] ?? '?'} ${phase}`).join(', ');
    this.options.write(`Contract campaign: seed ${seed} (CONTRACT_SEED=${seed} repeats it), plan: ${planned} cases\n`);
    this.timer ??= setInterval(() => this.tick(), this.options.intervalMs ?? 10_000);
    this.timer.unref();
  }

  /** The number of cases a phase has, once known. */
  total(phase: CampaignPhase, total: number): void {
    const count = this.phases.get(phase);
    if (count) count.total = total;
    else this.phases.set(phase, { total, done: 0 });
  }

  caseDone(phase: CampaignPhase, result: CaseResult): void {
    const count = this.phases.get(phase) ?? { total: undefined, done: 0 };
    count.done += 1;
    this.phases.set(phase, count);
    this.retries += Math.max(0, (result.exchange?.response.attempts ?? 1) - 1);
    if (count.total !== undefined && count.done === count.total) this.emit();
  }

  /** The transport, counting every request and every 429 that passes through it. */
  countingTransport(transport: HttpTransport): HttpTransport {
    return async (request) => {
      this.requests += 1;
      const response = await transport(request);
      if (response.status === 429) this.tooMany += 1;
      return response;
    };
  }

  /** One line: every phase's done of total, the rate measured at the last tick, 429s and retries. */
  line(): string {
    const phases = campaignPhases
      .filter((phase) => this.phases.get(phase)?.total !== 0)
      .map((phase) => {
        const count = this.phases.get(phase) ?? { total: undefined, done: 0 };
        return `${phase} ${count.done}/${count.total ?? '?'}`;
      });
    return `${PROGRESS_PREFIX}${phases.join(', ')}; ${this.rate.toFixed(1)} req/s, ${this.tooMany} 429s, ${this.retries} retries`;
  }

  /** Stops the timer; the last line says where the campaign ended. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.emit();
  }

  /** The timer's beat: a line, with the rate over the time since the previous beat. */
  tick(): void {
    this.measure(0);
    this.emit();
  }

  /** Measures the rate since the previous measure once at least `windowMs` have passed; a shorter window keeps the last rate. */
  private measure(windowMs: number): void {
    const at = this.now();
    if (at - this.mark.at <= windowMs) return;
    this.rate = ((this.requests - this.mark.requests) * 1000) / (at - this.mark.at);
    this.mark = { at, requests: this.requests };
  }

  private emit(): void {
    this.measure(1000);
    this.options.write(`${this.line()}\n`);
  }
}
