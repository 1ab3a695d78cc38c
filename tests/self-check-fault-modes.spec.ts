import { expect, test } from '@playwright/test';
import { ruleNames, type RuleName } from '../contracts/contract-rules';
import type { RuleViolation } from '../contracts/check-exchange';
import { faultModeNames, faultModes, type FaultMode } from '../simulator/fault-modes';
import { brokenRules } from '../gate/run-campaign';
import { runSimulatorCampaign } from '../harness/simulator-campaign';

/**
 * The suite checks itself: the whole generated campaign runs against the simulator in each fault
 * mode, must fail naming the rule that mode breaks, with the exact message below; and must pass
 * against the correct simulator, including one that rate-limits hard and issues 1-second tokens.
 */
const pinned: Record<FaultMode, { case: string | RegExp; received: string | RegExp } & Omit<RuleViolation, 'rule' | 'received'>> = {
  'six-customers': {
    case: 'companyName: 40 characters (the longest valid value) accepted',
    contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers/maxItems',
    expected: '/customers must NOT have more than 5 items',
    received: '6 customers',
  },
  'max-length-unenforced': {
    case: 'companyName: 41 characters (maxLength 40 + 1) refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/companyName/maxLength',
    expected: '400',
    received: '200',
  },
  'max-length-off-by-one': {
    case: 'productCode: 12 characters (the longest valid value) accepted',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode/maxLength',
    expected: '200',
    received: '400 (ValidationException)',
  },
  'incomplete-search-accepted': {
    case: 'search requirement: only streetAddress + postalCode refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/anyOf',
    expected: '400',
    received: '200',
  },
  'blank-criterion-counted': {
    case: 'search requirement: phoneNumber null alone refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/anyOf',
    expected: '400',
    received: '200',
  },
  'format-unenforced': {
    case: 'phoneNumber: "+4712345678901234" (16 digits, fits maxLength) refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/phoneNumber/pattern',
    expected: '400',
    received: '200',
  },
  'type-unenforced': {
    case: 'streetNumber: a word instead of an integer refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/streetNumber/type',
    expected: '400',
    received: '200',
  },
  'postal-code-as-number': {
    case: 'results: a name/address search finds the known customer',
    contractPath: '#/components/schemas/Customer/properties/postalCode/type',
    expected: '/customers/0/postalCode must be string',
    received: 'an integer (and 4 more)',
  },
  'no-token-accepted': {
    case: 'auth: a search without a token refused',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: '403 or 401',
    received: '200',
  },
  'unauthorized-without-challenge': {
    case: 'auth: a search without a token refused',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: "a WWW-Authenticate header with at least one challenge on a search's 401 (RFC 9110 §15.5.2 MUST)",
    received: 'no WWW-Authenticate',
  },
  'challenge-description-non-ascii': {
    case: 'auth: a search without a token refused',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a challenge error_description in the characters RFC 6750 §3 allows (printable ASCII but " and \\)',
    received: 'error_description with U+00C3 at character 10',
  },
  'bare-bearer-challenge': {
    case: 'auth: a search without a token refused',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a challenge naming at least one auth-param, such as realm, after its scheme (RFC 6750 §3)',
    received: 'the scheme alone, no auth-param',
  },
  'token-signature-unchecked': {
    case: 'auth: a search with an issued token one character of which was changed refused',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: '403 or 401',
    received: '200',
  },
  'undocumented-status': {
    case: 'search requirement: an empty search refused',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses',
    expected: 'one of 200, 400, 403, 429, 500',
    received: '422',
  },
  'text-content-type': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/200/content',
    expected: 'application/json',
    received: 'text/plain; charset=utf-8',
  },
  'stray-results': {
    case: 'results: an email search finds the known customer, and only holders of that email',
    contractPath: '#/components/schemas/Customer/properties/emails',
    expected: 'every customer holds the searched email',
    received: '1 of 2 customers without it',
  },
  'known-customer-missing': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/components/schemas/Customer/properties/customerNumber',
    expected: "the profile's known customer among the results",
    received: '0 customers, none of them the known one',
  },
  'bad-rate-limit-headers': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/components/headers/X-RateLimit-Remaining/schema/minimum',
    expected: 'X-RateLimit-Remaining must be >= 0',
    received: '"-1"',
  },
  'error-body-not-json': {
    case: 'search requirement: an empty search refused',
    contractPath: '#/components/schemas/ErrorResponse',
    expected: 'a body that parses as the JSON it declares',
    received: '37 bytes that do not parse',
  },
  'prefer-ignored': {
    case: 'forced: Prefer code=500 answered 500',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: '500',
    received: '200',
  },
  'crash-on-undocumented-field': {
    case: 'undocumented field: a customerNumber beside a phone search is not answered 5xx',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (UnrecognizedPropertyException)',
  },
  'crash-on-non-object-body': {
    case: 'invalid body: a null body refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/type',
    expected: '400',
    received: '500 (NullPointerException)',
  },
  'limit-counted-in-bytes': {
    case: 'companyName: 40 characters (the longest valid value) accepted',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/companyName/maxLength',
    expected: '200',
    received: '400 (ValidationException)',
  },
  // The coverage phase's astral class fills every free-text field to its limit; generation finds it too.
  'limit-counted-in-utf16': {
    case: 'every free-text field: astral characters (emoji, historic scripts) at maxLength accepted',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    expected: '200',
    received: '400 (ValidationException)',
  },
  'product-code-widens': {
    case: 'narrowing: a phone search with productCode added finds no customer the search alone did not',
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
    expected: 'no customer beyond the 1 customer of the same search without the added criteria',
    received: '2 customers, 1 of them not among those',
  },
  // The coverage phase's classes: each fault below is caught by the class named in its case.
  'crash-on-astral': {
    case: 'every free-text field: astral characters (emoji, historic scripts) at maxLength accepted',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (SQLException)',
  },
  'crash-on-blank': {
    case: 'every free-text field: only whitespace (ASCII and Unicode spaces) is not answered 5xx',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (NullPointerException)',
  },
  'crash-on-control-character': {
    case: 'every free-text field: control characters (bell, tab, newline, DEL, C1) is not answered 5xx',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (SAXParseException)',
  },
  'crash-on-undecodable-body': {
    case: 'invalid body: Latin-1 bytes (Ødegård as ISO 8859-1) is not answered 5xx',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (CharacterCodingException)',
  },
  'street-number-overflow': {
    case: 'streetNumber: 2147483648 (one past 32 bits) is not answered 5xx',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (NumberFormatException)',
  },
  'json-string-body-unwrapped': {
    case: 'invalid body: the search as a JSON string refused',
    contractPath: '#/components/schemas/SearchCustomerRequest/type',
    expected: '400',
    received: '200',
  },
  'combined-criteria-refused': {
    case: 'page example: the request example with postalCode as decided accepted',
    contractPath: '#/components/schemas/SearchCustomerRequest',
    expected: '200',
    received: '400 (ValidationException)',
  },
  'first-name-ignored': {
    case: 'narrowing: a name/address search with firstName added finds no customer the search alone did not',
    contractPath: '#/components/schemas/Customer/properties/firstName',
    expected: 'every customer holds the searched first name',
    received: '5 of 5 customers without it',
  },
  // Relation cases: built from the first batch's answers, on searches whose answer is below the cap.
  'product-code-falls-back': {
    case: "relation: the known customer's phoneNumber search with product code 2 of 2 of the profile added finds no customer beyond it",
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
    expected: 'no customer beyond the 1 customer of the same search without the added criteria',
    received: '5 customers, 5 of them not among those',
  },
  'first-name-widens': {
    case: "relation: the known customer's phoneNumber search with another customer's first name added finds no customer beyond it",
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/firstName',
    expected: 'no customer beyond the 1 customer of the same search without the added criteria',
    received: '2 customers, 1 of them not among those',
  },
  'basic-password-cut-at-colon': {
    case: 'auth: a token request whose Basic password is the client secret, a colon and more refused 401 with a Basic challenge',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: '401 to HTTP Basic client authentication that failed (RFC 6749 §5.2)',
    received: 'a token (200) for a wrong client secret',
  },
  'country-code-ignored-beside-phone': {
    case: "relation: the known customer's phoneNumber search with a country code the known customer does not hold added finds no customer beyond it",
    contractPath: '#/components/schemas/Customer/properties/countryCode',
    expected: 'every customer holds the searched country code',
    received: '1 of 1 customers without it',
  },
  'non-ascii-escaped-by-byte': {
    case: "relation: the known customer's search by phone number 1 of the 1 it shows beyond the profile's with another customer's first name added finds that customer again and no customer beyond",
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/firstName',
    expected: 'the 1 customer of the same search without the added criteria that show them as sent found again',
    received: '1 of them left out',
  },
  // Clauses of the standards beyond the schema: cases/clause-cases.ts and the coverage phase's oversized class.
  'undocumented-method-served': {
    case: 'method: GET on the search path refused',
    contractPath: '#/paths/~1v1~1client~1customer~1search',
    expected: '405 or 404 or 501 or 403 or 401',
    received: '200',
  },
  'allow-header-missing': {
    case: 'method: DELETE on the search path refused',
    contractPath: '#/paths/~1v1~1client~1customer~1search',
    expected: 'an Allow header that lists POST',
    received: 'no Allow header',
  },
  'basic-auth-refused': {
    case: 'auth: a search with a token issued for HTTP Basic client authentication accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a token for HTTP Basic client authentication (RFC 6749 §2.3.1: every authorization server MUST support it)',
    received: 'the token endpoint answered 401 invalid_client to HTTP Basic client authentication',
  },
  'token-cacheable': {
    case: 'auth: a token answer is marked Cache-Control: no-store',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a token answer with Cache-Control: no-store',
    received: 'Cache-Control: "no-cache, private"',
  },
  'bearer-scheme-case-sensitive': {
    case: 'auth: a search with a good token under the scheme name "bearer" in lower case accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: '200',
    received: '403 (AccessDeniedException)',
  },
  'bearer-single-space-only': {
    case: 'auth: a search with a good token parted from "Bearer" by two spaces accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: '200',
    received: '403 (AccessDeniedException)',
  },
  'accept-json-only': {
    case: 'body: no Accept header (any media type acceptable) accepted',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody/content/application~1json',
    expected: '200',
    received: '406 (NotAcceptableException)',
  },
  'expect-continue-ignored': {
    case: 'expect: a search sent with Expect: 100-continue is answered before its content is sent',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody',
    expected: '100 Continue or a final status before the content (RFC 9110 §10.1.1: the server MUST NOT wait for it)',
    received: 'neither, until the client sent the content without it',
  },
  'media-type-case-sensitive': {
    case: 'body: Content-Type in capitals (APPLICATION/JSON) accepted',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody/content/application~1json',
    expected: '200',
    received: '415 (UnsupportedMediaTypeException)',
  },
  'media-type-parameters-need-space': {
    case: 'body: Content-Type with a charset parameter and no whitespace around ";" (application/json;charset=utf-8) accepted',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody/content/application~1json',
    expected: '200',
    received: '415 (UnsupportedMediaTypeException)',
  },
  'json-escape-hex-lowercase-only': {
    case: 'body: every character of names and values a \\u escape with uppercase hex digits accepted',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody/content/application~1json',
    expected: '200',
    received: '400 (BadRequestException)',
  },
  'token-type-missing': {
    case: 'auth: a search with a token issued for HTTP Basic client authentication accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a token_type (REQUIRED)',
    received: 'no token_type',
  },
  'empty-scope-refused': {
    case: 'auth: a token request with scope= (a parameter without a value) issues a token, as without it',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: "a token, as for the client's own request, to one that adds scope= (a parameter without a value is treated as omitted) (RFC 6749 §3.2)",
    received: '400 (invalid_scope)',
  },
  'unrecognized-parameter-refused': {
    case: 'auth: a token request with a parameter no server defines issues a token, as without it',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: "a token, as for the client's own request, to one that adds a parameter it does not recognise (it is ignored) (RFC 6749 §3.2)",
    received: '400 (invalid_request)',
  },
  'expires-in-as-string': {
    case: 'auth: a search with a token issued for HTTP Basic client authentication accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'expires_in, when sent, a JSON number of seconds (RFC 6749 §5.1: numerical values are JSON numbers)',
    received: 'expires_in a string',
  },
  'token-error-without-code': {
    case: 'auth: a token request with a wrong client secret refused 401 with a Basic challenge',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'an error code (invalid_client) in the refusal (RFC 6749 §5.2: error REQUIRED)',
    received: 'no error member holding a code',
  },
  'token-type-repeated': {
    case: 'auth: a search with a token issued for HTTP Basic client authentication accepted',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a token answer naming each parameter once (RFC 6749 §3.2 MUST NOT)',
    received: 'token_type more than once',
  },
  'invalid-client-bearer-challenge': {
    case: 'auth: a token request with a wrong client secret refused 401 with a Basic challenge',
    contractPath: '#/components/securitySchemes/Client_Credentials',
    expected: 'a WWW-Authenticate challenge for Basic, the scheme the client authenticated with (RFC 6749 §5.2)',
    received: 'WWW-Authenticate: "Bearer realm=\\"simulator\\", error=\\"invalid_client\\""',
  },
  'postal-place-of-postal-address': {
    case: /^relation: shown customer \d+ searched by its name and address, postalPlace sent as its postalAddressPostalPlace/,
    contractPath: '#/components/schemas/Customer/properties/postalPlace',
    expected: 'every customer holds the searched postal place',
    received: '1 of 1 customers without it',
  },
  'phone-last-eight-digits': {
    case: "results: a phone search by the known customer's number under another country code finds only holders of that number",
    contractPath: '#/components/schemas/Customer/properties/phoneNumbers',
    expected: 'every customer holds the searched phone number',
    received: '1 of 1 customers without it',
  },
  'first-email-only': {
    case: "relation: the known customer found by email 1 of the 1 it shows beyond the profile's",
    contractPath: '#/components/schemas/Customer/properties/customerNumber',
    expected: "the profile's known customer among the results",
    received: '0 customers, none of them the known one',
  },
  'duplicate-customer': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers',
    expected: 'each customer found listed once',
    received: '2 customers, 1 of them listed before',
  },
  'empty-result-omitted': {
    case: 'results: a search no customer can match (an address at .invalid) answers an empty list',
    contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers',
    expected: 'a customers list, empty for a search no customer can match',
    received: 'a body without customers',
  },
  'latin1-under-utf8-label': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/200/content/application~1json',
    expected: 'a body whose bytes are UTF-8',
    received: 'bytes that are not UTF-8 (replaced by U+FFFD)',
  },
  'byte-order-mark': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/200/content/application~1json',
    expected: 'a JSON text without a byte order mark (RFC 8259 §8.1 MUST NOT)',
    received: 'a body beginning with the bytes EF BB BF, a byte order mark',
  },
  'date-missing-on-success': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses',
    expected: 'a Date header on a 200 answer (RFC 9110 §6.6.1: on every 2xx, 3xx and 4xx)',
    received: 'no Date',
  },
  // The date is the time of the run: its form is pinned.
  'date-in-local-format': {
    case: 'results: a phone search finds the known customer, and only holders of that phone',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses',
    expected: 'Date as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7 MUST)',
    received: /^Date: "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4} \(/,
  },
  'chunked-body-ignored': {
    case: 'framing: a search sent chunked, without Content-Length, is read as the same search or refused 411',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody',
    expected: '200 or 411',
    received: '400 (BadRequestException)',
  },
  'crash-on-long-value': {
    case: 'companyName: 65536 characters (far past every bound) refused',
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/responses/500',
    expected: 'an answer other than 5xx (a client error is 4xx)',
    received: '500 (BufferOverflowException)',
  },
  'fractional-retry-after': {
    case: "rate limit: the known customer's phone search sent up to 201 times within a second is answered 200 or 429",
    contractPath: '#/components/headers/Retry-After/schema/pattern',
    expected: 'Retry-After must be delay-seconds (whole seconds, 1*DIGIT) or an HTTP-date as an IMF-fixdate (RFC 9110 §10.2.3, §5.6.7)',
    received: '"0.916"',
  },
};

