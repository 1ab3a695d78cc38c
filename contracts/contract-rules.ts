import { OPERATION_POINTER, RESULT_CAP_POINTER, SEARCH_REQUIREMENT_POINTER, documentedStatuses, requestFields, resultCap } from './contract-reader';
import { HEADER_NAMES, headerSchemaWords, validateHeader, validateSchema, type SchemaViolation } from './contract-validator';
import { challengeSchemes, parseChallenges } from './auth-challenge';
import { IMF_FIXDATE } from './imf-fixdate';
import { WRONG_SECRET_MODES, requestBodyBytes, requestMethod, type Expectation, type ExchangeRequest } from './exchange';
import { describeValueType, isJsonContentType, mediaTypeParameter, type JudgedExchange } from './judged-exchange';
import { criterionLabel, heldValues, judgedCriteria, meetsGroup, searchCriteria } from './search-criteria';

/** One way an exchange breaks a rule; the contract path defaults to the rule's own. */
export interface Finding {
  readonly contractPath?: string;
  readonly expected: string;
  readonly received: string;
}

/**
 * A named rule: where it lives in the contract, what must hold, and its check. A check returns
 * undefined when the rule has no say on the exchange, else its findings (none: the rule held).
 * Checks may assume nothing about the body: the registry's caller turns a throw into a finding.
 */
export interface ContractRule {
  readonly contractPath: string;
  readonly summary: string;
  readonly check: (judged: JudgedExchange) => readonly Finding[] | undefined;
}

// Read once: checks run on every answer of the suite and of every monitor probe.
const DOCUMENTED_STATUSES = documentedStatuses();
const RESULT_CAP = resultCap();

/**
 * Statuses that refuse an undocumented method (clause decision undocumented-method-statuses): 405
 * (RFC 9110 §15.5.6, the method is known but not supported), 404 (a router keyed on method and path
 * finds no resource), 501 (§15.6.2, the method is not recognised), 403 and 401 (a gateway that
 * authorises per method before routing).
 */
export const METHOD_REFUSALS: readonly number[] = [405, 404, 501, 403, 401];

/**
 * The largest body a valid search can be, in bytes: every field at its maxLength, each character at
 * the longest a JSON text can spell one (12 bytes: a surrogate pair as two `\uXXXX` escapes), names
 * and separators included. A body past it is far past every bound, and a server may refuse it as too
 * large (RFC 9110 §15.5.14 413) whatever its own limit.
 */
export const LARGEST_VALID_BODY_BYTES = requestFields().reduce((sum, field) => sum + field.name.length + 6 + (field.maxLength ?? 20) * 12, 2);

/** True when the request is larger than any valid search: 413 is then an acceptable refusal. */
export function tooLargeForAnySearch(request: ExchangeRequest): boolean {
  return (requestBodyBytes(request)?.length ?? 0) > LARGEST_VALID_BODY_BYTES;
}

/** True when the request's body went chunked, without Content-Length: RFC 9112 §6.3 lets a server answer it 411 Length Required. */
const lengthMayBeRequired = (request: ExchangeRequest): boolean => request.chunked === true;

function expectedStatuses(expectation: Expectation, request: ExchangeRequest): number[] {
  switch (expectation.kind) {
    case 'accepted':
      return lengthMayBeRequired(request) ? [200, 411] : [200];
    case 'throttled':
      return [200, 429];
    case 'refused':
      return tooLargeForAnySearch(request) ? [400, 413] : [400];
    case 'method':
      return [...METHOD_REFUSALS];
    case 'unauthorized':
      // 401 is tolerated: see contradiction forbidden-vs-unauthorized. An Authorization header outside
      // RFC 6750's Bearer syntax makes the request malformed, which §3.1 answers 400 invalid_request.
      return request.auth === 'malformed' ? [403, 401, 400] : [403, 401];
    case 'forced':
      return [expectation.status];
    case 'unruled':
      return [];
  }
}

/**
 * A 200 to the documented POST: the answers the response rules judge. What another method gets
 * is undocumented-method-refused's alone (a HEAD answer has no content, RFC 9110 §9.3.2).
 */
const servedSearch = (judged: JudgedExchange): boolean => judged.status === 200 && requestMethod(judged.exchange.request) === 'POST';

/**
 * RFC 6750 §3's characters for each Bearer attribute it defines: error and error_description are
 * printable ASCII but `"` and `\\`; error_uri the same without the space; scope space-separated
 * tokens of the error_uri characters. Attributes it does not define (realm, others) are not restricted.
 */
