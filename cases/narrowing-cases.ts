import { requestField } from '../contracts/contract-reader';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';
import { decidedRequestExample } from './decided-request-example';
import { marketText } from './market-text';
import { validTokenRequest } from './valid-token-request';

/**
 * "This will shrink search result": each search again with one criterion more, judged against itself.
 * Fixed pairs, so the monitor has one; the relation cases (relation-cases.ts) add many more, built
 * from what the target returned, on wider answers known to be below the cap.
 */
export function narrowingCases(profile: TargetProfile): ContractCase[] {
  const known = profile.knownCustomer;
  const productCode = decidedRequestExample.productCode;
  const pairs = [
    ['a phone search', { phoneNumber: known.phoneNumber }, 'productCode', productCode],
    ['an email search', { email: known.email }, 'productCode', productCode],
    ['an email search', { email: known.email }, 'firstName', marketText(8)],
    ['a name/address search', known.nameAddressSearch, 'productCode', productCode],
    ['a name/address search', known.nameAddressSearch, 'firstName', marketText(8)],
  ] as const;
  return pairs.map(([label, wider, field, value]) => ({
    title: `narrowing: ${label} with ${field} added finds no customer the search alone did not`,
    request: validTokenRequest({ ...wider, [field]: value }),
    expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
    contractPath: requestField(field).pointer,
    wider: validTokenRequest(wider),
  }));
}
