import { expect, test } from '@playwright/test';
import { checkExchange } from '../contracts/check-exchange';
import type { Exchange, Expectation } from '../contracts/exchange';
import { classifyAttempt } from '../monitor/run-probes';

/*
 * A 429 to a probe is throttling, never the contract (outcome rate_limited, no rule counted), but what
 * the 429 breaks by its own form is the provider's fault all the same: a Retry-After outside RFC 9110
 * §10.2.3 counts rate-limit-headers, as the gate's burst reports it.
 */
const expectation: Expectation = { kind: 'accepted', rule: 'valid-search-accepted' };

function throttled(headers: Record<string, string>): Exchange {
  return {
    request: { body: { phoneNumber: '+4712345678' }, auth: 'valid' },
    response: {
      status: 429,
      headers: { 'content-type': 'application/json', date: 'Sun, 06 Nov 1994 08:49:37 GMT', ...headers },
      bodyText: JSON.stringify({ exceptionType: 'TooManyRequestsException', errorMessage: 'Rate limit exceeded' }),
      durationMs: 3,
      attempts: 4,
    },
  };
}

const classify = (exchange: Exchange) =>
  classifyAttempt({ kind: 'answered', exchange, violations: checkExchange(exchange, expectation).violations, statusRule: expectation.rule }, 10, 1000);

test('a 429 with a readable Retry-After is rate_limited and counts no rule', () => {
  expect(classify(throttled({ 'retry-after': '1', 'x-ratelimit-remaining': '0' }))).toEqual({ outcome: 'rate_limited', detail: 'answered 429', rules: [] });
});

test('a 429 with a fractional Retry-After counts rate-limit-headers, and never the status it was throttled to', () => {
  const classified = classify(throttled({ 'retry-after': '0.916' }));
  expect(classified.outcome).toBe('contract_violation');
  expect(classified.rules).toEqual(['rate-limit-headers']);
  expect(classified.detail).toBe('rate-limit-headers: expected Retry-After must be delay-seconds (whole seconds, 1*DIGIT) or an HTTP-date as an IMF-fixdate (RFC 9110 §10.2.3, §5.6.7), received "0.916"');
});
