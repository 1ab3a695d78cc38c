import { expect, test } from '@playwright/test';
import type { Customer } from '../contracts/search-customer-types';
import { readDocumentationPage } from '../contracts/documentation-page';
import { documentedRequestExample } from '../contracts/documented-request-example';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { validateSchema } from '../contracts/contract-validator';
import {
  customerFields,
  customerPropertyNames,
  documentedStatuses,
  requestFields,
  resultCap,
  searchRequirementCombinations,
} from '../contracts/contract-reader';
import { seedCustomers } from '../simulator/seed-customers';
import { requestFieldsBeyondPage, responseFieldsBeyondPage, undecidedFieldsMessage } from '../contracts/fields-beyond-page';
import { beyondPage, searchCustomerContract } from '../contracts/search-customer-contract';
import { searchCriteria, unplacedFieldsMessage } from '../contracts/search-criteria';

/*
 * Documentation drift: the page's own examples are validated against the contract, and must break
 * it exactly where a listed contradiction says they do. A new mismatch, or one that disappears,
 * fails here and names the contract path.
 */
const expectedViolations = (part: 'request' | 'response'): string[] =>
  documentationContradictions.flatMap((item) => item.exampleViolations?.[part] ?? []).sort();

test('the documented request example breaks the contract only where a listed contradiction says', () => {
  const { requestExample: request } = readDocumentationPage();
  const paths = [...new Set(validateSchema('SearchCustomerRequest', request).map((v) => v.contractPath))].sort();
  expect(paths).toEqual(expectedViolations('request'));
});

test('the request example the coverage phase sends is the page\'s, as printed', () => {
  expect(documentedRequestExample).toEqual(readDocumentationPage().requestExample);
});

test('the documented response example breaks the contract only where a listed contradiction says', () => {
  const { responseExample: response } = readDocumentationPage();
  const paths = [...new Set(validateSchema('SearchCustomerResponse', response).map((v) => v.contractPath))].sort();
  expect(paths).toEqual(expectedViolations('response'));
});

test('the documented examples, with postalCode as the documented string, conform', () => {
  const page = readDocumentationPage();
  const request = page.requestExample as Record<string, unknown>;
  const response = page.responseExample as { customers: Record<string, unknown>[] };
  const fixed = { ...request, postalCode: '0179' };
  expect(validateSchema('SearchCustomerRequest', fixed)).toEqual([]);
  const customers = response.customers.map((customer) => ({ ...customer, postalCode: '0179' }));
  expect(validateSchema('SearchCustomerResponse', { customers })).toEqual([]);
});

test('every contradiction states the decision and what is left unasserted', () => {
  const ids = documentationContradictions.map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const item of documentationContradictions) {
    expect(item.decision.length, item.id).toBeGreaterThan(20);
    expect(item.notAsserted.length, item.id).toBeGreaterThan(10);
  }
});

test('the contract carries every field, type, limit and format of the page, in the page order', () => {
  const page = readDocumentationPage();
  const asPage = (fields: readonly { name: string; type: string; maxLength?: number; format?: string }[]) =>
    fields.map(({ name, type, maxLength, format }) => ({ name, type, maxLength, format }));
  // Fields beyond the page are decisions (next test), not drift; every other field must match the page.
  const beyond = new Set(requestFieldsBeyondPage(page.requestFields).map((field) => field.name));
  expect(asPage(requestFields().filter((field) => !beyond.has(field.name)))).toEqual(asPage(page.requestFields));
  const beyondResponse = new Set(responseFieldsBeyondPage(page.customerFields).map((field) => field.name));
  const scalarCustomerFields = page.customerFields.filter((field) => field.type === 'string' || field.type === 'integer');
  expect(asPage(customerFields().filter((field) => !beyondResponse.has(field.name)))).toEqual(asPage(scalarCustomerFields));
  expect(customerPropertyNames().filter((name) => !beyondResponse.has(name))).toEqual(page.customerFields.map((field) => field.name));
});

test('a request field or Customer property the contract has and the page lacks carries a recorded decision', () => {
  const page = readDocumentationPage();
  expect(undecidedFieldsMessage([...requestFieldsBeyondPage(page.requestFields), ...responseFieldsBeyondPage(page.customerFields)])).toBeUndefined();
});

test('every request field maps to a Customer property or carries its matching decision', () => {
  expect(unplacedFieldsMessage()).toBeUndefined();
});

