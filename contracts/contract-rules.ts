import { OPERATION_POINTER, RESULT_CAP_POINTER, SEARCH_REQUIREMENT_POINTER } from './contract-reader';

/**
 * The registry of named rules. A rule's name is its test title in the contract suite, its `rule`
 * label on `customer_search_contract_violations_total`, its key in reports and its README row, so
 * names are stable: rename one only together with dashboards and alerts.
 */
export const contractRules = {
  'status-code-documented': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary: 'Every response has a documented status (200, 400, 403, 429, 500; 401 only when the token is not valid).',
  },
  'content-type-json': {
    contractPath: `${OPERATION_POINTER}/responses/200/content`,
    summary: 'A 200 response is served as application/json.',
  },
  'response-schema': {
    contractPath: '#/components/schemas/SearchCustomerResponse',
    summary: 'A 200 body conforms to the response schema (types, lengths, nested emails and phoneNumbers).',
  },
  'result-cap': {
    contractPath: RESULT_CAP_POINTER,
    summary: 'At most 5 customers per response; a search known to match more than 5 returns at least one.',
  },
  'error-body': {
    contractPath: '#/components/schemas/ErrorResponse',
    summary: 'An error body served as JSON parses and has string exceptionType / errorMessage when present.',
  },
  'rate-limit-headers': {
    contractPath: '#/components/headers',
    summary: 'X-RateLimit-Remaining, X-RateLimit-Reset and X-Mediaconnect-Api-Version are well-formed when present.',
  },
  'valid-search-accepted': {
    contractPath: '#/components/schemas/SearchCustomerRequest',
    summary: 'A request that meets every documented limit, format and the search requirement is answered 200.',
  },
  'field-max-length': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'A string one character past its documented maxLength is refused with 400.',
  },
  'field-type': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'A value of the wrong type (a word for the integer streetNumber) is refused with 400.',
  },
  'field-format': {
    contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    summary: 'An email that is not an address, or a phoneNumber that is not E.164, is refused with 400.',
  },
  'search-requirement': {
    contractPath: SEARCH_REQUIREMENT_POINTER,
    summary: 'A search without phoneNumber, email or a full name/address combination is refused with 400.',
  },
  'results-match-criteria': {
    contractPath: '#/components/schemas/Customer',
    summary: 'Every customer of a phone (email) search holds that phone number (email).',
  },
  'known-customer-found': {
    contractPath: '#/components/schemas/Customer/properties/customerNumber',
    summary: "Searching for the profile's known customer by phone, email or name/address finds it.",
  },
  'auth-required': {
    contractPath: '#/components/securitySchemes/Client_Credentials',
    summary: 'A search without a valid bearer token (none, malformed, unknown, expired) is refused with 403.',
  },
  'forced-error-status': {
    contractPath: `${OPERATION_POINTER}/responses`,
    summary: 'A target that honours `Prefer: code=NNN` answers each documented error status on demand.',
  },
} as const satisfies Record<string, { contractPath: string; summary: string }>;

export type RuleName = keyof typeof contractRules;

export const ruleNames = Object.keys(contractRules) as RuleName[];

/** Rules checked on every response, whatever the request was for. */
export const universalRules = [
  'status-code-documented',
  'content-type-json',
  'response-schema',
  'result-cap',
  'error-body',
  'rate-limit-headers',
] as const satisfies readonly RuleName[];
