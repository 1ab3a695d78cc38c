import { expect, test } from '@playwright/test';
import { decodedBody } from '../client/http-transport';
import { documentedProfile } from '../client/target-profile';
import { checkExchange } from '../contracts/check-exchange';
import { documentedMethods } from '../contracts/contract-reader';
import { LARGEST_VALID_BODY_BYTES } from '../contracts/contract-rules';
import { RESOURCE_METHODS, tokenBodyShape, type Exchange, type ExchangeRequest, type Expectation } from '../contracts/exchange';
import { clauseCases, UNMATCHABLE_EMAIL } from '../cases/clause-cases';
import { buildContractCases } from '../cases/contract-cases';
import { curlLine } from '../gate/reproduction';
import { rotationPool } from '../monitor/monitor-probes';

/*
 * The rules that follow from clauses beyond the schema, checked on their own: which methods are sent,
 * how a method case is reproduced, how UTF-8 is told from replaced bytes, and where 413 is accepted.
 */
const answer = (request: ExchangeRequest, status: number, headers: Record<string, string>, bodyText: string, extra: { invalidUtf8?: true; byteOrderMark?: true } = {}): Exchange => ({
  request,
  // Every answer is dated, as RFC 9110 §6.6.1 asks of an origin with a clock: date-header is judged on its own below.
  response: { status, headers: { date: 'Sun, 06 Nov 1994 08:49:37 GMT', ...headers }, bodyText, durationMs: 1, attempts: 1, ...extra },
});
const search: ExchangeRequest = { body: { phoneNumber: '+4712345678' }, auth: 'valid' };
const accepted: Expectation = { kind: 'accepted', rule: 'valid-search-accepted' };
const rulesBroken = (exchange: Exchange, expectation: Expectation = accepted): string[] => checkExchange(exchange, expectation).violations.map((violation) => violation.rule);