const BEARER_ATTRIBUTE_CHARACTERS: Readonly<Record<string, RegExp>> = {
  error: /[\x20\x21\x23-\x5B\x5D-\x7E]/,
  error_description: /[\x20\x21\x23-\x5B\x5D-\x7E]/,
  error_uri: /[\x21\x23-\x5B\x5D-\x7E]/,
  scope: /[\x20\x21\x23-\x5B\x5D-\x7E]/,
};

/** What is wrong with one Bearer attribute's value, or undefined when RFC 6750 §3 allows it. */
function bearerAttributeFault(name: string, value: string): string | undefined {
  const allowed = BEARER_ATTRIBUTE_CHARACTERS[name];
  if (!allowed) return undefined;
  const chars = [...value];
  const at = chars.findIndex((char) => !allowed.test(char));
  if (at >= 0) return `${name} with U+${chars[at]?.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} at character ${at + 1}`;
  if (name === 'scope' && !/^[^ ]+(?: [^ ]+)*$/.test(value)) return `scope ${JSON.stringify(value.slice(0, 40))}`;
  return undefined;
}

/** Findings of RFC 6750 §3 on every Bearer challenge of an answer: an attribute twice, or one outside its characters. */
function bearerChallengeFindings(fieldValue: string): Finding[] {
  return parseChallenges(fieldValue)
    .filter((challenge) => challenge.scheme === 'bearer')
    .flatMap((challenge) => {
      const names = challenge.params.map(([name]) => name);
      // "This scheme MUST be followed by one or more auth-param values": a bare Bearer (or one with a token68) has none.
      const bare = names.length === 0 ? [{ expected: 'a challenge naming at least one auth-param, such as realm, after its scheme (RFC 6750 §3)', received: 'the scheme alone, no auth-param' }] : [];
      const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))].map((name) => ({
        expected: 'each challenge attribute at most once (RFC 6750 §3)',
        received: `${name} ${names.filter((other) => other === name).length} times`,
      }));
      const outside = challenge.params.flatMap(([name, value]) => {
        const fault = bearerAttributeFault(name, value);
        return fault === undefined ? [] : [{ expected: `a challenge ${name} in the characters RFC 6750 §3 allows (printable ASCII but " and \\${name === 'error_uri' ? ', no space' : ''})`, received: fault }];
      });
      return [...bare, ...repeated, ...outside];
    });
}

/** Whether a token endpoint answer is served as RFC 6749's application/json itself (§5.1, §5.2), parameters aside. */
const servedAsTokenJson = (contentType: string | undefined): boolean => /^application\/json[ \t]*(;|$)/i.test(contentType ?? '');

/** A header as a finding's Received shows it: its first 80 characters, or that it was not sent. */
const describeHeader = (name: string, value: string | undefined): string => (value === undefined ? `no ${name}` : `${name}: ${JSON.stringify(value.slice(0, 80))}`);

/** RFC 9110 §15.5.2 on one answer: a 401 names at least one challenge in WWW-Authenticate. */
function challengeFindings(status: number, headers: Readonly<Record<string, string>>, whose: string, contractPath?: string): Finding[] {
  if (status !== 401) return [];
  const challenge = headers['www-authenticate'];
  if (challenge !== undefined && parseChallenges(challenge).length > 0) return [];
  return [{ ...(contractPath === undefined ? {} : { contractPath }), expected: `a WWW-Authenticate header with at least one challenge on ${whose} 401 (RFC 9110 §15.5.2 MUST)`, received: describeHeader('WWW-Authenticate', challenge) }];
}

/** Statuses whose answers an origin server with a clock MUST date (RFC 9110 §6.6.1: 2xx, 3xx and 4xx; 1xx and 5xx MAY). */
const mustBeDated = (status: number): boolean => status >= 200 && status < 500;

/** RFC 9110 §6.6.1 and §5.6.7 on one answer's Date field: sent where it must be, an IMF-fixdate wherever it is sent. */
function dateFindings(status: number, headers: Readonly<Record<string, string>>, whose: string, contractPath?: string): Finding[] {
  const date = headers.date;
  const at = contractPath === undefined ? {} : { contractPath };
  if (date === undefined) return mustBeDated(status) ? [{ ...at, expected: `a Date header on ${whose} ${status} answer (RFC 9110 §6.6.1: on every 2xx, 3xx and 4xx)`, received: 'no Date' }] : [];
  if (IMF_FIXDATE.test(date)) return [];
  return [{ ...at, expected: 'Date as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7 MUST)', received: describeHeader('Date', date) }];
}

