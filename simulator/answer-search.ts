import type { ServerResponse } from 'node:http';
import { resultCap } from '../contracts/contract-reader';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import { matchCustomers } from './customer-matcher';
import { rateHeaders } from './rate-headers';
import type { SimulatorState } from './simulator-state';
import { writeSuccess } from './write-success';

/** Answers a valid search 200: the customers the matcher finds, as the active mode picks and presents them. */
export function answerSearch(state: SimulatorState, response: ServerResponse, search: SearchRequestBody): number {
  const { behaviour } = state;
  const { customers, uncomparedFields } = state.settings;
  const compared = (criteria: SearchRequestBody): SearchRequestBody => Object.fromEntries(Object.entries(criteria).filter(([field]) => !uncomparedFields.includes(field)));
  const match = (criteria: SearchRequestBody) => matchCustomers(customers, compared(criteria)).map((seed) => seed.customer);
  const matched = match(search);
  const cap = resultCap();
  const found = behaviour.results ? behaviour.results(matched, { search, customers, cap, match }) : matched.slice(0, cap);
  const present = behaviour.presentCustomer ?? ((customer) => ({ ...customer }));
  return writeSuccess(response, behaviour, found.map(present), rateHeaders(state));
}