test('a field beyond the page without a decision fails naming it; with one (in words or a contradiction id) it is accepted', () => {
  const { requestFields: pageFields } = readDocumentationPage();
  const properties = searchCustomerContract.components.schemas.SearchCustomerRequest.properties;
  const nationalId = { type: 'string', maxLength: 11, description: 'National identity number to match in a search.' } as const;
  const beyond = (schema: object) => requestFieldsBeyondPage(pageFields, { ...properties, nationalId: schema });
  expect(undecidedFieldsMessage(beyond(nationalId))).toBe(
    "Request field nationalId (#/components/schemas/SearchCustomerRequest/properties/nationalId) is in the contract but not on the documentation page, with no recorded decision: wrap its schema in beyondPage(…, '<why the contract carries it>') or name a contradiction id there",
  );
  expect(undecidedFieldsMessage(beyond(beyondPage(nationalId, 'ok')))).toContain('Request field nationalId');
  const inWords = beyond(beyondPage(nationalId, 'Sent by the provider\'s newer clients; the stored page predates it.'));
  expect(inWords).toEqual([{ name: 'nationalId', side: 'request', pointer: '#/components/schemas/SearchCustomerRequest/properties/nationalId', decision: 'Sent by the provider\'s newer clients; the stored page predates it.' }]);
  expect(undecidedFieldsMessage(inWords)).toBeUndefined();
  const byId = beyond(beyondPage(nationalId, 'customer-number-criterion'));
  expect(byId[0]?.decision).toBe(documentationContradictions.find((item) => item.id === 'customer-number-criterion')?.decision);
  // A field the page prints is never "beyond" it, decision or not.
  expect(requestFieldsBeyondPage(pageFields, { ...properties, email: beyondPage(properties.email, 'customer-number-criterion') })).toEqual([]);
});

test('a Customer property beyond the page takes the same path: without a decision it fails naming it, with one it is accepted', () => {
  const { customerFields: pageFields } = readDocumentationPage();
  const properties = searchCustomerContract.components.schemas.Customer.properties;
  const nationalId = { type: 'string', maxLength: 11, description: 'National identity number' } as const;
  const beyond = (schema: object) => responseFieldsBeyondPage(pageFields, { ...properties, nationalId: schema });
  expect(undecidedFieldsMessage(beyond(nationalId))).toBe(
    "Response field (Customer property) nationalId (#/components/schemas/Customer/properties/nationalId) is in the contract but not on the documentation page, with no recorded decision: wrap its schema in beyondPage(…, '<why the contract carries it>') or name a contradiction id there",
  );
  const decided = beyond(beyondPage(nationalId, 'Returned by newer API versions; the stored page predates it.'));
  expect(decided).toEqual([{ name: 'nationalId', side: 'response', pointer: '#/components/schemas/Customer/properties/nationalId', decision: 'Returned by newer API versions; the stored page predates it.' }]);
  expect(undecidedFieldsMessage(decided)).toBeUndefined();
  expect(responseFieldsBeyondPage(pageFields)).toEqual([]);
});

test('the contract documents the same status codes and result cap as the page', () => {
  const page = readDocumentationPage();
  expect(documentedStatuses()).toEqual([...page.statuses].sort((a, b) => a - b));
  expect(resultCap()).toBe(page.resultCap);
});

test('the search requirement expands to its six minimal combinations', () => {
  expect(searchRequirementCombinations().map((fields) => fields.join('+'))).toEqual([
    'phoneNumber',
    'email',
    'companyName+streetAddress+postalCode',
    'companyName+streetAddress+postalPlace',
    'lastName+streetAddress+postalCode',
    'lastName+streetAddress+postalPlace',
  ]);
});

/** `true` when two unions of keys are the same set, `false` otherwise. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The named keys of a type, without its index signature (the schema allows further properties). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };

test('the Customer type is derived from the Customer schema', () => {
  // The type comes from the schema (json-schema-to-ts): `npm run lint` (tsc) fails on either line
  // below if the schema stops saying customerNumber is an integer and emails.email a string list.
  // @ts-expect-error customerNumber is an integer in the schema
  const wrongNumber: Customer = { customerNumber: '563457' };
  // @ts-expect-error emails.email is a list in the schema
  const wrongEmails: Customer = { emails: { email: 'ola@company.com' } };
  expect(validateSchema('Customer', wrongNumber)).not.toEqual([]);
  expect(validateSchema('Customer', wrongEmails)).not.toEqual([]);
  // Every property of the schema is a key of the type and no other: tsc fails on the line below otherwise.
  const sameKeys: SameKeys<NamedKeys<Customer>, keyof typeof searchCustomerContract.components.schemas.Customer.properties> = true;
  expect(sameKeys).toBe(true);
});

test('the simulator seed data conforms to the contract', () => {
  expect(validateSchema('SearchCustomerResponse', { customers: seedCustomers.map((seed) => seed.customer).slice(0, 5) })).toEqual([]);
  for (const seed of seedCustomers) expect(validateSchema('Customer', seed.customer)).toEqual([]);
});

test('the page\'s example customer in the seed holds a value of every scalar Customer property and every field held beside, inside its limits', () => {
  const known = seedCustomers[0];
  const record = (known?.customer ?? {}) as Readonly<Record<string, unknown>>;
  expect(customerFields().filter((field) => record[field.name] === undefined).map((field) => field.name)).toEqual([]);
  for (const { field, pointer } of searchCriteria.held) {
    const values = known?.held[field] ?? [];
    expect(values.length, field).toBeGreaterThan(0);
    for (const value of values) expect(validateSchema('SearchCustomerRequest', { [field]: value }).filter((violation) => violation.contractPath.startsWith(`${pointer}/`)), field).toEqual([]);
  }
});
