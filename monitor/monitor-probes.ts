import { requestField } from '../contracts/contract-reader';
import type { ExchangeRequest, Expectation } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';

/** The probes of one run: each name is a `probe` label, a row on the / page and a key in logs. */
export const probeNames = [
  'phone-search',
  'email-search',
  'name-address-search',
  'broad-search',
  'longest-values-accepted',
  'incomplete-search-refused',
  'over-long-field-refused',
  'wrong-type-refused',
  'malformed-email-refused',
  'no-token-refused',
] as const;

export type ProbeName = (typeof probeNames)[number];

/** A synthetic search the monitor sends each run, and what the answer must show. */
export interface MonitorProbe {
  readonly request: ExchangeRequest;
  readonly expectation: Expectation;
  readonly contractPath: string;
}

/**
 * The probe registry, complete by type (a name without a probe does not compile). Positive probes find the profile's known customer (by phone, email, name/address), run the broad
 * search and a search at the documented length limit; negative probes check that production keeps
 * refusing what the contract refuses (incomplete, over-long, wrongly typed, malformed, no token).
 */
export function monitorProbes(profile: TargetProfile): Record<ProbeName, MonitorProbe> {
  const known = profile.knownCustomer;
  const companyName = requestField('companyName');
  const longest = 'C'.repeat(companyName.maxLength ?? 0);
  const overLong = `${longest}C`;
  return {
    'phone-search': {
      request: { body: { phoneNumber: known.phoneNumber }, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { phoneNumber: known.phoneNumber, customerNumber: known.customerNumber } },
      contractPath: '#/components/schemas/SearchCustomerRequest/anyOf/0',
    },
    'email-search': {
      request: { body: { email: known.email }, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { email: known.email, customerNumber: known.customerNumber } },
      contractPath: '#/components/schemas/SearchCustomerRequest/anyOf/1',
    },
    'name-address-search': {
      request: { body: known.nameAddressSearch, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { customerNumber: known.customerNumber } },
      contractPath: '#/components/schemas/SearchCustomerRequest/anyOf/2',
    },
    'broad-search': {
      request: { body: profile.broadSearch, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { overCap: true } },
      contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers/maxItems',
    },
    'incomplete-search-refused': {
      request: { body: { streetAddress: String(known.nameAddressSearch.streetAddress ?? 'Grubbegata') }, auth: 'valid' },
      expectation: { kind: 'refused', rule: 'search-requirement' },
      contractPath: '#/components/schemas/SearchCustomerRequest/anyOf',
    },
    'over-long-field-refused': {
      request: { body: { ...known.nameAddressSearch, companyName: overLong }, auth: 'valid' },
      expectation: { kind: 'refused', rule: 'field-max-length' },
      contractPath: `${companyName.pointer}/maxLength`,
    },
    'longest-values-accepted': {
      request: { body: { ...known.nameAddressSearch, companyName: longest }, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
      contractPath: `${companyName.pointer}/maxLength`,
    },
    'wrong-type-refused': {
      request: { body: { ...known.nameAddressSearch, streetNumber: 'six' }, auth: 'valid' },
      expectation: { kind: 'refused', rule: 'field-type' },
      contractPath: '#/components/schemas/SearchCustomerRequest/properties/streetNumber/type',
    },
    'malformed-email-refused': {
      request: { body: { email: 'not-an-email-address' }, auth: 'valid' },
      expectation: { kind: 'refused', rule: 'field-format' },
      contractPath: '#/components/schemas/SearchCustomerRequest/properties/email/format',
    },
    'no-token-refused': {
      request: { body: { phoneNumber: known.phoneNumber }, auth: 'none' },
      expectation: { kind: 'unauthorized', rule: 'auth-required' },
      contractPath: '#/components/securitySchemes/Client_Credentials',
    },
  };
}
