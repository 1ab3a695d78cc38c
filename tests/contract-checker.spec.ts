import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { checkExchange } from '../contracts/check-exchange';
import type { Exchange, Expectation } from '../contracts/exchange';

/*
 * The checker judges whatever comes back and never throws: an answer shape nobody foresaw is a
 * violation with its message, so the suite still names a rule and the monitor still sees an answer.
 */
const exchange = (bodyText: string, status = 200, contentType = 'application/json'): Exchange => ({
  request: { body: { email: 'ola.nordmann@company.com' }, auth: 'valid' },
  response: { status, headers: { 'content-type': contentType }, bodyText, durationMs: 1, attempts: 1 },
});
const emailSearch: Expectation = { kind: 'accepted', rule: 'valid-search-accepted', results: { email: 'ola.nordmann@company.com', customerNumber: 563457 } };

test('one address as a scalar (what XML-to-JSON mappers produce) is a response-schema violation, not a crash', () => {
  const body = JSON.stringify({ customers: [{ customerNumber: 563457, emails: { email: 'ola.nordmann@company.com' } }] });
  const { violations } = checkExchange(exchange(body), emailSearch);
  expect(violations).toEqual([
    {
      rule: 'response-schema',
      contractPath: '#/components/schemas/Customer/properties/emails/properties/email/type',
      expected: '/customers/0/emails/email must be array',
      received: 'a string of 24 characters',
    },
  ]);
});

test('the checker never throws, whatever the body, status or content type', () => {
  const expectations: Expectation[] = [
    emailSearch,
    { kind: 'accepted', rule: 'valid-search-accepted', results: { phoneNumber: '+4712345678', overCap: true } },
    { kind: 'refused', rule: 'field-max-length' },
    { kind: 'unruled', rule: 'no-server-error' },
  ];
  // Bodies from any JSON value, JSON shaped like the response with any values inside, and raw text.
  const customerish = fc.record(
    { customers: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('customerNumber', 'emails', 'phoneNumbers', 'postalCode'), fc.jsonValue())), fc.jsonValue()) },
    { requiredKeys: [] },
  );
  const body = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value) ?? ''), customerish.map((value) => JSON.stringify(value)), fc.string());
  fc.assert(
    fc.property(body, fc.constantFrom(200, 400, 403, 429, 500, 502), fc.constantFrom('application/json', 'text/html', 'application/problem+json'), fc.constantFrom(...expectations), (text, status, type, expectation) => {
      const result = checkExchange(exchange(text, status, type), expectation);
      expect(result.rulesChecked.length).toBeGreaterThan(0);
    }),
    { seed: 7, numRuns: 2000 },
  );
});
