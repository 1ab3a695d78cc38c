import { parseHttpDate } from './http-date';

/** Longest single wait honoured after a 429, in milliseconds: a hint further off is cut to it. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * How long to wait after a 429 before retrying: `Retry-After` (seconds or HTTP date) when sent, else
 * `X-RateLimit-Reset` (seconds to wait, or an epoch in seconds when it is larger than a day: the
 * vendor's wording allows both), else exponential back-off from 250 ms with jitter.
 *
 * @param attempt 1 for the first retry.
 */
export function rateLimitDelayMs(
  headers: Readonly<Record<string, string>>,
  attempt: number,
  nowMs: number = Date.now(),
  random: () => number = Math.random,
): number {
  const hinted = rateLimitHintMs(headers, nowMs);
  if (hinted !== undefined) return hinted;
  const base = 250 * 2 ** (attempt - 1);
  return clamp(base / 2 + random() * (base / 2));
}

/**
 * The fewest retries of a bare 429 (one without a hint) whose back-off, at its shortest, outlasts a
 * rate window of `windowMs`: a provider whose window was full when the burst came has room again
 * before the last retry, however the jitter falls.
 */
export function retriesOutlasting(windowMs: number): number {
  let retries = 0;
  for (let waited = 0; waited <= windowMs; waited += rateLimitDelayMs({}, retries, 0, () => 0)) retries++;
  return retries;
}

const clamp = (ms: number): number => Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, Math.ceil(ms)));

/**
 * The wait a 429 asks for in its headers (`Retry-After`, else `X-RateLimit-Reset`), in
 * milliseconds; undefined for a bare 429 that says nothing, which the pacer answers by slowing down.
 */
export function rateLimitHintMs(headers: Readonly<Record<string, string>>, nowMs: number = Date.now()): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    // RFC 9110 §10.2.3: delay-seconds or an HTTP-date; a date already past means now.
    if (/^\d+$/.test(retryAfter)) return clamp(Number(retryAfter) * 1000);
    const date = parseHttpDate(retryAfter, nowMs);
    if (date !== undefined) return clamp(date - nowMs);
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const value = Number(reset);
    return clamp(value > 86_400 ? value * 1000 - nowMs : value * 1000);
  }
  return undefined;
}
