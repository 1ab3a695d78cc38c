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
 * The known customer's phone number under another country code: its first digit after the plus
 * changed (never to 0, which no E.164 country code starts with), every later digit kept. E.164 makes
 * the country code part of the number, so whoever holds the known number does not hold this one.
 */
export function otherCountryNumber(phoneNumber: string): string | undefined {
  const match = /^\+([1-9])(\d+)$/.exec(phoneNumber);
  if (!match) return undefined;
  const first = Number(match[1]);
  return `+${first === 9 ? 1 : first + 1}${match[2] as string}`;
}

/**
 * What the searches the profile knows must find: the known customer by phone, by email and by
 * name/address, and no more than the cap for a search that matches more; and a search by its number
 * under another country code finds only holders of that number (a provider that compares the last
 * digits alone returns the known customer there).
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
  const elsewhere = otherCountryNumber(known.phoneNumber);
  const otherCountry: ContractCase[] = elsewhere
    ? [
        {
          title: "results: a phone search by the known customer's number under another country code finds only holders of that number",
          request: validTokenRequest({ phoneNumber: elsewhere }),
          expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { phoneNumber: elsewhere } },
          contractPath: heldAt('phoneNumber'),
        },
      ]
    : [];
  return [
    ...bySingleField,
    ...otherCountry,
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
