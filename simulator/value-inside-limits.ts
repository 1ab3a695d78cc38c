import type { OpenAPIV3_1 } from 'openapi-types';

/** Text of everyday Nordic content, cut to a field's limit (an address line and a name). */
const NORDIC_TEXT = 'Fjordstrand Ødegård 6 Økern';

/**
 * A value of a scalar schema inside its limits, for seed data the contract names and the simulator
 * holds no value of: an integer at its minimum (1 without one), a string of everyday text cut to its
 * maxLength. Undefined where it would have to restate the schema (a pattern, a format, a minLength
 * past the text, another type): such a field needs its value written in the seed, and the drift
 * check's seed test fails until it has one.
 */
export function valueInsideLimits(schema: OpenAPIV3_1.SchemaObject): string | number | undefined {
  if (schema.type === 'integer') return Math.max(1, schema.minimum ?? 1);
  if (schema.type !== 'string' || schema.pattern !== undefined || schema.format !== undefined) return undefined;
  const max = schema.maxLength ?? NORDIC_TEXT.length;
  const text = [...NORDIC_TEXT].slice(0, Math.max(1, Math.min(max, NORDIC_TEXT.length))).join('').trim();
  return [...text].length >= (schema.minLength ?? 0) ? text : undefined;
}
