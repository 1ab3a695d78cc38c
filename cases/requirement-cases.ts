import { searchRequirementCombinations, SEARCH_REQUIREMENT_POINTER } from '../contracts/contract-reader';
import { isValidSearchRequest, validateSchema } from '../contracts/contract-validator';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';
import { decidedRequestExample } from './decided-request-example';
import { validTokenRequest } from './valid-token-request';

type Values = Readonly<Record<string, unknown>>;

/**
 * A value for every field the requirement names: the profile's own (its name/address search, phone
 * and email) where it has one, else the page's example as decided, so a profile that searches by
 * lastName and postalCode still gets a companyName and a postalPlace.
 */
function requirementValues(profile: TargetProfile, combinations: readonly (readonly string[])[]): Values {
  const known = profile.knownCustomer;
  const fromProfile: Values = { ...known.nameAddressSearch, phoneNumber: known.phoneNumber, email: known.email };
  const fields = new Set(combinations.flat());
  return Object.fromEntries([...fields].map((field) => [field, Object.hasOwn(fromProfile, field) ? fromProfile[field] : decidedRequestExample[field]]));
}

const pick = (values: Values, fields: readonly string[]): SearchRequestBody => Object.fromEntries(fields.map((field) => [field, values[field]]));

/** Each minimal combination of the requirement alone: a valid search. */
function combinationCases(values: Values, combinations: readonly (readonly string[])[]): ContractCase[] {
  return combinations.map((combination) => {
    const title = `search requirement: ${combination.join(' + ')} accepted`;
    if (!isValidSearchRequest(pick(values, combination))) throw new Error(`Case generator bug: "${title}" should be a valid request`);
    return {
      title,
      request: validTokenRequest(pick(values, combination)),
      expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
      contractPath: SEARCH_REQUIREMENT_POINTER,
    };
  });
}

/** Every combination less one field that no longer meets the requirement, each named once by what is left. */
function nearMisses(values: Values, combinations: readonly (readonly string[])[]): [string, SearchRequestBody][] {
  const misses = new Map<string, string[]>();
  for (const combination of combinations) {
    for (const missing of combination) {
      const rest = combination.filter((field) => field !== missing);
      if (rest.length === 0 || isValidSearchRequest(pick(values, rest))) continue;
      misses.set(rest.join(' + '), rest);
    }
  }
  return [...misses.entries()].map(([label, fields]) => [`only ${label}`, pick(values, fields)]);
}

/** Searches that fall short of the requirement: the near misses, nothing, a narrowing field alone, a name in the wrong field. */
function nearMissCases(values: Values, combinations: readonly (readonly string[])[]): ContractCase[] {
  const bodies: [string, SearchRequestBody][] = [
    ...nearMisses(values, combinations),
    ['an empty search', {}],
    ['a product code alone', { productCode: decidedRequestExample.productCode }],
    ['firstName in place of lastName', { firstName: decidedRequestExample.firstName, streetAddress: values.streetAddress, postalCode: values.postalCode }],
  ];
  return bodies.map(([label, body]) => {
    const title = `search requirement: ${label} refused`;
    const violations = validateSchema('SearchCustomerRequest', body);
    if (!violations.some((violation) => violation.contractPath.startsWith(SEARCH_REQUIREMENT_POINTER))) {
      throw new Error(`Case generator bug: "${title}" should break ${SEARCH_REQUIREMENT_POINTER}`);
    }
    return {
      title,
      request: validTokenRequest(body),
      expectation: { kind: 'refused', rule: 'search-requirement' },
      contractPath: SEARCH_REQUIREMENT_POINTER,
    };
  });
}

/**
 * Values a provider may read as "not sent": null, which common binders read as absent (decision
 * scalar-coercion), and the empty and the blank string, which a provider may trim to nothing.
 */
const ABSENT_LIKE: readonly (readonly [label: string, value: null | string])[] = [
  ['null', null],
  ['""', ''],
  ['"  " (blank)', '  '],
];

/**
 * Each minimal combination with one field's value replaced by one a provider may read as not sent,
 * kept where every reading refuses it: read as absent, the rest falls short of the requirement; read
 * as sent, null is a type no binder keeps for a criterion, and a string breaks the field's format or
 * pattern. An empty name is left out: read as sent it is a valid search (decision text-characters).
 */
function absentValueCases(values: Values, combinations: readonly (readonly string[])[]): ContractCase[] {
  const cases = new Map<string, ContractCase>();
  for (const combination of combinations) {
    for (const field of combination) {
      const rest = combination.filter((other) => other !== field);
      if (isValidSearchRequest(pick(values, rest))) continue;
      for (const [label, value] of ABSENT_LIKE) {
        const body = { ...pick(values, combination), [field]: value };
        if (value !== null && isValidSearchRequest(body)) continue;
        const title = `search requirement: ${field} ${label}${rest.length > 0 ? ` beside ${rest.join(' + ')}` : ' alone'} refused`;
        cases.set(title, { title, request: validTokenRequest(body), expectation: { kind: 'refused', rule: 'search-requirement' }, contractPath: SEARCH_REQUIREMENT_POINTER });
      }
    }
  }
  return [...cases.values()];
}

/**
 * The search requirement read from the schema: every minimal field combination accepted, and every
 * way of falling just short of one refused, a criterion sent with a value that reads as not sent among them.
 */
export function requirementCases(profile: TargetProfile): ContractCase[] {
  const combinations = searchRequirementCombinations();
  const values = requirementValues(profile, combinations);
  return [...combinationCases(values, combinations), ...nearMissCases(values, combinations), ...absentValueCases(values, combinations)];
}
