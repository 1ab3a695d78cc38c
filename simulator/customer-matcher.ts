import { holdsCriterion, sameValue, searchCriteria, sentCriteria, type SearchCriteria } from '../contracts/search-criteria';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { SeedCustomer } from './seed-customers';

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Finds the seed customers a (valid) request matches. The criteria come from the contract
 * (`contracts/search-criteria.ts`): every request field a Customer property shows must hold its
 * sent value exactly (case and surrounding whitespace aside), one of the alternatives sent together
 * ("companyName or lastName") sufficing; a customer without the field does not match. productCode
 * matches the products the simulator stores beside each customer; the other fields no Customer
 * property shows (careOfAddress, entrance) are ignored, as the documentation does not say how a
 * provider matches them. `criteria` defaults to this contract's; a copy of the contract may give its own.
 */
export function matchCustomers(seed: readonly SeedCustomer[], body: SearchRequestBody, criteria: SearchCriteria = searchCriteria): SeedCustomer[] {
  const groups = sentCriteria(body, criteria);
  return seed.filter(({ customer, productCodes }) => {
    const record = customer as Readonly<Record<string, unknown>>;
    if (!groups.every((group) => group.some((criterion) => holdsCriterion(record, criterion, body[criterion.field], sameValue) === true))) return false;
    return body.productCode === undefined || productCodes.some((code) => same(code, body.productCode));
  });
}
