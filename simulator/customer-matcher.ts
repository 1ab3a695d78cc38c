import { holdsCriterion, sameValue, searchCriteria, sentCriteria, type SearchCriteria } from '../contracts/search-criteria';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { SeedCustomer } from './seed-customers';

/** A sent value of a held field equals a held one: case and surrounding whitespace aside, numbers by value. */
const sameHeld = (held: string | number, sent: unknown): boolean =>
  (typeof sent === 'string' || typeof sent === 'number') && String(held).trim().toLowerCase() === String(sent).trim().toLowerCase();

/** A sent value that asks for nothing: absent, null or blank (the page's example sends careOfAddress as ""). */
const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Finds the seed customers a (valid) request matches. The criteria come from the contract
 * (`contracts/search-criteria.ts`): every request field a Customer property shows must hold its
 * sent value exactly (case and surrounding whitespace aside), one of the alternatives sent together
 * ("companyName or lastName") sufficing; a customer without the field does not match. Every field
 * no Customer property shows is matched as its recorded decision says (`x-matching`, held beside):
 * against the values the simulator keeps beside each customer, a customer holding none not matching.
 * `criteria` defaults to this contract's; a copy of the contract may give its own.
 */
export function matchCustomers(seed: readonly SeedCustomer[], body: SearchRequestBody, criteria: SearchCriteria = searchCriteria): SeedCustomer[] {
  const groups = sentCriteria(body, criteria);
  const search = body as Readonly<Record<string, unknown>>;
  const heldSent = criteria.held.filter(({ field }) => !blank(search[field]));
  return seed.filter(({ customer, held }) => {
    const record = customer as Readonly<Record<string, unknown>>;
    if (!groups.every((group) => group.some((criterion) => holdsCriterion(record, criterion, search[criterion.field], sameValue) === true))) return false;
    return heldSent.every(({ field }) => (held[field] ?? []).some((value) => sameHeld(value, search[field])));
  });
}
