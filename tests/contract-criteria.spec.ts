import { expect, test } from '@playwright/test';
import { checkExchange } from '../contracts/check-exchange';
import type { Exchange, Expectation } from '../contracts/exchange';
import { admitsValue, deriveSearchCriteria, judgedCriteria, searchCriteria, unplacedFieldsMessage } from '../contracts/search-criteria';
import { matchedBeside, searchCustomerContract } from '../contracts/search-customer-contract';
import { documentedProfile } from '../client/target-profile';
import { buildRelationCases, FULL_NAME_ADDRESS_TITLE, MAX_RELATION_CASES, MAX_SIBLING_VALUE_CASES, siblingValueCases, widerSearches, type WiderSearch } from '../cases/relation-cases';
import { matchCustomers } from '../simulator/customer-matcher';
import { seedCustomers } from '../simulator/seed-customers';

/*
 * Which criteria a returned customer shows, and how they compare, come from the contract; the rule
 * results-match-criteria, the relation cases and the simulator's matcher read the same derivation.
 */

test('criteria are derived from the contract: Customer properties of the same name, nested ones included', () => {
  const derived = searchCriteria.criteria.map(({ field, customerPath, comparison, alternatives, unjudgedBecause, scope }) => ({ field, path: customerPath.join('.'), comparison, alternatives, unjudgedBecause, scope }));
  expect(derived).toEqual([
    { field: 'companyName', path: 'companyName', comparison: 'text', alternatives: ['lastName'], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'departmentName', path: 'departmentName', comparison: 'text', alternatives: [], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'firstName', path: 'firstName', comparison: 'text', alternatives: [], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'middleName', path: 'middleName', comparison: 'text', alternatives: [], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'lastName', path: 'lastName', comparison: 'text', alternatives: ['companyName'], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'streetAddress', path: 'streetAddress', comparison: 'text', alternatives: [], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'streetNumber', path: 'streetNumber', comparison: 'integer', alternatives: [], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'postalCode', path: 'postalCode', comparison: 'text', alternatives: ['postalPlace'], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'postalPlace', path: 'postalPlace', comparison: 'text', alternatives: ['postalCode'], unjudgedBecause: undefined, scope: 'name-address-search' },
    { field: 'countryCode', path: 'countryCode', comparison: 'country', alternatives: [], unjudgedBecause: undefined, scope: 'any-search' },
    { field: 'phoneNumber', path: 'phoneNumbers.phoneNumber', comparison: 'digits', alternatives: ['email'], unjudgedBecause: undefined, scope: 'any-search' },
    { field: 'email', path: 'emails.email', comparison: 'text', alternatives: ['phoneNumber'], unjudgedBecause: undefined, scope: 'any-search' },
  ]);
  // Not observable in a result: no Customer property names them.
  for (const field of ['productCode', 'careOfAddress', 'entrance']) expect(derived.map((criterion) => criterion.field)).not.toContain(field);
});

test('a sent country code tells a customer apart only when the two codes name different countries', () => {
  const country = searchCriteria.criteria.find((criterion) => criterion.field === 'countryCode');
  expect(country?.comparison).toBe('country');
  if (!country) return;
  const admits = (sent: string, held: string): boolean => admitsValue(country, sent, held);
  // The same country however written: alpha-3, a subdivision, case, an exceptional reservation.
  expect([admits('NOR', 'NO'), admits('NO', 'NO-03'), admits('no', 'NO'), admits('UK', 'GB')]).toEqual([true, true, true, true]);
  // A code that names no country the decision knows is not judged.
  expect(admits('XYZ', 'NO')).toBe(true);
  // Another country, however written.
  expect([admits('SE', 'NO'), admits('DNK', 'NO'), admits('SE-AB', 'NOR')]).toEqual([false, false, false]);
  // A phone search is judged on it, as on the phone number: the page offers it "to match in a search".
  expect(judgedCriteria({ phoneNumber: '+4712345678', countryCode: 'SE', firstName: 'Ola' }).flat().map((criterion) => criterion.field)).toEqual(['countryCode', 'phoneNumber']);
});

test('a request field added to a copy of the contract is matched by the simulator as soon as a Customer property names it', () => {
  const copy = structuredClone(searchCustomerContract) as unknown as { components: { schemas: { SearchCustomerRequest: { properties: Record<string, unknown> } } } };
  copy.components.schemas.SearchCustomerRequest.properties.postalAddress = { type: 'string', maxLength: 40, description: 'Postal address to match.' };
  const criteria = deriveSearchCriteria(copy as unknown as typeof searchCustomerContract);
  expect(criteria.criteria.map((criterion) => criterion.field)).toContain('postalAddress');
  const search = { phoneNumber: '+4712345678', postalAddress: 'Postboks 1' };
  expect(matchCustomers(seedCustomers, search)).toHaveLength(1);
  expect(matchCustomers(seedCustomers, search, criteria)).toHaveLength(0);
  expect(matchCustomers(seedCustomers, { ...search, postalAddress: 'postboks 265 økern ' }, criteria).map((seed) => seed.customer.customerNumber)).toEqual([563457]);
});

