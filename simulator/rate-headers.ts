import type { SimulatorState } from './simulator-state';

const API_VERSION = '1.0.0-simulator';

/** The rate-limit headers of an answer, with `overrides` (a 429's), as the active mode rewrites them. */
export function rateHeaders(state: SimulatorState, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const { window, behaviour } = state;
  const headers: Record<string, string> = !window
    ? { 'x-mediaconnect-api-version': API_VERSION, ...overrides }
    : {
        'x-mediaconnect-api-version': API_VERSION,
        'x-ratelimit-remaining': String(window.remaining()),
        'x-ratelimit-reset': String(Math.ceil(window.waitMs() / 1000)),
        ...overrides,
      };
  return behaviour.rateHeaders ? behaviour.rateHeaders(headers) : headers;
}
