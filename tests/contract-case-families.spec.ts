import { expect, test } from '@playwright/test';
import { isValidSearchRequest } from '../contracts/contract-validator';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedRequestExample } from '../contracts/documented-request-example';
import { documentedProfile, type TargetProfile } from '../client/target-profile';
import { buildContractCases, CONTRACT_CASE_FAMILIES } from '../cases/contract-cases';
import { decidedRequestExample } from '../cases/decided-request-example';
import { requirementCases } from '../cases/requirement-cases';

/*
 * The fixed suite is a registry of case families; the values its cases need and the profile lacks
 * come from the page's own request example with the recorded decisions applied, not from a list.
 */

test('the suite is its registered families in order, and every family contributes', () => {
  const byFamily = CONTRACT_CASE_FAMILIES.map((family) => family.build(documentedProfile).map((item) => item.title));
  for (const [index, titles] of byFamily.entries()) expect(titles.length, CONTRACT_CASE_FAMILIES[index]?.name).toBeGreaterThan(0);
  expect(buildContractCases(documentedProfile).map((item) => item.title)).toEqual(byFamily.flat());
});

test("the page's example as decided is a valid search, differing from the printed one only where a decision repairs it", () => {
  const repaired = documentationContradictions.flatMap((item) => Object.keys(item.exampleRepair?.request ?? {}));
  expect(repaired.length).toBeGreaterThan(0);
  expect(isValidSearchRequest(documentedRequestExample)).toBe(false);
  expect(isValidSearchRequest(decidedRequestExample)).toBe(true);
  const changed = Object.keys(decidedRequestExample).filter((field) => decidedRequestExample[field] !== documentedRequestExample[field]);
  expect(changed.sort()).toEqual([...repaired].sort());
});

test("a requirement case sends the profile's value of a field where it has one, else the page's example as decided", () => {
  const profile: TargetProfile = {
    knownCustomer: { customerNumber: 917, phoneNumber: '+4798765432', email: 'kari@example.no', nameAddressSearch: { companyName: 'Fjell AS', streetAddress: 'Solbakken', postalPlace: 'Tromsø' } },
    broadSearch: documentedProfile.broadSearch,
  };
  const own: Readonly<Record<string, unknown>> = { ...profile.knownCustomer.nameAddressSearch, phoneNumber: '+4798765432', email: 'kari@example.no' };
  const sent = new Map<string, unknown>();
  for (const item of requirementCases(profile).filter((candidate) => candidate.expectation.kind === 'accepted')) {
    for (const [field, value] of Object.entries(item.request.body as Record<string, unknown>)) {
      expect(value, `${item.title}: ${field}`).toBe(field in own ? own[field] : decidedRequestExample[field]);
      sent.set(field, value);
    }
  }
  // Both sources are exercised: the profile's street, and the example's lastName and postalCode it lacks.
  expect([sent.get('streetAddress'), sent.get('lastName'), sent.get('postalCode')]).toEqual(['Solbakken', 'Nordmann', '0179']);
});