/** A copy of the contract with one more request field, as a test edits it. */
function withRequestField(name: string, schema: object): typeof searchCustomerContract {
  const copy = structuredClone(searchCustomerContract) as unknown as { components: { schemas: { SearchCustomerRequest: { properties: Record<string, unknown> } } } };
  copy.components.schemas.SearchCustomerRequest.properties[name] = schema;
  return copy as unknown as typeof searchCustomerContract;
}

test('every request field no Customer property shows is placed by its matching decision, none left unplaced', () => {
  expect(searchCriteria.held.map(({ field, matching }) => [field, matching.judgedBy, matching.simulator])).toEqual([
    ['productCode', 'relations', 'held-beside'],
    ['careOfAddress', 'baseline', 'held-beside'],
    ['entrance', 'baseline', 'held-beside'],
  ]);
  expect(searchCriteria.unplaced).toEqual([]);
  expect(unplacedFieldsMessage()).toBeUndefined();
});

test('a request field with neither a Customer property nor a matching decision is unplaced, and the message names it', () => {
  const nationalId = { type: 'string', maxLength: 11, description: 'National identity number to match.' } as const;
  const undecided = deriveSearchCriteria(withRequestField('nationalId', nationalId));
  expect(undecided.criteria.map((criterion) => criterion.field)).not.toContain('nationalId');
  expect(undecided.held.map((held) => held.field)).not.toContain('nationalId');
  expect(unplacedFieldsMessage(undecided)).toBe(
    'Request field nationalId (#/components/schemas/SearchCustomerRequest/properties/nationalId) cannot be matched or judged: no Customer property shows it and it carries no matching decision. ' +
      'Name it after the Customer property that shows it, or wrap its schema in matchedBeside(…, { judgedBy, simulator, why })',
  );
  const halfDecided = deriveSearchCriteria(withRequestField('nationalId', { ...nationalId, 'x-matching': { judgedBy: 'baseline' } }));
  expect(unplacedFieldsMessage(halfDecided)).toContain('its x-matching is not a decision');
  const onCustomer = deriveSearchCriteria(withRequestField('postalAddress', matchedBeside(nationalId, { judgedBy: 'baseline', simulator: 'held-beside', why: 'Held beside, though the Customer shows it.' })));
  expect(unplacedFieldsMessage(onCustomer)).toContain('Customer property postalAddress shows it');
  const decided = deriveSearchCriteria(withRequestField('nationalId', matchedBeside(nationalId, { judgedBy: 'baseline', simulator: 'held-beside', why: 'Matched on a register the response does not show.' })));
  expect(decided.unplaced).toEqual([]);
  expect(decided.held.map((held) => held.field)).toContain('nationalId');
});

test('the simulator matches a held field on the values beside each customer: the known customer holds the example\'s, a blank value asks for nothing', () => {
  const known = seedCustomers[0];
  expect(known?.held).toEqual({ productCode: ['CO27409'], careOfAddress: [expect.any(String)], entrance: ['A'] });
  const byPhone = { phoneNumber: '+4712345678' };
  const numbers = (body: Record<string, unknown>) => matchCustomers(seedCustomers, body).map((seed) => seed.customer.customerNumber);
  for (const { field } of searchCriteria.held) {
    const heldValue = known?.held[field]?.[0];
    expect(numbers({ ...byPhone, [field]: ` ${String(heldValue).toUpperCase()} ` }), field).toEqual([563457]);
    expect(numbers({ ...byPhone, [field]: 'Ingen slik verdi' }), field).toEqual([]);
    expect(numbers({ ...byPhone, [field]: '' }), field).toEqual([563457]);
  }
});

