import { customerPropertyNames, requestFields } from '../contracts/contract-reader';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { SeedCustomer } from './seed-customers';

/** Strings compare trimmed and case-insensitively; anything else (streetNumber) as it is. */
const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a !== undefined && a === b;

const digits = (value: string): string => value.replace(/\D/g, '');

/**
 * Criteria with a comparison of their own: phone and email against the customer's lists, postalCode
 * with its leading zero restored, productCode against the products held, and companyName and
 * lastName as alternatives (either one names the customer, as the requirement lets either start a
 * name/address search).
 */
const OWN_COMPARISON = new Set(['phoneNumber', 'email', 'postalCode', 'productCode', 'companyName', 'lastName']);

/**
 * Every other request field that names a Customer property narrows by that property: derived from
 * the contract, so a field added there is matched on without an edit here. Request fields the
 * customer does not store (careOfAddress, entrance) are ignored, as the documentation does not say
 * how a provider matches them.
 */
const CUSTOMER_PROPERTIES = new Set(customerPropertyNames());
export const matchedFields: readonly string[] = requestFields()
  .map((field) => field.name)
  .filter((name) => CUSTOMER_PROPERTIES.has(name) && !OWN_COMPARISON.has(name));

/** Finds the seed customers a (valid) request matches. Every criterion given narrows the result. */
export function matchCustomers(seed: readonly SeedCustomer[], body: SearchRequestBody): SeedCustomer[] {
  return seed.filter(({ customer, productCodes }) => {
    if (typeof body.phoneNumber === 'string') {
      const wanted = digits(body.phoneNumber);
      if (!(customer.phoneNumbers ?? []).some((phone) => digits(phone.phoneNumber ?? '') === wanted)) return false;
    }
    if (typeof body.email === 'string' && !(customer.emails?.email ?? []).some((email) => same(email, body.email))) {
      return false;
    }
    if (body.companyName !== undefined || body.lastName !== undefined) {
      const byCompany = body.companyName !== undefined && same(customer.companyName, body.companyName);
      const byLastName = body.lastName !== undefined && same(customer.lastName, body.lastName);
      if (!byCompany && !byLastName) return false;
    }
    const stored = customer as Readonly<Record<string, unknown>>;
    for (const field of matchedFields) {
      if (body[field] !== undefined && !same(stored[field], body[field])) return false;
    }
    if (body.postalCode !== undefined && String(body.postalCode).padStart(4, '0') !== customer.postalCode) return false;
    if (body.productCode !== undefined && !productCodes.some((code) => same(code, body.productCode))) return false;
    return true;
  });
}
