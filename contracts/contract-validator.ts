import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { searchCustomerContract } from './search-customer-contract';

export type SchemaName = 'SearchCustomerRequest' | 'SearchCustomerResponse' | 'Customer' | 'ErrorResponse';
export type HeaderName = 'X-Mediaconnect-Api-Version' | 'X-RateLimit-Remaining' | 'X-RateLimit-Reset';

/** One way a value breaks the contract, located both in the contract and in the value. */
export interface SchemaViolation {
  /** JSON pointer into the contract document, e.g. `#/components/schemas/Customer/properties/postalCode/type`. */
  readonly contractPath: string;
  /** JSON pointer into the validated value, e.g. `/customers/0/postalCode` ('' for the root). */
  readonly instancePath: string;
  readonly keyword: string;
  readonly message: string;
}

// The document's own URI: refs such as `#/components/schemas/Customer` resolve inside it.
const DOCUMENT_ID = 'https://capi-contract.local/search-customer.json';

function createAjv(): Ajv2020 {
  // strictRequired stays off on purpose: the search-requirement rule is a set of `required` lists in
  // anyOf/allOf branches whose properties are declared once, on the parent object.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  // `components` is an OpenAPI keyword, not a JSON Schema one; declaring it lets the document's own
  // JSON pointers work unchanged.
  ajv.addKeyword('components');
  // The decision on a field beyond the documentation page (see `beyondPage`): an annotation, not a check.
  ajv.addKeyword('x-decision');
  ajv.addSchema({ $id: DOCUMENT_ID, components: searchCustomerContract.components }, DOCUMENT_ID);
  return ajv;
}

const ajv = createAjv();
const schemaCache = new Map<string, ValidateFunction>();

function compiled(pointer: string): ValidateFunction {
  let validate = schemaCache.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
    if (!validate) throw new Error(`The contract has no schema at ${pointer}`);
    schemaCache.set(pointer, validate);
  }
  return validate;
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
  const schema = validate.schema as { type?: string };
  const typed: unknown = schema.type === 'integer' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return validate(typed) ? [] : toViolations(pointer, validate.errors);
}

/** True when a request body satisfies the whole request schema (limits, formats and the search requirement). */
export function isValidSearchRequest(body: unknown): boolean {
  return validateSchema('SearchCustomerRequest', body).length === 0;
}
