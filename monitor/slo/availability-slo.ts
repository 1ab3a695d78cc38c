import { probeNames } from '../monitor-probes';
import type { ProbeOutcome } from '../probe-outcome';

/** A window of the burn-rate alerts, in Prometheus' duration syntax. */
export type SloWindow = '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';

/** Every ratio window the rules record, shortest first. */
export const sloWindows: readonly SloWindow[] = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

/**
 * One condition of a multiwindow burn-rate alert: the error ratio over both windows is above
 * `factor` times the budget rate (1 - objective). The long window says the burn is real, the short
 * one that it is still going, so the alert resolves soon after the burn stops.
 */
export interface BurnCondition {
  readonly long: SloWindow;
  readonly short: SloWindow;
  /** Multiple of the budget rate; 1 spends exactly the budget over the period. */
  readonly factor: number;
}

/** The availability SLO of the customer search API, as the monitor's probe runs measure it. */
export interface AvailabilitySlo {
  /** Name in the `slo` label of the recorded series and the alerts. */
  readonly name: string;
  /** Share of counted probe runs that must be good over the period, between 0 and 1 (exclusive). */
  readonly objective: number;
  /** Length of the period the objective and the error budget are measured over, in days. */
  readonly periodDays: number;
  /** Outcomes of a probe run that are bad: the API was not available to answer. */
  readonly badOutcomes: readonly ProbeOutcome[];
  /** Outcomes counted neither good nor bad: they say nothing about availability and are judged elsewhere. */
  readonly uncountedOutcomes: readonly ProbeOutcome[];
  /** Low-traffic guard: bad runs a location must have in a page condition's long window before it can page. */
  readonly minBadRunsToPage: number;
  /** Page when any condition holds (from a quorum of locations). */
  readonly page: readonly BurnCondition[];
  /** Open a ticket when any condition holds (from a quorum of locations). */
  readonly ticket: readonly BurnCondition[];
}

/**
 * The SLO the rules in monitor/prometheus/slo-rules.yml are generated from (`npm run slo:rules`).
 * Change the objective or the period here, then regenerate; a test fails while the committed rules
 * are stale. The burn conditions are the SRE workbook's multiwindow, multi-burn-rate alerts.
 */
export const availabilitySlo: AvailabilitySlo = {
  name: 'customer-search-availability',
  // 99.9 %: about 43 minutes of full outage in 30 days. One probe of the fourteen failing at every
  // run (7 % of runs) burns it 70 times too fast and pages within minutes.
  objective: 0.999,
  periodDays: 30,
  // No answer, a 5xx, or no token to ask with: a caller could not search.
  badOutcomes: ['http_error', 'timeout', 'network_error', 'auth_error'],
  // An answer that breaks the contract opens a ticket of its own (CustomerSearchContractViolation):
  // the API answered, so availability does not page for it. A 429 is the documented throttling of
  // our own client id, not the API being down.
  uncountedOutcomes: ['contract_violation', 'rate_limited'],
  // More bad runs than one run of every probe can produce: one failed run (a blip at one location)
  // never pages, however quiet the schedule.
  minBadRunsToPage: probeNames.length + 1,
  page: [
    { long: '1h', short: '5m', factor: 14.4 },
    { long: '6h', short: '30m', factor: 6 },
  ],
  ticket: [
    { long: '1d', short: '2h', factor: 3 },
    { long: '3d', short: '6h', factor: 1 },
  ],
};
