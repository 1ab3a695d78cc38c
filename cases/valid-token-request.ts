import type { ExchangeRequest } from '../contracts/exchange';
import type { SearchRequestBody } from '../contracts/search-customer-types';

/** A search sent as the documented POST with a token the target issued. */
export const validTokenRequest = (body: SearchRequestBody): ExchangeRequest => ({ body, auth: 'valid' });
