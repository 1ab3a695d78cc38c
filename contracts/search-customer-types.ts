import type { FromSchema } from 'json-schema-to-ts';
import { searchCustomerContract } from './search-customer-contract';

/*
 * TypeScript types derived from the contract's own schemas, so they cannot drift from it: editing
 * a field's type in the document changes these types and breaks the code that disagrees.
 */
type Components = typeof searchCustomerContract.components;
type Schemas = Components['schemas'];
/** A schema with the components beside it, so `$ref: '#/components/schemas/…'` resolves. */
type Rooted<S> = { readonly components: Components } & S;

/** `#/components/schemas/Customer`. */
export type Customer = FromSchema<Schemas['Customer']>;

/** `#/components/schemas/SearchCustomerResponse`. */
export type SearchCustomerResponse = FromSchema<Rooted<Schemas['SearchCustomerResponse']>>;

/** `#/components/schemas/SearchCustomerRequest`: a valid search (any branch of the requirement). */
export type SearchCustomerRequest = FromSchema<Schemas['SearchCustomerRequest']>;

/** `#/components/schemas/ErrorResponse`. */
export type ErrorResponse = FromSchema<Schemas['ErrorResponse']>;

/**
 * A request body as sent on the wire: any JSON value, since the suite also sends invalid bodies
 * (arrays, strings, wrong types); valid ones are `SearchCustomerRequest`.
 */
export type SearchRequestBody = Readonly<Record<string, unknown>>;
