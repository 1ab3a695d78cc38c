import { documentedMethods, OPERATION_PATH } from '../contracts/contract-reader';
import { isValidSearchRequest } from '../contracts/contract-validator';
import { RESOURCE_METHODS } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

/** The operation's path item in the contract, where a method rule points. */
const PATH_POINTER = `#/paths/${OPERATION_PATH.replaceAll('/', '~1')}`;

/**
 * An address no customer can hold: RFC 2606 §2 reserves the `.invalid` top-level domain for names
 * sure to be invalid, so a search for it finds nobody on any target (clause rfc2606-2-invalid-tld).
 */
export const UNMATCHABLE_EMAIL = 'nobody@customer-search.invalid';

/**
 * Cases that follow from clauses of the registry rather than from the request schema: every method
 * RFC 9110 defines on a resource that the contract does not document on the path (derived, not
 * listed: the resource methods less the documented ones), a search no customer can match, and the
 * known customer's search sent with `Expect: 100-continue`, which clients such as curl (for larger
 * bodies) and .NET send, and which RFC 9110 §10.1.1 says an origin server answers before the content.
 */
export function clauseCases(profile: TargetProfile): ContractCase[] {
  const documented = new Set(documentedMethods());
  const search = { phoneNumber: profile.knownCustomer.phoneNumber };
  const methods: ContractCase[] = RESOURCE_METHODS.filter((method) => !documented.has(method)).map((method) => ({
    title: `method: ${method} on the search path refused`,
    // The search rides along where the method carries content; GET and HEAD send none.
    request: { method, body: search, auth: 'valid' },
    expectation: { kind: 'method', rule: 'undocumented-method-refused' },
    contractPath: PATH_POINTER,
  }));
  const nobody = { email: UNMATCHABLE_EMAIL };
  if (!isValidSearchRequest(nobody)) throw new Error('Case generator bug: the unmatchable email search should be a valid request');
  return [
    ...methods,
    {
      title: 'results: a search no customer can match (an address at .invalid) answers an empty list',
      request: { body: nobody, auth: 'valid' },
      expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { none: true } },
      contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers',
    },
    {
      title: 'expect: a search sent with Expect: 100-continue is answered before its content is sent',
      request: { body: search, auth: 'valid', expectContinue: true },
      expectation: { kind: 'accepted', rule: 'expect-continue' },
      contractPath: `${PATH_POINTER}/post/requestBody`,
    },
    {
      // RFC 9112 §7.1: a recipient MUST parse the chunked coding; §6.3: a server MAY refuse a body without Content-Length 411.
      title: 'framing: a search sent chunked, without Content-Length, is read as the same search or refused 411',
      request: { body: search, auth: 'valid', chunked: true },
      // Accepted: 411 is allowed beside 200 by how the request is sent, as 413 is by its size.
      expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
      contractPath: `${PATH_POINTER}/post/requestBody`,
    },
  ];
}
