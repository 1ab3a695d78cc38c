/**
 * The documentation page's request example, exactly as printed (postalCode as the number 179).
 * Kept as data rather than read from the stored page at run time, so the built monitor carries it;
 * the drift check (tests/contract-drift.spec.ts) fails the day it differs from the page.
 */
export const documentedRequestExample: Readonly<Record<string, unknown>> = {
  productCode: 'CO27409',
  companyName: 'Company International Ltd',
  departmentName: 'Support',
  firstName: 'Ola',
  middleName: 'Fjordstrand',
  lastName: 'Nordmann',
  careOfAddress: '',
  streetAddress: 'Grubbegata',
  streetNumber: 6,
  entrance: 'A',
  postalCode: 179,
  postalPlace: 'Oslo',
  countryCode: 'NO',
  phoneNumber: '+4712345678',
  email: 'ola.nordmann@company.com',
};