const answer = (body: Readonly<Record<string, unknown>>, customers: readonly object[]): Exchange => ({
  request: { body, auth: 'valid' },
  response: { status: 200, headers: { 'content-type': 'application/json', date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, bodyText: JSON.stringify({ customers }), durationMs: 1, attempts: 1 },
});
const accepted: Expectation = { kind: 'accepted', rule: 'valid-search-accepted' };
const matchFindings = (body: Readonly<Record<string, unknown>>, customers: readonly object[]) =>
  checkExchange(answer(body, customers), accepted).violations.filter((violation) => violation.rule === 'results-match-criteria');

const nameAddress = { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179', firstName: 'Ola' };
const ola = { customerNumber: 1, firstName: 'Ola', lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179' };

test('every customer of a name/address search is judged against every criterion sent', () => {
  expect(matchFindings(nameAddress, [ola, { ...ola, customerNumber: 2, firstName: 'Kari' }])).toEqual([
    {
      rule: 'results-match-criteria',
      contractPath: '#/components/schemas/Customer/properties/firstName',
      expected: 'every customer holds the searched first name',
      received: '1 of 2 customers without it',
    },
  ]);
  expect(matchFindings({ ...nameAddress, streetNumber: 6 }, [{ ...ola, streetNumber: 8 }])).toEqual([
    expect.objectContaining({ contractPath: '#/components/schemas/Customer/properties/streetNumber', received: '1 of 1 customers without it' }),
  ]);
});

test('what a reasonable provider may do differently is not judged', () => {
  // Case, surrounding whitespace, prefixes, a postal code kept as a number, a customer without the field.
  expect(matchFindings(nameAddress, [{ ...ola, firstName: ' OLA ', lastName: 'Nordmann-Hansen', postalCode: 179 }, { ...ola, firstName: undefined }])).toEqual([]);
  // Alternatives sent together: either suffices.
  expect(matchFindings({ ...nameAddress, companyName: 'Company International Ltd' }, [{ ...ola, companyName: 'Another AS' }])).toEqual([]);
  expect(matchFindings({ ...nameAddress, companyName: 'Company International Ltd' }, [{ ...ola, companyName: 'Another AS', lastName: 'Hansen' }])).toEqual([
    expect.objectContaining({ expected: 'every customer holds the searched company name or last name' }),
  ]);
  // A country code in another notation (contradiction country-code-standard).
  expect(matchFindings({ ...nameAddress, countryCode: 'NOR' }, [{ ...ola, countryCode: 'NO' }])).toEqual([]);
  // Names beside a phone search alone: only the phone number is judged.
  const phoneHolder = { ...ola, phoneNumbers: [{ phoneNumber: '+47 123 45 678' }] };
  expect(matchFindings({ phoneNumber: '+4712345678', firstName: 'Kari' }, [phoneHolder])).toEqual([]);
  // Phone number and email are alternatives of the requirement ("one of"): sent together, either suffices.
  expect(matchFindings({ phoneNumber: '+4712345678', email: 'kari@example.no' }, [{ ...phoneHolder, emails: { email: ['ola@example.no'] } }])).toEqual([]);
  expect(matchFindings({ phoneNumber: '+4712345679', firstName: 'Kari' }, [phoneHolder])).toEqual([
    expect.objectContaining({ contractPath: '#/components/schemas/Customer/properties/phoneNumbers', expected: 'every customer holds the searched phone number' }),
  ]);
});

test('narrowing is judged only against a wider answer below the cap', () => {
  const narrow = { phoneNumber: '+4712345678', productCode: 'CO10001' };
  const customers = (count: number) => Array.from({ length: count }, (_, index) => ({ customerNumber: index + 1 }));
  const judge = (wider: number) =>
    checkExchange(answer(narrow, customers(wider + 1)), accepted, { wider: answer({ phoneNumber: '+4712345678' }, customers(wider)), casePath: '#/components/schemas/SearchCustomerRequest/properties/productCode' });
  expect(judge(1).violations).toEqual([
    {
      rule: 'criteria-narrow-results',
      contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
      expected: 'no customer beyond the 1 customer of the same search without the added criteria',
      received: '2 customers, 1 of them not among those',
    },
  ]);
  expect(judge(5).rulesChecked).not.toContain('criteria-narrow-results');
});

test('narrowing keeps every customer of a complete wider answer that shows the added values as sent, and judges none when a value is not one a Customer shows', () => {
  const wider = { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalPlace: 'Oslo' };
  const shown = [
    { customerNumber: 1, firstName: 'Åse', lastName: 'Nordmann' },
    { customerNumber: 2, firstName: 'Kari', lastName: 'Nordmann' },
  ];
  const path = { casePath: '#/components/schemas/SearchCustomerRequest/properties/firstName' };
  const judge = (added: Readonly<Record<string, unknown>>, found: readonly object[]) => checkExchange(answer({ ...wider, ...added }, found), accepted, { wider: answer(wider, shown), ...path }).violations;
  expect(judge({ firstName: 'Åse' }, [])).toEqual([
    {
      rule: 'criteria-narrow-results',
      contractPath: '#/components/schemas/SearchCustomerRequest/properties/firstName',
      expected: 'the 1 customer of the same search without the added criteria that show them as sent found again',
      received: '1 of them left out',
    },
  ]);
  expect(judge({ firstName: 'Åse' }, [shown[0] ?? {}])).toEqual([]);
  // A value with surrounding whitespace, or a criterion no Customer shows: nobody is owed.
  expect(judge({ firstName: ' Åse' }, [])).toEqual([]);
  expect(judge({ firstName: 'Åse', productCode: 'CO10001' }, [])).toEqual([]);
});

test("the other address's datum is derived from the contract's names, and a customer whose two addresses differ is searched by it", () => {
  expect(searchCriteria.criteria.filter((criterion) => criterion.siblings.length > 0).map(({ field, siblings }) => ({ field, siblings }))).toEqual([
    { field: 'postalCode', siblings: ['postalAddressPostalCode'] },
    { field: 'postalPlace', siblings: ['postalAddressPostalPlace'] },
  ]);
  const shown = (customerNumber: number, postBox: Readonly<Record<string, string>>) => ({ customerNumber, lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179', postalPlace: 'Oslo', ...postBox });
  const lysaker = { postalAddress: 'Postboks 17', postalAddressPostalCode: '1324', postalAddressPostalPlace: 'Lysaker' };
  // Two addresses that agree (0179 against 179 too) give no case; one that differs gives one per field, by its own name and street.
  expect(siblingValueCases([shown(1, { postalAddressPostalCode: '179', postalAddressPostalPlace: ' oslo ' }), shown(2, {})])).toEqual([]);
  const cases = siblingValueCases([shown(1, lysaker)]);
  expect(cases.map((item) => item.request.body)).toEqual([
    { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '1324' },
    { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalPlace: 'Lysaker' },
  ]);
  expect(cases.map((item) => item.title).join(' ')).not.toMatch(/Nordmann|Lysaker|1324/);
  expect(siblingValueCases(Array.from({ length: 10 }, (_, index) => shown(index, lysaker)))).toHaveLength(MAX_SIBLING_VALUE_CASES);
});

test('relation cases are bounded and their titles carry no customer data', () => {
  const known = seedCustomers[0]?.customer as Readonly<Record<string, unknown>>;
  const others = seedCustomers.slice(1).map((seed) => seed.customer as Readonly<Record<string, unknown>>);
  const wider: WiderSearch[] = Array.from({ length: 10 }, (_, index) => ({
    label: `search ${index}`,
    body: { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179', customerNumber: index },
    exchange: answer({ phoneNumber: '+4712345678' }, [known]),
    holdsKnown: true,
  }));
  const cases = buildRelationCases(documentedProfile, wider, known, others);
  expect(cases).toHaveLength(MAX_RELATION_CASES);
  const values = [...Object.values(known), ...others.flatMap((other) => Object.values(other))].filter((value) => typeof value === 'string' && value.length > 2) as string[];
  expect(cases.flatMap(({ case: item }) => values.filter((value) => item.title.includes(value)))).toEqual([]);
  // Each adds one criterion to its wider search, and those adding the known customer's own value expect it found.
  for (const { case: item } of cases) {
    expect(Object.keys(item.request.body as object)).toHaveLength(5);
    // Never an alternative of what the wider search sends: either suffices, so it may widen.
    expect(Object.keys(item.request.body as object)).not.toContain('companyName');
    expect(Object.keys(item.request.body as object)).not.toContain('postalPlace');
    expect(item.expectation.kind === 'accepted' && item.expectation.results?.customerNumber !== undefined).toBe(item.title.includes("the known customer's own"));
  }
});

test('every search that found the known customer is a wider search of its own label, so none loses its narrowings as repeats of another', () => {
  const known = seedCustomers[0]?.customer as Readonly<Record<string, unknown>>;
  const found = (title: string, body: Record<string, unknown>) => ({
    case: { title, request: { body, auth: 'valid' as const }, expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const, results: { customerNumber: documentedProfile.knownCustomer.customerNumber } }, contractPath: '#' },
    exchange: answer(body, [known]),
  });
  const wider = widerSearches(
    [
      found('results: a phone search finds the known customer, and only holders of that phone', { phoneNumber: '+4712345678' }),
      found(FULL_NAME_ADDRESS_TITLE, { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179', firstName: 'Ola' }),
      found("relation: the known customer found by phone number 1 of the 2 it shows beyond the profile's", { phoneNumber: '+4723339100' }),
      found("relation: the known customer found by email 1 of the 1 it shows beyond the profile's", { email: 'ola@example.no' }),
    ],
    documentedProfile,
  );
  const labels = wider.map((search) => search.label);
  expect(new Set(labels).size).toBe(4);
  expect(labels).toContain("the known customer's full name/address search");
  expect(labels).toContain("the known customer's search by phone number 1 of the 2 it shows beyond the profile's");
});
