import { RESULT_CAP_POINTER } from '../contracts/contract-reader';
import { searchCriteria } from '../contracts/search-criteria';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';
import { validTokenRequest } from './valid-token-request';

/** The Customer property a request field is held in (phoneNumber in phoneNumbers), as the criteria derive it. */
function heldAt(field: string): string {
  const criterion = searchCriteria.criteria.find((candidate) => candidate.field === field);
  if (!criterion) throw new Error(`Case generator bug: no Customer property holds the request field ${field}`);
  return criterion.customerPointer;
}

/**
 * What the searches the profile knows must find: the known customer by phone, by email and by
 * name/address, and no more than the cap for a search that matches more.
 */
export function resultCases(profile: TargetProfile): ContractCase[] {
  const known = profile.knownCustomer;
  const bySingleField: ContractCase[] = (
    [
      ['phoneNumber', 'phone', known.phoneNumber],
      ['email', 'email', known.email],
    ] as const
  ).map(([field, label, value]) => ({
    title: `results: ${label === 'phone' ? 'a phone' : 'an email'} search finds the known customer, and only holders of that ${label}`,
    request: validTokenRequest({ [field]: value }),
    expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { [field]: value, customerNumber: known.customerNumber } },
    contractPath: heldAt(field),
  }));
  return [
    ...bySingleField,
    {
      title: 'results: a name/address search finds the known customer',
      request: validTokenRequest(known.nameAddressSearch),
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { customerNumber: known.customerNumber } },
      contractPath: '#/components/schemas/Customer/properties/customerNumber',
    },
    {
      title: 'results: a search known to match more than the cap returns between 1 and the cap',
      request: validTokenRequest(profile.broadSearch),
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { overCap: true } },
      contractPath: RESULT_CAP_POINTER,
    },
  ];
}
