import type { OpenAPIV3_1 } from 'openapi-types';
import { documentedRequestExample } from '../contracts/documented-request-example';
import { searchCriteria } from '../contracts/search-criteria';
import { searchCustomerContract } from '../contracts/search-customer-contract';
import type { Customer } from '../contracts/search-customer-types';
import { valueInsideLimits } from './value-inside-limits';

/**
 * A customer as the simulator stores it: the public record, and beside it the values it holds of
 * each request field no Customer property shows (its products, its care-of address, its entrance),
 * by field name (a field the customer holds no value of is absent).
 */
export interface SeedCustomer {
  readonly customer: Customer;
  readonly held: Readonly<Record<string, readonly (string | number)[]>>;
}

const nordmann = (
  customerNumber: number,
  firstName: string,
  streetNumber: number,
  phone: string,
  email: string,
): SeedCustomer => ({
  customer: {
    customerNumber,
    firstName,
    lastName: 'Nordmann',
    streetAddress: 'Grubbegata',
    streetNumber,
    postalCode: '0179',
    postalPlace: 'Oslo',
    countryCode: 'NO',
    emails: { email: [email] },
    phoneNumbers: [{ phoneNumber: phone, isMobile: true }],
  },
  held: { productCode: ['CO10001'] },
});

const withPostBox = (seed: SeedCustomer, postBox: Readonly<Record<'postalAddress' | 'postalAddressPostalCode' | 'postalAddressPostalPlace', string>>): SeedCustomer => ({
  ...seed,
  customer: { ...seed.customer, ...postBox },
});

const written: readonly SeedCustomer[] = [
  {
    customer: {
      customerNumber: 563457,
      companyName: 'Company International Ltd',
      departmentName: 'Support',
      firstName: 'Ola',
      middleName: 'Fjordstrand',
      lastName: 'Nordmann',
      streetAddress: 'Grubbegata',
      streetNumber: 6,
      postalCode: '0179',
      postalPlace: 'Oslo',
      postalAddress: 'Postboks 265 Økern',
      postalAddressPostalCode: '0510',
      postalAddressPostalPlace: 'Oslo',
      countryCode: 'NO',
      emails: { email: ['ola.nordmann@company.com', 'ola.nordmann@hotmail.no'] },
      phoneNumbers: [
        { phoneNumber: '+4712345678', isMobile: true },
        { phoneNumber: '+4723339100', isMobile: false },
      ],
    },
    held: { productCode: ['CO27409'] },
  },
  // A Nordmann of another Grubbegata, in Lillestrøm, and a company at the example's address: a
  // provider that leaves postalPlace or companyName out of matching returns them where the
  // simulator does not, among the first five, so results-match-criteria catches it.
  {
    customer: {
      customerNumber: 700003,
      firstName: 'Eva',
      lastName: 'Nordmann',
      streetAddress: 'Grubbegata',
      streetNumber: 3,
      postalCode: '2000',
      postalPlace: 'Lillestrøm',
      countryCode: 'NO',
      emails: { email: ['eva.nordmann@example.no'] },
      phoneNumbers: [{ phoneNumber: '+4763000003', isMobile: true }],
    },
    held: { productCode: ['CO10001'] },
  },
  {
    customer: {
      customerNumber: 700004,
      companyName: 'Grubbegata Bakeri AS',
      streetAddress: 'Grubbegata',
      streetNumber: 6,
      postalCode: '0179',
      postalPlace: 'Oslo',
      countryCode: 'NO',
      emails: { email: ['post@grubbegata-bakeri.example'] },
      phoneNumbers: [{ phoneNumber: '+4722000004', isMobile: false }],
    },
    held: { productCode: ['CO10001'] },
  },
  // Lives in Oslo, gets her post in Lysaker: a provider that compares postalPlace with the postal
  // address's place finds her by Lysaker, and the relation phase's search by it shows that.
  withPostBox(nordmann(563458, 'Kari', 6, '+4791000001', 'kari.nordmann@example.no'), { postalAddress: 'Postboks 17', postalAddressPostalCode: '1324', postalAddressPostalPlace: 'Lysaker' }),
  nordmann(563459, 'Per', 8, '+4791000002', 'per.nordmann@example.no'),
  nordmann(563460, 'Lise', 10, '+4791000003', 'lise.nordmann@example.no'),
  nordmann(563461, 'Nils', 12, '+4791000004', 'nils.nordmann@example.no'),
  nordmann(563462, 'Ingrid', 14, '+4791000005', 'ingrid.nordmann@example.no'),
  nordmann(563463, 'Jon', 16, '+4791000006', 'jon.nordmann@example.no'),
  // The example customer's household: she shares its landline, so the search by that number is an
  // answer below the cap that holds the known customer and one more, whose first name is beyond
  // ASCII. A narrower search by her own first name must find her again (criteria-narrow-results),
  // which a provider that writes or reads that name in another encoding than it holds fails.
  {
    customer: {
      customerNumber: 563464,
      firstName: 'Bjørg',
      lastName: 'Fjordstrand',
      streetAddress: 'Grubbegata',
      streetNumber: 6,
      postalCode: '0179',
      postalPlace: 'Oslo',
      countryCode: 'NO',
      emails: { email: ['bjorg.fjordstrand@example.no'] },
      phoneNumbers: [{ phoneNumber: '+4723339100', isMobile: false }],
    },
    held: { productCode: ['CO10001'] },
  },
  {
    customer: {
      customerNumber: 700001,
      firstName: 'Hanne',
      lastName: 'Hansen',
      streetAddress: 'Bryggen',
      streetNumber: 1,
      postalCode: '5003',
      postalPlace: 'Bergen',
      countryCode: 'NO',
      emails: { email: ['hanne.hansen@example.no'] },
      phoneNumbers: [{ phoneNumber: '+4755000001', isMobile: false }],
    },
    held: { productCode: ['CO10001'] },
  },
  {
    customer: {
      customerNumber: 700002,
      companyName: 'Fjordkraft Testing AS',
      streetAddress: 'Kongens gate',
      streetNumber: 2,
      postalCode: '7011',
      postalPlace: 'Trondheim',
      countryCode: 'NO',
      emails: { email: ['post@fjordkraft-testing.example'] },
      phoneNumbers: [{ phoneNumber: '+4773000002', isMobile: false }],
    },
    held: { productCode: ['CO27409'] },
  },
];

