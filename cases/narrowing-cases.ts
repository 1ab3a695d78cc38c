import { requestField } from '../contracts/contract-reader';
import { searchCriteria } from '../contracts/search-criteria';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';
import { decidedRequestExample } from './decided-request-example';
import { marketText } from './market-text';
import { validTokenRequest } from './valid-token-request';

/** The value a narrowing pair adds of a field: the page example's, else everyday text inside the field's limit. */
function addedValue(field: string): unknown {
  const example = decidedRequestExample[field];
  if (example !== undefined && example !== '') return example;
  return marketText(Math.min(8, requestField(field).maxLength ?? 8));
}

/**
 * "This will shrink search result": each search again with one criterion more, judged against itself.
 * Fixed pairs, so the monitor has one: every field whose matching decision says it is judged
 * through relations (productCode) is added to a phone, an email and a name/address search, and a
 * first name, which a Customer shows, to the email and name/address searches. The relation cases
 * (relation-cases.ts) add many more, built from what the target returned, on wider answers known
 * to be below the cap.
 */
export function narrowingCases(profile: TargetProfile): ContractCase[] {
  const known = profile.knownCustomer;
  const searches = [
    ['a phone search', { phoneNumber: known.phoneNumber }],
    ['an email search', { email: known.email }],
    ['a name/address search', known.nameAddressSearch],
  ] as const;
  const byRelations = searchCriteria.held.filter((held) => held.matching.judgedBy === 'relations').map((held) => held.field);
  const pairs = searches.flatMap(([label, wider]) => [
    ...byRelations.map((field) => [label, wider, field, addedValue(field)] as const),
    ...(label === 'a phone search' ? [] : [[label, wider, 'firstName', marketText(8)] as const]),
  ]);
  return pairs.map(([label, wider, field, value]) => ({
    title: `narrowing: ${label} with ${field} added finds no customer the search alone did not`,
    request: validTokenRequest({ ...wider, [field]: value }),
    expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
    contractPath: requestField(field).pointer,
    wider: validTokenRequest(wider),
  }));
}