test('every rule of the registry is broken by at least one fault mode', () => {
  const covered = new Set<RuleName>(faultModeNames.map((mode) => faultModes[mode].breaks));
  expect(ruleNames.filter((rule) => !covered.has(rule))).toEqual([]);
});

test('the correct simulator meets the whole contract, with no case skipped', async () => {
  const { results, requests, campaign } = await runSimulatorCampaign();
  expect(results.flatMap((result) => result.check.violations)).toEqual([]);
  expect(results.filter((result) => result.skipped)).toEqual([]);
  // The simulator enforces the documented limit: the burst draws its 429, which every rule judged.
  expect(campaign.burst?.first429).toBeGreaterThan(0);
  expect(results.at(-1)?.exchange?.response.status).toBe(429);
  // One request per case, one more for each narrowing case's wider search (relation cases reuse answers
  // already had), and the burst's searches beyond the one its case stands for.
  expect(requests).toBe(results.length + results.filter((result) => result.case.wider).length + (campaign.burst?.sent ?? 1) - 1);
});

test('a correct provider that rate-limits hard and issues 1-second tokens still passes', async () => {
  // Client pacing is lifted so the simulator's limit of 20 calls/s really answers 429.
  const { results, statuses, tokenFetches } = await runSimulatorCampaign({
    simulator: { rateLimit: { perSecond: 20, perMinute: 2000 }, tokenLifetimeS: 1 },
    clientPerSecond: 10_000,
    // The fixed cases alone: at 20 calls/s every generated case would add 50 ms of waiting.
    campaign: { generatedCases: 0 },
  });
  expect(results.flatMap((result) => result.check.violations)).toEqual([]);
  expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  expect(tokenFetches).toBeGreaterThan(1);
});

for (const mode of faultModeNames) {
  const rule = faultModes[mode].breaks;
  test(`fault ${mode} fails the suite on rule ${rule}`, async () => {
    // Rate limits are another test's concern: lifted here so each fault run takes a fraction of a second.
    const { results } = await runSimulatorCampaign({ simulator: { fault: mode, rateLimit: { perSecond: 100_000, perMinute: 10_000_000 } }, clientPerSecond: 10_000 });
    expect([...brokenRules(results)]).toContain(rule);
    const { case: title, received, ...violation } = pinned[mode];
    const found = results.find((result) =>
      typeof title === 'string' ? result.case.title === title : title.test(result.case.title) && result.check.violations.some((candidate) => candidate.rule === rule),
    );
    expect(found, `no case titled ${String(title)}`).toBeDefined();
    expect(found?.check.violations.filter((candidate) => candidate.rule === rule)).toContainEqual({ rule, ...violation, received: typeof received === 'string' ? received : expect.stringMatching(received) });
  });
}
