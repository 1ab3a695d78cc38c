import Ajv2020, { type Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { searchCustomerContract } from './search-customer-contract';

// The document's own URI: refs such as `#/components/schemas/Customer` resolve inside it.
export const DOCUMENT_ID = 'https://capi-contract.local/search-customer.json';

/** Every pointer the contract validator validates against: the named schemas and the response headers' schemas. */
export const CONTRACT_POINTERS = [
  ...['SearchCustomerRequest', 'SearchCustomerResponse', 'Customer', 'ErrorResponse'].map((name) => `#/components/schemas/${name}`),
  ...Object.keys(searchCustomerContract.components.headers).map((name) => `#/components/headers/${name}/schema`),
] as const;

/**
 * The contract's ajv instance. `code` is for a build that compiles the validators ahead of time
 * (ajv's standalone code), so that a bundled program loads no schema compiler at run time.
 */
export function createContractAjv(code?: Options['code']): Ajv2020 {
  // strictRequired stays off on purpose: the search-requirement rule is a set of `required` lists in
  // anyOf/allOf branches whose properties are declared once, on the parent object.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, ...(code ? { code } : {}) });
  addFormats(ajv);
  // `components` is an OpenAPI keyword, not a JSON Schema one; declaring it lets the document's own
  // JSON pointers work unchanged.
  ajv.addKeyword('components');
  // The decision on a field beyond the documentation page (see `beyondPage`): an annotation, not a check.
  ajv.addKeyword('x-decision');
  // How a field no Customer property shows is matched and judged (see `matchedBeside`): an annotation too.
  ajv.addKeyword('x-matching');
  ajv.addSchema({ $id: DOCUMENT_ID, components: searchCustomerContract.components }, DOCUMENT_ID);
  return ajv;
}

let ajv: Ajv2020 | undefined;
const schemaCache = new Map<string, ValidateFunction>();

/** The validator of one pointer of the contract, compiled on first use. */
export function contractSchema(pointer: string): ValidateFunction {
  let validate = schemaCache.get(pointer);
  if (!validate) {
    ajv ??= createContractAjv();
    validate = ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
    if (!validate) throw new Error(`The contract has no schema at ${pointer}`);
    schemaCache.set(pointer, validate);
  }
  return validate;
}
