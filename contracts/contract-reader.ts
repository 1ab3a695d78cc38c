import type { OpenAPIV3_1 } from 'openapi-types';
import { searchCustomerContract } from './search-customer-contract';

/**
 * Reads facts out of the contract document so that no test, probe or simulator restates a limit.
 * Every accessor fails loudly when the document lacks what it looks for: a contract edit that
 * removes a fact must break the build, not silently drop checks.
 */

export const OPERATION_PATH = '/v1/client/customer/search';
/** JSON pointer of the operation inside the contract (`/` in the path is escaped as `~1`). */
export const OPERATION_POINTER = `#/paths/${OPERATION_PATH.replaceAll('/', '~1')}/post`;

type Schema = OpenAPIV3_1.SchemaObject;

// The reader walks the document generically; the literal-typed `as const` view is for deriving types.
const document = searchCustomerContract as unknown as OpenAPIV3_1.Document;

export interface FieldSchema {
  readonly name: string;
  readonly type: 'string' | 'integer';
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  /** JSON pointer of this field's schema in the contract. */
  readonly pointer: string;
}

function components(): OpenAPIV3_1.ComponentsObject {
  const found = document.components;
  if (!found?.schemas) throw new Error('The contract has no components.schemas');
  return found;
}

function schema(name: string): Schema {
  const found = components().schemas?.[name];
  if (!found) throw new Error(`The contract has no schema ${name}`);
  return found;
}

function fieldsOf(schemaName: string): FieldSchema[] {
  const properties = schema(schemaName).properties ?? {};
  return Object.entries(properties).flatMap(([name, raw]) => {
    const field = raw as Schema;
    if (field.type !== 'string' && field.type !== 'integer') return [];
    return [
      {
        name,
        type: field.type,
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
        ...(field.format !== undefined ? { format: field.format } : {}),
        pointer: `#/components/schemas/${schemaName}/properties/${name}`,
      },
    ];
  });
}

/** Scalar request fields in document order. */
export function requestFields(): FieldSchema[] {
  return fieldsOf('SearchCustomerRequest');
}

/** Scalar response fields of one customer in document order. */
export function customerFields(): FieldSchema[] {
  return fieldsOf('Customer');
}

export function requestField(name: string): FieldSchema {
  const field = requestFields().find((candidate) => candidate.name === name);
  if (!field) throw new Error(`The contract's request has no field ${name}`);
  return field;
}

/** Every property the Customer schema declares, nested objects included. */
export function customerPropertyNames(): string[] {
  return Object.keys(schema('Customer').properties ?? {});
}

export const RESULT_CAP_POINTER = '#/components/schemas/SearchCustomerResponse/properties/customers/maxItems';

/** The documented maximum number of customers in one response. */
export function resultCap(): number {
  const customers = schema('SearchCustomerResponse').properties?.customers as Schema | undefined;
  if (customers?.maxItems === undefined) throw new Error(`The contract has no ${RESULT_CAP_POINTER}`);
  return customers.maxItems;
}

function operation(): OpenAPIV3_1.OperationObject {
  const found = document.paths?.[OPERATION_PATH]?.post;
  if (!found) throw new Error(`The contract has no POST ${OPERATION_PATH}`);
  return found;
}

/** The HTTP methods the contract documents on the operation's path, upper case (POST). */
export function documentedMethods(): string[] {
  const item = (document.paths?.[OPERATION_PATH] ?? {}) as Record<string, unknown>;
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].filter((method) => item[method] !== undefined);
  if (methods.length === 0) throw new Error(`The contract documents no method on ${OPERATION_PATH}`);
  return methods.map((method) => method.toUpperCase());
}

/** Status codes the operation documents, ascending. */
export function documentedStatuses(): number[] {
  return Object.keys(operation().responses ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}

/** Status codes that are documented errors (everything but 2xx). */
export function documentedErrorStatuses(): number[] {
  return documentedStatuses().filter((status) => status >= 400);
}

export const SEARCH_REQUIREMENT_POINTER = '#/components/schemas/SearchCustomerRequest/anyOf';

/**
 * The search requirement as its minimal field combinations, expanded from the schema's
 * anyOf/allOf/required tree (disjunctive normal form), e.g. [['phoneNumber'], ['email'],
 * ['companyName', 'streetAddress', 'postalCode'], …]. Each one alone makes a valid search. `root`
 * defaults to this contract's request schema; another document's (a copy under test) may be given.
 */
export function searchRequirementCombinations(root: Schema = schema('SearchCustomerRequest')): string[][] {
  const expand = (node: Schema): string[][] => {
    let result: string[][] = [[...(node.required ?? [])]];
    if (node.allOf) {
      for (const part of node.allOf) {
        const options = expand(part as Schema);
        result = result.flatMap((left) => options.map((right) => [...left, ...right]));
      }
    }
    if (node.anyOf) {
      const options = node.anyOf.flatMap((part) => expand(part as Schema));
      result = result.flatMap((left) => options.map((right) => [...left, ...right]));
    }
    return result.map((fields) => [...new Set(fields)]);
  };
  if (!root.anyOf) throw new Error(`The contract has no ${SEARCH_REQUIREMENT_POINTER}`);
  return root.anyOf.flatMap((branch) => expand(branch as Schema));
}

/** Name of the OAuth 2.0 client-credentials security scheme and its token URL. */
export function clientCredentialsScheme(): { name: string; tokenUrl: string; scopes: string[] } {
  const schemes = components().securitySchemes ?? {};
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = raw as OpenAPIV3_1.OAuth2SecurityScheme;
    const flow = scheme.type === 'oauth2' ? scheme.flows.clientCredentials : undefined;
    if (flow) return { name, tokenUrl: flow.tokenUrl, scopes: Object.keys(flow.scopes) };
  }
  throw new Error('The contract has no OAuth 2.0 client-credentials security scheme');
}
