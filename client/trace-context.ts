import { randomFillSync } from 'node:crypto';

/*
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): every request carries
 * `traceparent: 00-<trace id>-<span id>-01`, so the provider can find our calls in its own traces.
 * All-zero ids are invalid by the specification; random ones are redrawn in that (2^-64) case.
 */

/** Version 00, sampled: the form of every traceparent this project sends. */
export const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/**
 * Random bytes drawn from the system's generator 4 KiB at a time and handed out in order (as Node
 * does for randomUUID): each request takes 24 bytes, and one call into OpenSSL per request for each
 * id was a measurable part of the monitor's CPU time per request.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  for (;;) {
    if (used + bytes > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const hex = pool.toString('hex', used, used + bytes);
    used += bytes;
    if (!/^0+$/.test(hex)) return hex;
  }
}

/** A fresh trace id: 32 lower-case hex digits, not all zero. */
export const newTraceId = (): string => randomHex(16);

/** A fresh span (parent) id: 16 lower-case hex digits, not all zero. */
export const newSpanId = (): string => randomHex(8);

/** The traceparent header of one request of the trace. */
export const traceparent = (traceId: string, spanId: string = newSpanId()): string => `00-${traceId}-${spanId}-01`;