type Schema = OpenAPIV3_1.SchemaObject;
const schemas = (searchCustomerContract as unknown as OpenAPIV3_1.Document).components?.schemas ?? {};
const propertiesOf = (name: string): Readonly<Record<string, Schema>> => ((schemas[name] as Schema | undefined)?.properties ?? {}) as Readonly<Record<string, Schema>>;

/** The page example's value of a request field, when it sends one that is not blank. */
function exampleValue(field: string): string | number | undefined {
  const value = documentedRequestExample[field];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number' ? value : undefined;
}

/**
 * The page's example customer completed from the contract, so a field added there is held without
 * an edit here: every scalar Customer property it lacks gets a value inside the property's limits,
 * and every request field no Customer property shows that it holds nothing of gets the page
 * example's value (CO27409, entrance A), else one inside the field's limits.
 */
function completed(seed: SeedCustomer): SeedCustomer {
  const record: Record<string, unknown> = { ...seed.customer };
  for (const [name, schema] of Object.entries(propertiesOf('Customer'))) {
    const value = valueInsideLimits(schema);
    if (record[name] === undefined && value !== undefined) record[name] = value;
  }
  const held: Record<string, readonly (string | number)[]> = { ...seed.held };
  const request = propertiesOf('SearchCustomerRequest');
  for (const { field } of searchCriteria.held) {
    const value = exampleValue(field) ?? valueInsideLimits(request[field] ?? {});
    if (held[field] === undefined && value !== undefined) held[field] = [value];
  }
  return { customer: record as Customer, held };
}

/**
 * The documentation page's example customer (completed from the contract), a Nordmann of Grubbegata
 * in Lillestrøm and a company at the example's address, six more Nordmanns of Grubbegata in Oslo (so
 * the broad search matches seven, more than the cap of 5), a Fjordstrand of the example customer's
 * household who shares its landline, and two customers elsewhere. The example customer holds
 * product CO27409; the other Nordmanns, the Fjordstrand and Hanne Hansen hold CO10001, which the
 * example profile names too, so a relation case adds a product the known customer does not hold.
 */
export const seedCustomers: readonly SeedCustomer[] = written.map((seed, index) => (index === 0 ? completed(seed) : seed));
