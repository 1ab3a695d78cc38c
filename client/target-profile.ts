import { readFileSync } from 'node:fs';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import { isValidSearchRequest, validateSchema } from '../contracts/contract-validator';

/**
 * What the suite and the monitor know about a target's data: one customer that exists, and one
 * search that matches more customers than the documented cap.
 */
export interface TargetProfile {
  readonly knownCustomer: {
    readonly customerNumber: number;
    readonly phoneNumber: string;
    readonly email: string;
    /** A name/address search that finds this customer. */
    readonly nameAddressSearch: SearchRequestBody;
  };
  /** A search known to match more than 5 customers. */
  readonly broadSearch: SearchRequestBody;
  /**
   * Product codes customers of the target hold; optional, default none. Each is added to the
   * searches that found the known customer, which it must never widen: name one the known customer
   * does not hold, so a provider that lets a product widen a search shows.
   */
  readonly productCodes?: readonly string[];
}

/** The documentation page's own example customer, which the embedded simulator seeds. */
export const documentedProfile: TargetProfile = {
  knownCustomer: {
    customerNumber: 563457,
    phoneNumber: '+4712345678',
    email: 'ola.nordmann@company.com',
    nameAddressSearch: { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179' },
  },
  broadSearch: { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalPlace: 'Oslo' },
  // The page's example product, which the customer holds, and one the simulator gives other customers.
  productCodes: ['CO27409', 'CO10001'],
};

/** Lists what is wrong with a parsed profile (empty when it is usable). */
export function profileProblems(value: unknown): string[] {
  const problems: string[] = [];
  const profile = value as Partial<TargetProfile> | null;
  const known = profile?.knownCustomer;
  if (typeof profile !== 'object' || profile === null) return ['is not a JSON object'];
  if (!known || typeof known !== 'object') problems.push('knownCustomer is missing');
  else {
    if (!Number.isInteger(known.customerNumber)) problems.push('knownCustomer.customerNumber must be an integer');
    if (!isValidSearchRequest({ phoneNumber: known.phoneNumber }))
      problems.push('knownCustomer.phoneNumber must be an E.164 number the contract accepts');
    if (!isValidSearchRequest({ email: known.email }))
      problems.push('knownCustomer.email must be an email the contract accepts');
    if (!isValidSearchRequest(known.nameAddressSearch))
      problems.push('knownCustomer.nameAddressSearch must be a valid search request');
  }
  if (!isValidSearchRequest(profile.broadSearch)) problems.push('broadSearch must be a valid search request');
  const codes = profile.productCodes;
  const validCode = (code: unknown): boolean =>
    typeof code === 'string' && !validateSchema('SearchCustomerRequest', { productCode: code }).some((violation) => violation.instancePath === '/productCode');
  if (codes !== undefined && (!Array.isArray(codes) || !codes.every(validCode))) {
    problems.push('productCodes must be a list of product codes the contract accepts');
  }
  return problems;
}

/** Reads and checks a profile file; throws an Error whose message says what is wrong, never the data. */
export function readTargetProfile(path: string): TargetProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON`, { cause: error });
  }
  const problems = profileProblems(parsed);
  if (problems.length > 0) throw new Error(`${path}: ${problems.join(', ')}`);
  return parsed as TargetProfile;
}
