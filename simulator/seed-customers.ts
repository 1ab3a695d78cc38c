import type { Customer } from '../contracts/search-customer-types';

/** A customer as the simulator stores it: the public record plus the products it holds. */
export interface SeedCustomer {
  readonly customer: Customer;
  readonly productCodes: readonly string[];
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
  productCodes: ['CO10001'],
});

/**
 * The documentation page's example customer, six more Nordmanns of Grubbegata in Oslo (so the
 * broad search matches seven, more than the cap of 5) and two customers elsewhere. The example
 * customer holds product CO27409; the other Nordmanns and Hanne Hansen hold CO10001, which the
 * example profile names too, so a relation case adds a product the known customer does not hold.
 */
export const seedCustomers: readonly SeedCustomer[] = [
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
    productCodes: ['CO27409'],
  },
  nordmann(563458, 'Kari', 6, '+4791000001', 'kari.nordmann@example.no'),
  nordmann(563459, 'Per', 8, '+4791000002', 'per.nordmann@example.no'),
  nordmann(563460, 'Lise', 10, '+4791000003', 'lise.nordmann@example.no'),
  nordmann(563461, 'Nils', 12, '+4791000004', 'nils.nordmann@example.no'),
  nordmann(563462, 'Ingrid', 14, '+4791000005', 'ingrid.nordmann@example.no'),
  nordmann(563463, 'Jon', 16, '+4791000006', 'jon.nordmann@example.no'),
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
    productCodes: ['CO10001'],
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
    productCodes: ['CO27409'],
  },
];
