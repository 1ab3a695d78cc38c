import { randomBytes } from 'node:crypto';

/*
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): every request carries
 * `traceparent: 00-<trace id>-<span id>-01`, so the provider can find our calls in its own traces.
 * All-zero ids are invalid by the specification; random ones are redrawn in that (2^-64) case.
 */

/** Version 00, sampled: the form of every traceparent this project sends. */
export const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

function randomHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(hex)) return hex;
  }
}

/** A fresh trace id: 32 lower-case hex digits, not all zero. */
export const newTraceId = (): string => randomHex(16);

/** A fresh span (parent) id: 16 lower-case hex digits, not all zero. */
export const newSpanId = (): string => randomHex(8);

/** The traceparent header of one request of the trace. */
export const traceparent = (traceId: string, spanId: string = newSpanId()): string => `00-${traceId}-${spanId}-01`;
