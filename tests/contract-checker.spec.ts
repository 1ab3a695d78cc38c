import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { checkExchange } from '../contracts/check-exchange';
import { contractRules, type ContractRule, type RuleName } from '../contracts/contract-rules';
import { documentedStatuses } from '../contracts/contract-reader';
import type { Exchange, Expectation } from '../contracts/exchange';

/*
 * The checker judges whatever comes back and never throws to its caller: an answer shape nobody
 * foresaw is a violation with its message, so the suite still names a rule and the monitor still
 * sees an answer. A rule's check must not throw either: the checker lists a throw as a checker
 * fault, and the property below fails on any.
 */
const exchange = (bodyText: string, status = 200, contentType = 'application/json'): Exchange => ({
  request: { body: { email: 'ola.nordmann@company.com' }, auth: 'valid' },
  response: { status, headers: { 'content-type': contentType, date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, bodyText, durationMs: 1, attempts: 1 },
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

const expectations: Expectation[] = [
  emailSearch,
  { kind: 'accepted', rule: 'valid-search-accepted', results: { phoneNumber: '+4712345678', overCap: true } },
  { kind: 'refused', rule: 'field-max-length' },
  { kind: 'unruled', rule: 'no-server-error' },
  { kind: 'method', rule: 'undocumented-method-refused' },
];
// Bodies from any JSON value, JSON shaped like the response with any values inside, and raw text.
const customerish = fc.record(
  { customers: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('customerNumber', 'emails', 'phoneNumbers', 'postalCode'), fc.jsonValue())), fc.jsonValue()) },
  { requiredKeys: [] },
);
const body = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value) ?? ''), customerish.map((value) => JSON.stringify(value)), fc.string());

/** Whatever comes back, every rule's check judges it without throwing (with `rules`: an injected registry). */
function noCheckThrows(rules?: Readonly<Record<RuleName, ContractRule>>) {
  return fc.property(body, fc.constantFrom(...documentedStatuses(), 401, 502), fc.constantFrom('application/json', 'text/html', 'application/problem+json'), fc.constantFrom(...expectations), (text, status, type, expectation) => {
    const result = checkExchange(exchange(text, status, type), expectation, rules ? { rules } : {});
    // Plain checks, not expect(): this runs thousands of times.
    if (result.rulesChecked.length === 0) throw new Error('no rule judged the answer');
    if (result.checkerFaults.length > 0) throw new Error(`a rule check threw: ${JSON.stringify(result.checkerFaults)}`);
  });
}

/** The registry with result-cap's check written carelessly: it reads the customer list as if every answer had one. */
const careless: Readonly<Record<RuleName, ContractRule>> = {
  ...contractRules,
  'result-cap': { ...contractRules['result-cap'], check: (judged) => ((judged.customers as unknown[]).length > 5 ? [{ expected: 'at most 5', received: 'more' }] : []) },
};

test('a full answer without the known customer is not judged by known-customer-found; a shorter one breaks it', () => {
  const nameAddress: Expectation = { kind: 'accepted', rule: 'valid-search-accepted', results: { customerNumber: 563457 } };
  const answer = (count: number): Exchange => ({
    request: { body: { lastName: 'Nordmann', streetAddress: 'Grubbegata', postalCode: '0179' }, auth: 'valid' },
    response: { status: 200, headers: { 'content-type': 'application/json', date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, bodyText: JSON.stringify({ customers: Array.from({ length: count }, (_, i) => ({ customerNumber: 600000 + i, lastName: 'Nordmann' })) }), durationMs: 1, attempts: 1 },
  });
  const full = checkExchange(answer(5), nameAddress);
  expect(full.rulesChecked).not.toContain('known-customer-found');
  expect(full.violations.filter((violation) => violation.rule === 'known-customer-found')).toEqual([]);
  expect(checkExchange(answer(4), nameAddress).violations.filter((violation) => violation.rule === 'known-customer-found')).toEqual([
    { rule: 'known-customer-found', contractPath: '#/components/schemas/Customer/properties/customerNumber', expected: "the profile's known customer among the results", received: '4 customers, none of them the known one' },
  ]);
});

test('no rule check throws, whatever the body, status or content type', () => {
  fc.assert(noCheckThrows(), { seed: 7, numRuns: 2000 });
});

test('the property fails when a rule check throws, naming the rule, while the checker still answers', () => {
  const run = fc.check(noCheckThrows(careless), { seed: 7, numRuns: 2000 });
  expect(run.failed).toBe(true);
  expect(String(run.errorInstance)).toMatch(/"rule":"result-cap"/);
  expect(String(run.errorInstance)).toContain('TypeError');
  // The monitor's side: no throw reaches the caller, and the rule is reported broken, not skipped.
  const report = checkExchange(exchange('<html>', 502, 'text/html'), emailSearch, { rules: careless });
  expect(report.checkerFaults.map((fault) => fault.rule)).toEqual(['result-cap']);
  expect(report.violations).toContainEqual({
    rule: 'result-cap',
    contractPath: contractRules['result-cap'].contractPath,
    expected: 'an answer this rule can judge',
    received: 'an answer its check could not read (TypeError)',
  });
});