/** The check of every rule that judges a case by the status its expectation names. */
function expectedStatusCheck(judged: JudgedExchange, rule: Expectation['rule']): Finding[] | undefined {
  if (judged.expectation.rule !== rule || judged.expectation.kind === 'unruled') return undefined;
  const wanted = expectedStatuses(judged.expectation, judged.exchange.request);
  if (wanted.includes(judged.status)) return [];
  return [{ ...(judged.casePath ? { contractPath: judged.casePath } : {}), expected: wanted.join(' or '), received: judged.describeStatus() }];
}

/**
 * The customers of a complete wider answer that a narrower search must find again: those that show
 * every added criterion exactly as it was sent. Whatever the matching (exact, case-insensitive,
 * prefix), a provider that reads back the value it shows finds them. None when an added criterion is
 * one no Customer property shows or a contradiction leaves unjudged, or a sent value has surrounding
 * whitespace (a provider may trim what it reads and not what it holds).
 */
function customersToKeep(judged: JudgedExchange, wider: readonly Readonly<Record<string, unknown>>[]): Readonly<Record<string, unknown>>[] {
  const asObject = (body: unknown): Readonly<Record<string, unknown>> => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
  const narrowerBody = asObject(judged.exchange.request.body);
  const widerBody = asObject(judged.wider?.exchange.request.body);
  const added = Object.entries(narrowerBody).filter(([field]) => widerBody[field] === undefined);
  const criteria = added.map(([field, sent]) => ({ sent, criterion: searchCriteria.criteria.find((criterion) => criterion.field === field) }));
  const judgeable = criteria.every(({ sent, criterion }) => criterion !== undefined && criterion.unjudgedBecause === undefined && (typeof sent === 'number' || (typeof sent === 'string' && sent !== '' && sent === sent.trim())));
  if (added.length === 0 || !judgeable) return [];
  return wider.filter((customer) => criteria.every(({ sent, criterion }) => criterion !== undefined && (heldValues(customer, criterion) ?? []).some((held) => held === sent)));
}

/** A customer's identity for set comparisons: its number, or its whole record when it has none. */
function identity(customer: Readonly<Record<string, unknown>>): string {
  return typeof customer.customerNumber === 'number' ? `#${customer.customerNumber}` : JSON.stringify(customer);
}

/** Violations at one contract path: never empty. */
type ViolationGroup = readonly [SchemaViolation, ...SchemaViolation[]];

/** Response-schema violations grouped by contract path: five customers with a numeric postalCode are one finding. */
function groupedSchemaFindings(judged: JudgedExchange, keep: (violation: SchemaViolation) => boolean, received: (group: ViolationGroup) => string): Finding[] {
  const byPath = new Map<string, ViolationGroup>();
  for (const violation of judged.responseSchemaViolations.filter(keep)) {
    const group = byPath.get(violation.contractPath);
    byPath.set(violation.contractPath, group ? [...group, violation] : [violation]);
  }
  return [...byPath].map(([contractPath, group]) => {
    const [first] = group;
    return { contractPath, expected: `${first.instancePath || '(body)'} ${first.message}`, received: received(group) };
  });
}

/**
 * The registry of named rules. A rule's name is its test title in the contract suite, its `rule`
 * label on `customer_search_contract_violations_total`, its key in reports and its README row, so
 * names are stable: rename one only together with dashboards and alerts. Adding a rule is one entry
 * here plus a simulator fault mode that breaks it.
 */
