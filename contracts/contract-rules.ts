import { OPERATION_POINTER, RESULT_CAP_POINTER, SEARCH_REQUIREMENT_POINTER, documentedStatuses, resultCap } from './contract-reader';
import { validateHeader, validateSchema, type HeaderName, type SchemaViolation } from './contract-validator';
import type { Expectation } from './exchange';
import { describeValueType, isJsonContentType, type JudgedExchange } from './judged-exchange';
import { criterionLabel, judgedCriteria, meetsGroup, type SearchCriterion } from './search-criteria';

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
const RATE_LIMIT_HEADERS: readonly HeaderName[] = ['X-Mediaconnect-Api-Version', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

function expectedStatuses(expectation: Expectation): number[] {
  switch (expectation.kind) {
    case 'accepted':
      return [200];
    case 'refused':
      return [400];
    case 'unauthorized':
      // 401 is tolerated: see contradiction forbidden-vs-unauthorized.
      return [403, 401];
    case 'forced':
      return [expectation.status];
    case 'unruled':
      return [];
  }
}

/** The check of every rule that judges a case by the status its expectation names. */
function expectedStatusCheck(judged: JudgedExchange, rule: Expectation['rule']): Finding[] | undefined {
  if (judged.expectation.rule !== rule || judged.expectation.kind === 'unruled') return undefined;
  const wanted = expectedStatuses(judged.expectation);
  if (wanted.includes(judged.status)) return [];
  return [{ ...(judged.casePath ? { contractPath: judged.casePath } : {}), expected: wanted.join(' or '), received: judged.describeStatus() }];
}

/** A customer's identity for set comparisons: its number, or its whole record when it has none. */
function identity(customer: Readonly<Record<string, unknown>>): string {
  return typeof customer.customerNumber === 'number' ? `#${customer.customerNumber}` : JSON.stringify(customer);
}

/** Response-schema violations grouped by contract path: five customers with a numeric postalCode are one finding. */
function groupedSchemaFindings(judged: JudgedExchange, keep: (violation: SchemaViolation) => boolean, received: (group: SchemaViolation[]) => string): Finding[] {
  const byPath = new Map<string, SchemaViolation[]>();
  for (const violation of judged.responseSchemaViolations.filter(keep)) {
    byPath.set(violation.contractPath, [...(byPath.get(violation.contractPath) ?? []), violation]);
  }
  return [...byPath].map(([contractPath, group]) => {
    const first = group[0] as SchemaViolation;
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
    summary: 'Every response has a documented status (200, 400, 403, 429, 500; 401 only when the token is not valid).',
    check: (judged) => {
      const tolerated401 = judged.status === 401 && judged.exchange.request.auth !== 'valid';
      if (DOCUMENTED_STATUSES.includes(judged.status) || tolerated401) return [];
      return [{ expected: `one of ${DOCUMENTED_STATUSES.join(', ')}`, received: String(judged.status) }];
    },
  },
  'no-server-error': {
    contractPath: `${OPERATION_POINTER}/responses/500`,
    summary: 'No request the suite sends, valid or not, is answered with a 5xx unless `Prefer` asked for it.',
    check: (judged) => {
      if (judged.exchange.request.prefer !== undefined) return undefined;
      if (judged.status < 500 || judged.status > 599) return [];
      return [{ expected: 'an answer other than 5xx (a client error is 4xx)', received: judged.describeStatus() }];
    },
  },
  'content-type-json': {
    contractPath: `${OPERATION_POINTER}/responses/200/content`,
    summary: 'A 200 response is served as application/json.',
    check: (judged) => {
      if (judged.status !== 200) return undefined;
      return isJsonContentType(judged.contentType) ? [] : [{ expected: 'application/json', received: judged.contentType ?? '(no Content-Type)' }];
    },
  },
  'response-schema': {
    contractPath: '#/components/schemas/SearchCustomerResponse',
    summary: 'A 200 body conforms to the response schema (types, lengths, nested emails and phoneNumbers).',
    check: (judged) => {
      if (judged.status !== 200) return undefined;
      const json = judged.json;
      if (!json.ok) {
        return [{ expected: 'a JSON body', received: `${judged.exchange.response.bodyText.length} bytes that do not parse as JSON` }];
      }
      return groupedSchemaFindings(
        judged,
        (violation) => violation.contractPath !== RESULT_CAP_POINTER,
        (group) => `${describeValueType(json.value, (group[0] as SchemaViolation).instancePath)}${group.length > 1 ? ` (and ${group.length - 1} more)` : ''}`,
      );
    },
  },
  'result-cap': {
    contractPath: RESULT_CAP_POINTER,
    summary: 'At most 5 customers per response; a search known to match more than 5 returns at least one.',
    check: (judged) => {
      if (judged.status !== 200 || !judged.json.ok) return undefined;
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
    summary: 'X-RateLimit-Remaining, X-RateLimit-Reset and X-Mediaconnect-Api-Version are well-formed when present.',
    check: (judged) =>
      RATE_LIMIT_HEADERS.flatMap((header) => {
        const value = judged.exchange.response.headers[header.toLowerCase()];
        if (value === undefined) return [];
        return validateHeader(header, value).map((violation) => ({
          contractPath: violation.contractPath,
          expected: `${header} ${violation.message}`,
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
        const strays = customers.filter((customer) => meetsGroup(customer, group, search) === false);
        if (strays.length === 0) return [];
        return [
          {
            contractPath: (group[0] as SearchCriterion).customerPointer,
            expected: `every customer holds the searched ${criterionLabel(group)}`,
            received: `${strays.length} of ${customers.length} customers without it`,
          },
        ];
      });
    },
  },
  'known-customer-found': {
    contractPath: '#/components/schemas/Customer/properties/customerNumber',
    summary: "Searching for the profile's known customer by phone, email or name/address finds it.",
    check: (judged) => {
      const wanted = judged.expectation.kind === 'accepted' ? judged.expectation.results?.customerNumber : undefined;
      const customers = judged.customers;
      if (wanted === undefined || !customers) return undefined;
      if (customers.some((customer) => customer.customerNumber === wanted)) return [];
      return [{ expected: "the profile's known customer among the results", received: `${customers.length} customers, none of them the known one` }];
    },
  },
  'criteria-narrow-results': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
    summary: 'Adding a criterion (productCode, a name or address, the known customer\'s own values or another customer\'s) never widens a result below the cap ("This will shrink search result").',
    check: (judged) => {
      const wider = judged.wider?.customers;
      const narrower = judged.customers;
      // Only where the wider answer is below the cap: a capped list may have left any match out.
      if (!wider || !narrower || wider.length >= RESULT_CAP) return undefined;
      const known = new Set(wider.map(identity));
      const added = narrower.filter((customer) => !known.has(identity(customer)));
      if (added.length === 0) return [];
      const customers = (count: number): string => `${count} customer${count === 1 ? '' : 's'}`;
      return [
        {
          // The case's path names the criterion added.
          ...(judged.casePath ? { contractPath: judged.casePath } : {}),
          expected: `no customer beyond the ${customers(wider.length)} of the same search without the added criteria`,
          received: `${customers(narrower.length)}, ${added.length} of them not among those`,
        },
      ];
    },
  },
  'auth-required': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary: 'A search without a valid bearer token (none, malformed, unknown, expired) is refused with 403.',
    check: (judged) => expectedStatusCheck(judged, 'auth-required'),
  },
  'forced-error-status': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary: 'A target that honours `Prefer: code=NNN` answers each documented error status on demand.',
    check: (judged) => expectedStatusCheck(judged, 'forced-error-status'),
  },
} as const satisfies Record<string, ContractRule>;

export type RuleName = keyof typeof contractRules;

export const ruleNames = Object.keys(contractRules) as RuleName[];
