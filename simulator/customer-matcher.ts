import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { SeedCustomer } from './seed-customers';

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

const digits = (value: string): string => value.replace(/\D/g, '');

/**
 * Finds the seed customers a (valid) request matches. Every criterion given narrows the result; the
 * criteria the simulator does not store (careOfAddress, entrance) are ignored, as the documentation
 * does not say how a provider matches them.
 */
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
    for (const field of ['firstName', 'middleName', 'departmentName', 'streetAddress', 'postalPlace', 'countryCode'] as const) {
      if (body[field] !== undefined && !same(customer[field], body[field])) return false;
    }
    if (body.postalCode !== undefined && String(body.postalCode).padStart(4, '0') !== customer.postalCode) return false;
    if (body.streetNumber !== undefined && body.streetNumber !== customer.streetNumber) return false;
    if (body.productCode !== undefined && !productCodes.some((code) => same(code, body.productCode))) return false;
    return true;
  });
}
