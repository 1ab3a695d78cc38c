import { searchCustomerContract } from './search-customer-contract';

/** Where `npm run contract:export` writes the contract, committed beside its source. */
export const EXPORTED_CONTRACT = 'contracts/search-customer-openapi.json';

/** The contract as an OpenAPI 3.1 JSON document, for other tools and for the vendor. */
export function exportContract(): string {
  return `${JSON.stringify(searchCustomerContract, null, 2)}\n`;
}