export const contractRules = {
  'status-code-documented': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary: 'Every response to the documented method has a documented status (200, 400, 403, 429, 500; 401 only when the token is not valid; 413 only to a body larger than any valid search; 411 only to a body sent chunked).',
    check: (judged) => {
      // The operation documents POST only: what another method gets is undocumented-method-refused's to judge.
      if (requestMethod(judged.exchange.request) !== 'POST') return undefined;
      const tolerated401 = judged.status === 401 && judged.exchange.request.auth !== 'valid';
      const tolerated413 = judged.status === 413 && tooLargeForAnySearch(judged.exchange.request);
      const tolerated411 = judged.status === 411 && lengthMayBeRequired(judged.exchange.request);
      if (DOCUMENTED_STATUSES.includes(judged.status) || tolerated401 || tolerated413 || tolerated411) return [];
      return [{ expected: `one of ${DOCUMENTED_STATUSES.join(', ')}`, received: String(judged.status) }];
    },
  },
  'no-server-error': {
    contractPath: `${OPERATION_POINTER}/responses/500`,
    summary: 'No request the suite sends, valid or not, is answered with a 5xx unless `Prefer` asked for it (501 to an undocumented method is a refusal).',
    check: (judged) => {
      if (judged.exchange.request.prefer !== undefined) return undefined;
      if (judged.status < 500 || judged.status > 599) return [];
      if (judged.status === 501 && requestMethod(judged.exchange.request) !== 'POST') return [];
      return [{ expected: 'an answer other than 5xx (a client error is 4xx)', received: judged.describeStatus() }];
    },
  },
  'content-type-json': {
    contractPath: `${OPERATION_POINTER}/responses/200/content`,
    summary: 'A 200 response is served as application/json.',
    check: (judged) => {
      if (!servedSearch(judged)) return undefined;
      return isJsonContentType(judged.contentType) ? [] : [{ expected: 'application/json', received: judged.contentType ?? '(no Content-Type)' }];
    },
  },
  'response-schema': {
    contractPath: '#/components/schemas/SearchCustomerResponse',
    summary: 'A 200 body conforms to the response schema (types, lengths, nested emails and phoneNumbers).',
    check: (judged) => {
      if (!servedSearch(judged)) return undefined;
      const json = judged.json;
      if (!json.ok) {
        return [{ expected: 'a JSON body', received: `${judged.exchange.response.bodyText.length} bytes that do not parse as JSON` }];
      }
      return groupedSchemaFindings(
        judged,
        (violation) => violation.contractPath !== RESULT_CAP_POINTER,
        (group) => `${describeValueType(json.value, group[0].instancePath)}${group.length > 1 ? ` (and ${group.length - 1} more)` : ''}`,
      );
    },
  },
  'result-cap': {
    contractPath: RESULT_CAP_POINTER,
    summary: 'At most 5 customers per response; a search known to match more than 5 returns at least one.',
    check: (judged) => {
      if (!servedSearch(judged) || !judged.json.ok) return undefined;
      const findings = groupedSchemaFindings(
        judged,
        (violation) => violation.contractPath === RESULT_CAP_POINTER,
        () => `${describeValueType(judged.json.ok ? judged.json.value : undefined, '/customers').replace('an array of ', '')} customers`,
      );
      const overCap = judged.expectation.kind === 'accepted' && judged.expectation.results?.overCap;
      if (overCap && judged.customers?.length === 0) {
        findings.push({ expected: `between 1 and ${RESULT_CAP} customers for a search known to match more`, received: '0 customers' });
      }
      return findings;
    },
  },
  'error-body': {
    contractPath: '#/components/schemas/ErrorResponse',
    summary: 'An error body served as JSON parses and has string exceptionType / errorMessage when present.',
    check: (judged) => {
      if (judged.status === 200 || !isJsonContentType(judged.contentType) || judged.exchange.response.bodyText.trim() === '') return undefined;
      const json = judged.json;
      if (!json.ok) {
        return [{ expected: 'a body that parses as the JSON it declares', received: `${judged.exchange.response.bodyText.length} bytes that do not parse` }];
      }
      return validateSchema('ErrorResponse', json.value).map((violation) => ({
        contractPath: violation.contractPath,
        expected: `${violation.instancePath || '(body)'} ${violation.message}`,
        received: describeValueType(json.value, violation.instancePath),
      }));
    },
  },
  'rate-limit-headers': {
    contractPath: '#/components/headers',
    summary:
      'X-RateLimit-Remaining, X-RateLimit-Reset, X-Mediaconnect-Api-Version and Retry-After are well-formed when present (Retry-After: delay-seconds or an HTTP-date, RFC 9110 §10.2.3; a sender MUST NOT generate what the grammar does not match, §2.2).',
    check: (judged) =>
      HEADER_NAMES.flatMap((header) => {
        const value = judged.exchange.response.headers[header.toLowerCase()];
        if (value === undefined) return [];
        return validateHeader(header, value).map((violation) => ({
          contractPath: violation.contractPath,
          // A pattern is said in the schema's words: the expression itself would fill the line.
          expected: `${header} ${violation.keyword === 'pattern' ? `must be ${headerSchemaWords(header) ?? violation.message}` : violation.message}`,
          received: JSON.stringify(value.slice(0, 80)),
        }));
      }),
  },
  'valid-search-accepted': {
    contractPath: '#/components/schemas/SearchCustomerRequest',
    summary: 'A request that meets every documented limit, format and the search requirement is answered 200.',
    check: (judged) => expectedStatusCheck(judged, 'valid-search-accepted'),
  },
  'field-max-length': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'A string past its documented maxLength (counted in characters) is refused with 400.',
    check: (judged) => expectedStatusCheck(judged, 'field-max-length'),
  },
  'field-type': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'A value of the wrong type (a word for the integer streetNumber, an object for a string) is refused with 400.',
    check: (judged) => expectedStatusCheck(judged, 'field-type'),
  },
  'field-format': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'An email that is not an address, or a phoneNumber that is not E.164, is refused with 400.',
    check: (judged) => expectedStatusCheck(judged, 'field-format'),
  },
  'search-requirement': {
    contractPath: SEARCH_REQUIREMENT_POINTER,
    summary: 'A search without phoneNumber, email or a full name/address combination is refused with 400.',
    check: (judged) => expectedStatusCheck(judged, 'search-requirement'),
  },
  'invalid-body-refused': {
    contractPath: '#/components/schemas/SearchCustomerRequest/type',
    summary: 'A body that is not JSON, or JSON that is not an object, is refused with 400.',
    check: (judged) => expectedStatusCheck(judged, 'invalid-body-refused'),
  },
  'results-match-criteria': {
    contractPath: '#/components/schemas/Customer',
    summary: 'Every customer of a search holds every criterion sent that a Customer property shows (a phone or email search: that phone number or email).',
    check: (judged) => {
      const body = judged.exchange.request.body;
      const customers = judged.customers;
      if (judged.expectation.kind !== 'accepted' || !customers) return undefined;
      const groups = judgedCriteria(body);
      if (groups.length === 0) return undefined;
      const search = body as Readonly<Record<string, unknown>>;
      return groups.flatMap((group): Finding[] => {
        const [first] = group;
        const strays = customers.filter((customer) => meetsGroup(customer, group, search) === false);
        if (first === undefined || strays.length === 0) return [];
        return [
          {
            contractPath: first.customerPointer,
            expected: `every customer holds the searched ${criterionLabel(group)}`,
            received: `${strays.length} of ${customers.length} customers without it`,
          },
        ];
      });
    },
  },
  'known-customer-found': {
    contractPath: '#/components/schemas/Customer/properties/customerNumber',
    summary: "Searching for the profile's known customer by phone, email or name/address, and by each phone and email its answers show, finds it, unless the answer is full (the page caps it and does not say which customers).",
    check: (judged) => {
      const wanted = judged.expectation.kind === 'accepted' ? judged.expectation.results?.customerNumber : undefined;
      const customers = judged.customers;
      if (wanted === undefined || !customers) return undefined;
      if (customers.some((customer) => customer.customerNumber === wanted)) return [];
      // A full answer says nothing of the rest: the page caps it at five and does not say which five.
      if (customers.length >= RESULT_CAP) return undefined;
      return [{ expected: "the profile's known customer among the results", received: `${customers.length} customers, none of them the known one` }];
    },
  },
  'criteria-narrow-results': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
    summary:
      'Adding a criterion (productCode, a name or address, the known customer\'s own values or another customer\'s) never widens a result below the cap, and keeps every customer of it that shows the added values as sent ("This will shrink search result").',
    check: (judged) => {
      const wider = judged.wider?.customers;
      const narrower = judged.customers;
      // Only where the wider answer is below the cap: a capped list may have left any match out.
      if (!wider || !narrower || wider.length >= RESULT_CAP) return undefined;
      const known = new Set(wider.map(identity));
      const added = narrower.filter((customer) => !known.has(identity(customer)));
      const found = new Set(narrower.map(identity));
      const keep = customersToKeep(judged, wider);
      const lost = keep.filter((customer) => !found.has(identity(customer)));
      const customers = (count: number): string => `${count} customer${count === 1 ? '' : 's'}`;
      // The case's path names the criterion added.
      const path = judged.casePath ? { contractPath: judged.casePath } : {};
      return [
        ...(added.length > 0
          ? [{ ...path, expected: `no customer beyond the ${customers(wider.length)} of the same search without the added criteria`, received: `${customers(narrower.length)}, ${added.length} of them not among those` }]
          : []),
        // "Shrink" drops the customers that do not match: one that shows the added values as sent matches them.
        ...(lost.length > 0
          ? [{ ...path, expected: `the ${customers(keep.length)} of the same search without the added criteria that show them as sent found again`, received: `${lost.length} of them left out` }]
          : []),
      ];
    },
  },
  'auth-required': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary: 'A search without a valid bearer token (none, malformed, unknown, expired) is refused with 403 (or 401; a malformed one also 400).',
    check: (judged) => expectedStatusCheck(judged, 'auth-required'),
  },
  'forced-error-status': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary: 'A target that honours `Prefer: code=NNN` answers each documented error status on demand.',
    check: (judged) => expectedStatusCheck(judged, 'forced-error-status'),
  },
  'undocumented-method-refused': {
    contractPath: `#/paths/${OPERATION_POINTER.split('/')[2]}`,
    summary: `A method the contract does not document on the path (GET, HEAD, PUT, DELETE, PATCH) is refused (${METHOD_REFUSALS.join(', ')}), never served.`,
    check: (judged) => expectedStatusCheck(judged, 'undocumented-method-refused'),
  },
  'allow-header-on-405': {
    contractPath: `#/paths/${OPERATION_POINTER.split('/')[2]}`,
    summary: 'A 405 carries an Allow header listing the documented POST (RFC 9110 §15.5.6 MUST).',
    check: (judged) => {
      if (judged.status !== 405) return undefined;
      const allow = judged.exchange.response.headers.allow;
      const methods = (allow ?? '').split(',').map((method) => method.trim());
      if (methods.includes('POST')) return [];
      return [{ expected: 'an Allow header that lists POST', received: allow === undefined ? 'no Allow header' : `Allow: ${JSON.stringify(allow.slice(0, 80))}` }];
    },
  },
  'customers-unique': {
    contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers',
    summary: 'No customer appears twice in one answer ("The response is a list of customers found").',
    check: (judged) => {
      const customers = judged.customers;
      if (!customers) return undefined;
      const seen = new Set<string>();
      const repeated = customers.filter((customer) => seen.size === seen.add(identity(customer)).size);
      if (repeated.length === 0) return [];
      return [{ expected: 'each customer found listed once', received: `${customers.length} customers, ${repeated.length} of them listed before` }];
    },
  },
  'customers-list-present': {
    contractPath: '#/components/schemas/SearchCustomerResponse/properties/customers',
    summary: 'A 200 carries the customers list, empty when no customer is found ("The list is empty if no customer is found").',
    check: (judged) => {
      const json = judged.json;
      if (!servedSearch(judged) || !json.ok || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) return undefined;
      if ((json.value as { customers?: unknown }).customers !== undefined) return [];
      const none = judged.expectation.kind === 'accepted' && judged.expectation.results?.none === true;
      return [{ expected: `a customers list${none ? ', empty for a search no customer can match' : ''}`, received: 'a body without customers' }];
    },
  },
  'json-utf8': {
    contractPath: `${OPERATION_POINTER}/responses/200/content/application~1json`,
    summary:
      'A body served as JSON is UTF-8: its bytes decode as UTF-8, a charset parameter, when sent, names UTF-8 (RFC 8259 §8.1 MUST), and it does not begin with a byte order mark (RFC 8259 §8.1 MUST NOT).',
    check: (judged) => {
      if (!isJsonContentType(judged.contentType)) return undefined;
      const charset = mediaTypeParameter(judged.contentType, 'charset');
      const findings: Finding[] = [];
      if (charset !== undefined && charset.toLowerCase() !== 'utf-8') findings.push({ expected: 'charset UTF-8, or none', received: `charset ${JSON.stringify(charset.slice(0, 40))}` });
      if (judged.exchange.response.invalidUtf8) findings.push({ expected: 'a body whose bytes are UTF-8', received: 'bytes that are not UTF-8 (replaced by U+FFFD)' });
      if (judged.exchange.response.byteOrderMark) findings.push({ expected: 'a JSON text without a byte order mark (RFC 8259 §8.1 MUST NOT)', received: 'a body beginning with the bytes EF BB BF, a byte order mark' });
      return findings;
    },
  },
  'client-basic-auth': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'The token endpoint issues a token for HTTP Basic client authentication, the one method RFC 6749 §2.3.1 says every authorization server MUST support, and a search with that token is accepted.',
    // A refused token request has no search answer to judge: the campaign reports it under this rule (gate/run-campaign.ts).
    check: (judged) => expectedStatusCheck(judged, 'client-basic-auth'),
  },
  'token-no-store': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary: 'A token answer carries Cache-Control: no-store (RFC 6749 §5.1 MUST), so no cache keeps the token.',
    // Judged on the token answers the gate's cases ask for themselves (Exchange.tokenResponse) that issued a token.
    check: (judged) => {
      const answer = judged.exchange.tokenResponse;
      if (answer?.status !== 200) return undefined;
      const headers = answer.headers;
      const cacheControl = headers['cache-control'];
      if ((cacheControl ?? '').split(',').some((directive) => directive.trim().toLowerCase() === 'no-store')) return [];
      return [{ expected: 'a token answer with Cache-Control: no-store', received: describeHeader('Cache-Control', cacheControl) }];
    },
  },
  'invalid-client-challenge': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'A token request whose client secret, sent by HTTP Basic, is wrong is refused 401 with a WWW-Authenticate challenge for Basic, the scheme the client used (RFC 6749 §5.2 MUST), and no token.',
    // Judged on the token endpoint's answers to the cases that send a wrong secret (WRONG_SECRET_MODES).
    check: (judged) => {
      const answer = judged.exchange.tokenResponse;
      if (!answer || !WRONG_SECRET_MODES.has(judged.exchange.request.auth)) return undefined;
      if (answer.status !== 401) {
        return [{ expected: '401 to HTTP Basic client authentication that failed (RFC 6749 §5.2)', received: answer.status === 200 ? 'a token (200) for a wrong client secret' : `${answer.status}` }];
      }
      const challenge = answer.headers['www-authenticate'];
      if (challenge !== undefined && challengeSchemes(challenge).includes('basic')) return [];
      return [
        {
          expected: 'a WWW-Authenticate challenge for Basic, the scheme the client authenticated with (RFC 6749 §5.2)',
          received: describeHeader('WWW-Authenticate', challenge),
        },
      ];
    },
  },
  'expect-continue': {
    contractPath: '#/paths/~1v1~1client~1customer~1search/post/requestBody',
    summary:
      'A search sent with Expect: 100-continue is answered 100 Continue, or its final status, before its content is sent: the provider does not wait for the content (RFC 9110 §10.1.1 MUST).',
    // Judged on the search the gate sends with the expectation; the others carry none.
    check: (judged) => {
      if (!judged.exchange.request.expectContinue) return undefined;
      if (!judged.exchange.response.continueUnanswered) return [];
      return [{ expected: '100 Continue or a final status before the content (RFC 9110 §10.1.1: the server MUST NOT wait for it)', received: 'neither, until the client sent the content without it' }];
    },
  },
  'token-request-parameters': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'A token request with a parameter sent without a value (scope=) or one the server does not recognise is answered as the same request without it: a token (RFC 6749 §3.2 MUST).',
    // Judged on the token endpoint's answers to the cases that add such a parameter (auth empty-scope, unrecognized-parameter).
    check: (judged) => {
      const answer = judged.exchange.tokenResponse;
      const auth = judged.exchange.request.auth;
      if (!answer || (auth !== 'empty-scope' && auth !== 'unrecognized-parameter')) return undefined;
      if (answer.status === 200) return [];
      const added = auth === 'empty-scope' ? 'scope= (a parameter without a value is treated as omitted)' : 'a parameter it does not recognise (it is ignored)';
      return [{ expected: `a token, as for the client's own request, to one that adds ${added} (RFC 6749 §3.2)`, received: `${answer.status}${answer.body?.error ? ` (${answer.body.error})` : ''}` }];
    },
  },
  'bearer-challenge': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'A Bearer challenge in WWW-Authenticate, when sent, holds at least one attribute, each at most once, and its error, error_description, error_uri and scope in the characters RFC 6750 §3 allows (MUST).',
    // Like the rate-limit headers: held by every answer without a Bearer challenge, as the documented 403 has none.
    check: (judged) => {
      const challenge = judged.exchange.response.headers['www-authenticate'];
      return challenge === undefined ? [] : bearerChallengeFindings(challenge);
    },
  },
  'token-response': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'A token answer is a JSON object served as application/json, without a byte order mark, naming each parameter once (RFC 6749 §3.2), with token_type "Bearer" in any case, and expires_in, when sent, a whole JSON number of seconds (RFC 6749 §5.1: token_type REQUIRED, the parameters in an application/json body, numerical values as JSON numbers; Appendix A.14; RFC 6750 §4).',
    // Judged on the token answers the gate's cases ask for themselves that issued a token; the token itself is never kept.
    check: (judged) => {
      const answer = judged.exchange.tokenResponse;
      if (answer?.status !== 200 || !answer.body) return undefined;
      const findings: Finding[] = [];
      const contentType = answer.headers['content-type'];
      if (!servedAsTokenJson(contentType)) {
        findings.push({ expected: 'a token answer served as application/json', received: describeHeader('Content-Type', contentType) });
      }
      if (answer.body.repeatedMembers.length > 0) {
        findings.push({ expected: 'a token answer naming each parameter once (RFC 6749 §3.2 MUST NOT)', received: `${answer.body.repeatedMembers.slice(0, 5).join(', ')} more than once` });
      }
      if (answer.body.byteOrderMark) findings.push({ expected: 'a token answer without a byte order mark (RFC 8259 §8.1 MUST NOT)', received: 'a body beginning with the bytes EF BB BF, a byte order mark' });
      if (!answer.body.jsonObject) findings.push({ expected: 'a token answer whose body is a JSON object', received: 'a body that is not a JSON object' });
      else {
        const tokenType = answer.body.tokenType;
        if (!('value' in tokenType)) findings.push({ expected: 'a token_type (REQUIRED)', received: tokenType.type === 'absent' ? 'no token_type' : `token_type a ${tokenType.type}` });
        else if (tokenType.value.toLowerCase() !== 'bearer') findings.push({ expected: 'token_type "Bearer", in any case', received: `token_type ${JSON.stringify(tokenType.value.slice(0, 40))}` });
        // RFC 6749 §5.1: "Numerical values are included as JSON numbers"; Appendix A.14: expires-in = 1*DIGIT.
        const expiresIn = answer.body.expiresIn;
        if (!('value' in expiresIn)) {
          if (expiresIn.type !== 'absent') findings.push({ expected: 'expires_in, when sent, a JSON number of seconds (RFC 6749 §5.1: numerical values are JSON numbers)', received: `expires_in a ${expiresIn.type}` });
        } else if (!Number.isInteger(expiresIn.value) || expiresIn.value < 0) {
          findings.push({ expected: 'expires_in a whole number of seconds, 0 or more (RFC 6749 Appendix A.14: 1*DIGIT)', received: `expires_in ${expiresIn.value}` });
        }
      }
      return findings;
    },
  },
  'date-header': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary:
      'Every 2xx, 3xx and 4xx answer, search and token alike, carries a Date header (RFC 9110 §6.6.1: an origin server with a clock MUST; a cache or proxy that forwards an answer without one MUST add it), and a Date, whatever the status, is an IMF-fixdate (§5.6.7 MUST).',
    // The token endpoint's answers are judged where a case asked for one of its own (Exchange.tokenResponse).
    check: (judged) => {
      const token = judged.exchange.tokenResponse;
      return [
        ...dateFindings(judged.status, judged.exchange.response.headers, 'a'),
        ...(token ? dateFindings(token.status, token.headers, 'the token endpoint\'s', '#/components/securitySchemes/Client_Credentials') : []),
      ];
    },
  },
  'challenge-on-401': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary: 'A 401, to a search or from the token endpoint, carries WWW-Authenticate with at least one challenge (RFC 9110 §15.5.2 MUST; the page documents 403, and 401 is tolerated where a token is not valid).',
    // The token endpoint's 401 to a wrong-secret case is invalid-client-challenge's, which asks for more (a Basic challenge).
    check: (judged) => {
      const token = judged.exchange.tokenResponse;
      const tokenJudged = token !== undefined && !WRONG_SECRET_MODES.has(judged.exchange.request.auth);
      return [...challengeFindings(judged.status, judged.exchange.response.headers, 'a search\'s'), ...(tokenJudged ? challengeFindings(token.status, token.headers, "the token endpoint's") : [])];
    },
  },
  'token-error-response': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary:
      'A token endpoint refusal a case asks for is a JSON object served as application/json with an error code, invalid_client for a failed client authentication (RFC 6749 §5.2: error REQUIRED, the parameters in an application/json body).',
    // Judged on the refusals the gate's own token requests draw: the wrong-secret cases', and any other case's token request refused.
    check: (judged) => {
      const answer = judged.exchange.tokenResponse;
      if (!answer || answer.status < 400 || answer.status > 499) return undefined;
      const findings: Finding[] = [];
      const contentType = answer.headers['content-type'];
      if (!servedAsTokenJson(contentType)) findings.push({ expected: 'a token refusal served as application/json (RFC 6749 §5.2)', received: describeHeader('Content-Type', contentType) });
      const error = answer.body?.jsonObject ? answer.body.error : undefined;
      const wanted = WRONG_SECRET_MODES.has(judged.exchange.request.auth) ? 'invalid_client' : undefined;
      if (!answer.body?.jsonObject) findings.push({ expected: 'a token refusal whose body is a JSON object naming its error (RFC 6749 §5.2)', received: 'a body that is not a JSON object' });
      else if (error === undefined) findings.push({ expected: `an error code${wanted ? ` (${wanted})` : ''} in the refusal (RFC 6749 §5.2: error REQUIRED)`, received: 'no error member holding a code' });
      else if (wanted !== undefined && error !== wanted) findings.push({ expected: `error "${wanted}" for a failed client authentication (RFC 6749 §5.2)`, received: `error ${JSON.stringify(error)}` });
      return findings;
    },
  },
} as const satisfies Record<string, ContractRule>;

export type RuleName = keyof typeof contractRules;

export const ruleNames = Object.keys(contractRules) as RuleName[];
