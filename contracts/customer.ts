/**
 * TypeScript view of `#/components/schemas/Customer`. A test compares these keys with the schema's
 * properties (contract-drift.spec.ts), so the two cannot drift apart unnoticed.
 */
export interface Customer {
  customerNumber?: number;
  companyName?: string;
  departmentName?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  streetAddress?: string;
  streetNumber?: number;
  postalCode?: string;
  postalPlace?: string;
  postalAddress?: string;
  postalAddressPostalCode?: string;
  postalAddressPostalPlace?: string;
  countryCode?: string;
  emails?: { email?: string[] };
  phoneNumbers?: { phoneNumber?: string; isMobile?: boolean }[];
}

/** TypeScript view of `#/components/schemas/SearchCustomerResponse`. */
export interface SearchCustomerResponse {
  customers?: Customer[];
}

/** A request body as sent on the wire: deliberately loose, since the suite also sends invalid ones. */
export type SearchRequestBody = Record<string, unknown>;
