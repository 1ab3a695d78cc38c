import type { ErrorObject } from 'ajv';
import { contractSchema as compiled } from './contract-schemas';
import { searchCustomerContract } from './search-customer-contract';

export type SchemaName = 'SearchCustomerRequest' | 'SearchCustomerResponse' | 'Customer' | 'ErrorResponse';
/** The response headers the contract documents (`#/components/headers`): one edit there adds one here. */
export type HeaderName = keyof typeof searchCustomerContract.components.headers;

/** The documented response headers' names, in the contract's order. */
export const HEADER_NAMES = Object.keys(searchCustomerContract.components.headers) as HeaderName[];

/** One way a value breaks the contract, located both in the contract and in the value. */
export interface SchemaViolation {
  /** JSON pointer into the contract document, e.g. `#/components/schemas/Customer/properties/postalCode/type`. */
  readonly contractPath: string;
  /** JSON pointer into the validated value, e.g. `/customers/0/postalCode` ('' for the root). */
  readonly instancePath: string;
  readonly keyword: string;
  readonly message: string;
}

function toViolations(rootPointer: string, errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((error) => ({
    // ajv reports paths inside the compiled schema relative to it ('#/properties/…') and paths reached
    // through a $ref absolutely ('#/components/…'); both become absolute contract paths here.
    contractPath: error.schemaPath.startsWith('#/components/')
      ? error.schemaPath
      : `${rootPointer}${error.schemaPath.slice(1)}`,
    instancePath: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
  }));
}

export function schemaPointer(name: SchemaName): string {
  return `#/components/schemas/${name}`;
}

/** Validates a value against one named schema of the contract; an empty list means it conforms. */
export function validateSchema(name: SchemaName, value: unknown): SchemaViolation[] {
  const pointer = schemaPointer(name);
  const validate = compiled(pointer);
  return validate(value) ? [] : toViolations(pointer, validate.errors);
}

/**
 * Validates one response header value. Header values arrive as text, so an integer header is turned
 * into a number only when it is written as one; anything else then fails the `type` keyword.
 */
export function validateHeader(name: HeaderName, value: string): SchemaViolation[] {
  const pointer = `#/components/headers/${name}/schema`;
  const validate = compiled(pointer);
  // From the document, not from the validator: a validator compiled ahead of time carries no schema.
  const schema = searchCustomerContract.components.headers[name].schema as { type?: string };
  const typed: unknown = schema.type === 'integer' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return validate(typed) ? [] : toViolations(pointer, validate.errors);
}

/** The words a header's schema describes its values in, when it has them. */
export function headerSchemaWords(name: HeaderName): string | undefined {
  return (searchCustomerContract.components.headers[name].schema as { description?: string }).description;
}

/** True when a request body satisfies the whole request schema (limits, formats and the search requirement). */
export function isValidSearchRequest(body: unknown): boolean {
  return validateSchema('SearchCustomerRequest', body).length === 0;
}