test('the method cases are every resource method the contract does not document on the path, OPTIONS and TRACE left out', () => {
  const methods = clauseCases(documentedProfile).flatMap((item) => (item.request.method ? [item.request.method] : []));
  expect(documentedMethods()).toEqual(['POST']);
  expect(methods).toEqual(RESOURCE_METHODS.filter((method) => method !== 'POST'));
  expect(methods).toEqual(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH']);
});

test('a method case is reproduced with its method: GET without content, HEAD as --head, PUT with the search', () => {
  const byMethod = new Map(clauseCases(documentedProfile).map((item) => [item.request.method, item]));
  const line = (method: 'GET' | 'HEAD' | 'PUT'): string => {
    const item = byMethod.get(method);
    if (!item) throw new Error(`no ${method} case`);
    return curlLine('http://127.0.0.1:1/capi', item, item.request, true);
  };
  expect(line('GET')).toContain('curl -sS -X GET ');
  expect(line('GET')).not.toContain('--data');
  expect(line('HEAD')).toContain('curl -sS --head ');
  expect(line('PUT')).toContain(`-X PUT `);
  expect(line('PUT')).toContain(`--data-raw '{"phoneNumber":"+4712345678"}'`);
});

test('a served undocumented method breaks its rule alone; a 405 without Allow breaks allow-header-on-405', () => {
  const get: ExchangeRequest = { ...search, method: 'GET' };
  const method: Expectation = { kind: 'method', rule: 'undocumented-method-refused' };
  expect(rulesBroken(answer(get, 200, { 'content-type': 'text/html' }, '<html></html>'), method)).toEqual(['undocumented-method-refused']);
  expect(rulesBroken(answer(get, 405, { 'content-type': 'application/json' }, '{}'), method)).toEqual(['allow-header-on-405']);
  expect(rulesBroken(answer(get, 405, { allow: 'GET, POST' }, ''), method)).toEqual([]);
  expect(rulesBroken(answer(get, 501, {}, ''), method)).toEqual([]);
  expect(rulesBroken(answer(get, 302, {}, ''), method)).toEqual(['undocumented-method-refused']);
});

test('UTF-8 is judged on the bytes: Latin-1 is flagged, a U+FFFD really sent is not', () => {
  expect(decodedBody(Buffer.from('{"lastName":"Ødegård"}', 'latin1')).invalidUtf8).toBe(true);
  expect(decodedBody(Buffer.from('{"lastName":"\uFFFD"}', 'utf8'))).toEqual({ bodyText: '{"lastName":"\uFFFD"}' });
  const body = JSON.stringify({ customers: [] });
  expect(rulesBroken(answer(search, 200, { 'content-type': 'application/json; charset=ISO-8859-1' }, body))).toEqual(['json-utf8']);
  expect(rulesBroken(answer(search, 200, { 'content-type': 'Application/JSON; Charset="utf-8"' }, body))).toEqual([]);
  expect(rulesBroken(answer(search, 200, { 'content-type': 'application/json' }, body, { invalidUtf8: true }))).toEqual(['json-utf8']);
});

test('a byte order mark is ignored in reading a body (RFC 8259 §8.1 MAY) and breaks json-utf8 alone (MUST NOT)', () => {
  const body = JSON.stringify({ customers: [] });
  expect(decodedBody(Buffer.from(`\uFEFF${body}`, 'utf8'))).toEqual({ bodyText: body, byteOrderMark: true });
  // Only at the start: a U+FEFF inside a string is text.
  expect(decodedBody(Buffer.from(`{"lastName":"\uFEFF"}`, 'utf8'))).toEqual({ bodyText: '{"lastName":"\uFEFF"}' });
  expect(decodedBody(Buffer.from([0xef, 0xbb, 0xbf, 0xff]))).toEqual({ bodyText: '\uFFFD', invalidUtf8: true, byteOrderMark: true });
  expect(rulesBroken(answer(search, 200, { 'content-type': 'application/json' }, body, { byteOrderMark: true }))).toEqual(['json-utf8']);
});

test('a customer listed twice breaks customers-unique, a body without the list breaks customers-list-present', () => {
  const twice = JSON.stringify({ customers: [{ customerNumber: 1 }, { customerNumber: 2 }, { customerNumber: 1 }] });
  expect(rulesBroken(answer(search, 200, { 'content-type': 'application/json' }, twice))).toEqual(['customers-unique']);
  const nobody: ExchangeRequest = { body: { email: UNMATCHABLE_EMAIL }, auth: 'valid' };
  const none: Expectation = { kind: 'accepted', rule: 'valid-search-accepted', results: { none: true } };
  const { violations } = checkExchange(answer(nobody, 200, { 'content-type': 'application/json' }, '{}'), none);
  expect(violations).toEqual([
    { rule: 'customers-list-present', contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers', expected: 'a customers list, empty for a search no customer can match', received: 'a body without customers' },
  ]);
});

test('413 is accepted for a body larger than any valid search, and only there', () => {
  const refused: Expectation = { kind: 'refused', rule: 'field-max-length' };
  const huge: ExchangeRequest = { body: { companyName: 'x'.repeat(LARGEST_VALID_BODY_BYTES) }, auth: 'valid' };
  const small: ExchangeRequest = { body: { companyName: 'x'.repeat(41) }, auth: 'valid' };
  expect(rulesBroken(answer(huge, 413, {}, ''), refused)).toEqual([]);
  expect(rulesBroken(answer(small, 413, {}, ''), refused)).toEqual(['status-code-documented', 'field-max-length']);
});

test('Date is required on every 2xx to 4xx answer and optional on a 5xx, an IMF-fixdate wherever sent, the token endpoint\'s answers too (RFC 9110 §6.6.1, §5.6.7)', () => {
  const undated = (status: number, date?: string): Exchange => ({
    request: search,
    response: { status, headers: { 'content-type': 'application/json', ...(date === undefined ? {} : { date }) }, bodyText: status === 200 ? '{"customers":[]}' : '{}', durationMs: 1, attempts: 1 },
  });
  const dateFindings = (exchange: Exchange, expectation: Expectation = accepted) => checkExchange(exchange, expectation).violations.filter((violation) => violation.rule === 'date-header');
  const refused: Expectation = { kind: 'refused', rule: 'field-format' };
  expect(dateFindings(undated(200))).toEqual([
    { rule: 'date-header', contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses', expected: 'a Date header on a 200 answer (RFC 9110 §6.6.1: on every 2xx, 3xx and 4xx)', received: 'no Date' },
  ]);
  expect(dateFindings(undated(400), refused).map((violation) => violation.expected)).toEqual(['a Date header on a 400 answer (RFC 9110 §6.6.1: on every 2xx, 3xx and 4xx)']);
  // A 5xx MAY go undated; one that is dated is held to the form all the same.
  expect(dateFindings(undated(500), { kind: 'unruled', rule: 'no-server-error' })).toEqual([]);
  for (const obsolete of ['Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', 'Sun, 6 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 UTC', '1994-11-06T08:49:37Z']) {
    expect(dateFindings(undated(500, obsolete), { kind: 'unruled', rule: 'no-server-error' }).map((violation) => violation.received)).toEqual([`Date: ${JSON.stringify(obsolete)}`]);
  }
  expect(dateFindings(undated(200, 'Sun, 06 Nov 1994 08:49:37 GMT'))).toEqual([]);
  const withToken = (headers: Record<string, string>): Exchange => ({ ...undated(200, 'Sun, 06 Nov 1994 08:49:37 GMT'), tokenResponse: { status: 400, headers } });
  expect(dateFindings(withToken({}))).toEqual([
    { rule: 'date-header', contractPath: '#/components/securitySchemes/Client_Credentials', expected: "a Date header on the token endpoint's 400 answer (RFC 9110 §6.6.1: on every 2xx, 3xx and 4xx)", received: 'no Date' },
  ]);
  expect(dateFindings(withToken({ date: 'Sun, 06 Nov 1994 08:49:37 GMT' }))).toEqual([]);
});

test('a 401 names a challenge (RFC 9110 §15.5.2), to a search or from the token endpoint; the wrong-secret refusal is invalid-client-challenge\'s alone', () => {
  const unauthorized: Expectation = { kind: 'unauthorized', rule: 'auth-required' };
  const refusedSearch: ExchangeRequest = { body: search.body, auth: 'none' };
  const challengeRules = (exchange: Exchange, expectation: Expectation): string[] => checkExchange(exchange, expectation).violations.filter((violation) => violation.rule === 'challenge-on-401').map((violation) => violation.received);
  expect(challengeRules(answer(refusedSearch, 401, {}, '{}'), unauthorized)).toEqual(['no WWW-Authenticate']);
  expect(challengeRules(answer(refusedSearch, 401, { 'www-authenticate': '' }, '{}'), unauthorized)).toEqual(['WWW-Authenticate: ""']);
  expect(challengeRules(answer(refusedSearch, 401, { 'www-authenticate': 'Bearer realm="capi"' }, '{}'), unauthorized)).toEqual([]);
  expect(challengeRules(answer(refusedSearch, 403, {}, '{}'), unauthorized)).toEqual([]);
  const tokenRefused = (auth: ExchangeRequest['auth']): Exchange => ({ ...answer({ ...search, auth }, 200, { 'content-type': 'application/json' }, '{"customers":[]}'), tokenResponse: { status: 401, headers: {} } });
  expect(challengeRules(tokenRefused('basic'), accepted)).toEqual(['no WWW-Authenticate']);
  expect(challengeRules(tokenRefused('wrong-secret'), { kind: 'unauthorized', rule: 'invalid-client-challenge' })).toEqual([]);
});

test('a token answer\'s expires_in, when sent, is a whole JSON number of seconds (RFC 6749 §5.1, Appendix A.14)', () => {
  const received = (expiresIn: unknown): string[] => {
    const body = tokenBodyShape({ access_token: 'x', token_type: 'Bearer', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });
    const exchange: Exchange = { ...answer({ ...search, auth: 'basic' }, 200, { 'content-type': 'application/json' }, '{"customers":[]}'), tokenResponse: { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', date: 'Sun, 06 Nov 1994 08:49:37 GMT' }, body } };
    return checkExchange(exchange, accepted).violations.filter((violation) => violation.rule === 'token-response').map((violation) => violation.received);
  };
  expect(received(3600)).toEqual([]);
  expect(received(0)).toEqual([]);
  expect(received(undefined)).toEqual([]);
  expect(received('3600')).toEqual(['expires_in a string']);
  expect(received(null)).toEqual(['expires_in a null']);
  expect(received(3600.5)).toEqual(['expires_in 3600.5']);
  expect(received(-1)).toEqual(['expires_in -1']);
});

test('the monitor sends neither undocumented methods nor bodies larger than a valid search', () => {
  const cases = buildContractCases(documentedProfile);
  expect(cases.some((item) => item.request.method !== undefined)).toBe(true);
  const pool = rotationPool(documentedProfile, cases);
  expect(pool.filter((item) => item.request.method !== undefined).map((item) => item.title)).toEqual([]);
  expect(pool.filter((item) => item.title.includes('far past every bound')).map((item) => item.title)).toEqual([]);
  expect(pool.some((item) => item.title.startsWith('results: a search no customer can match'))).toBe(true);
});
