import type { OpenAPIV3_1 } from 'openapi-types';
import type { DeepReadonly } from './deep-readonly';
import { DOCUMENTED_RATE_LIMITS } from './documented-rate-limits';
import { IMF_FIXDATE_PATTERN } from './imf-fixdate';

/**
 * The single source of truth: "Search customer - client mode" as an OpenAPI 3.1 document.
 *
 * Everything else (the generated contract suite, the simulator, the monitor) reads limits, formats,
 * the search-requirement rule and the documented status codes from here, so editing this file is
 * the only way to change what the suite asserts. Decisions taken where the documentation
 * contradicts itself are listed in `documentation-contradictions.ts` and referenced by `x-decision`.
 */

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$' as const;

/*
 * RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`, `delay-seconds = 1*DIGIT`; §5.6.7: a
 * sender MUST generate an HTTP-date as an IMF-fixdate (the obsolete forms are for recipients to read).
 * A fraction such as `0.916` matches neither.
 */
const RETRY_AFTER_PATTERN = `^(?:[0-9]+|${IMF_FIXDATE_PATTERN})$`;

// Generic over the literal values so that `as const` below keeps them: types are derived from them.
const requestString = <const M extends number, const D extends string>(maxLength: M, description: D) =>
  ({ type: 'string', maxLength, description }) as const;

const responseString = requestString;

/**
 * A request field or Customer property the stored documentation page does not print, with the
 * decision to carry it anyway: the OpenAPI extension `x-decision`, in words or as the id of an entry in
 * `documentation-contradictions.ts`. The drift check accepts such a field and fails on one without.
 * The extension stays out of the literal type, as the OpenAPI types have no room for `x-` keys and
 * no type is derived from it.
 */
export const beyondPage = <const S extends object>(schema: S, decision: string): S => ({ ...schema, 'x-decision': decision }) as S;

/**
 * How the suite judges a request field that no Customer property shows, and how the simulator
 * matches it: the decision a result cannot reveal, recorded beside the field (`x-matching`).
 * - `judgedBy`: `relations`, the fixed narrowing cases add it to searches that found the known
 *   customer, and no customer may join the answer (criteria-narrow-results), besides the baseline;
 *   `baseline`, the behaviour baseline records how many customers each case sending it finds, so a
 *   provider that starts or stops comparing it is reported as drift.
 * - `simulator`: `held-beside`, the simulator keeps values of the field beside each customer (the
 *   known customer holds the page example's value, else one derived inside the field's limits) and
 *   a customer matches only when it holds the sent value; a provider that ignores the field then
 *   answers otherwise, and the baseline shows it.
 */
export interface MatchingDecision {
  readonly judgedBy: 'relations' | 'baseline';
  readonly simulator: 'held-beside';
  /** Why, in a sentence. */
  readonly why: string;
}

/**
 * A request field no Customer property shows, with its matching decision (`x-matching`). Without
 * one, the criteria's derivation cannot place the field and the drift check fails naming it. Like
 * `x-decision`, the extension stays out of the literal type.
 */
export const matchedBeside = <const S extends object>(schema: S, matching: MatchingDecision): S => ({ ...schema, 'x-matching': matching }) as S;

const NOT_SHOWN = 'The page offers it "to match" and no Customer property shows it: the provider matches it on data it does not return.';

/*
 * `as const` keeps every literal (limits, field names, the requirement tree) in the type, so
 * `search-customer-types.ts` derives the request and response types from the schemas themselves;
 * `satisfies` still checks the document against the OpenAPI 3.1 types.
 */
export const searchCustomerContract = {
  openapi: '3.1.0',
  info: {
    title: 'Connect API - Search customer - client mode',
    version: '1',
    description:
      'Retrieve one or more customers. Only the client needs to be logged in (OAuth 2.0 client credentials).',
  },
  servers: [
    { url: 'https://api.mediaconnect.no/capi', description: 'Production' },
    { url: 'https://api-test.mediaconnect.no/capi', description: 'Test (from public client code, not the page)' },
  ],
  security: [{ Client_Credentials: ['read'] }],
  tags: [{ name: 'Customer', description: 'Customer operations of the Connect API.' }],
  paths: {
    '/v1/client/customer/search': {
      post: {
        operationId: 'searchCustomerClientMode',
        tags: ['Customer'],
        summary: 'Search customer - client mode',
        description:
          'Searches customers by phone number, by email, or by name and address; productCode and further criteria narrow the result. At most 5 customers are returned.',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/SearchCustomerRequest' } },
          },
        },
        responses: {
          '200': {
            description: 'OK. The list is empty (or absent) when no customer is found.',
            headers: {
              'X-Mediaconnect-Api-Version': { $ref: '#/components/headers/X-Mediaconnect-Api-Version' },
              'X-RateLimit-Remaining': { $ref: '#/components/headers/X-RateLimit-Remaining' },
              'X-RateLimit-Reset': { $ref: '#/components/headers/X-RateLimit-Reset' },
            },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/SearchCustomerResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/Error' },
          '403': { $ref: '#/components/responses/Error' },
          '429': {
            description: `Too Many Requests (RFC 6585 §4): past ${DOCUMENTED_RATE_LIMITS.perSecond} calls a second or ${DOCUMENTED_RATE_LIMITS.perMinute} a minute per client (vendor facts).`,
            headers: {
              'Retry-After': { $ref: '#/components/headers/Retry-After' },
              'X-RateLimit-Remaining': { $ref: '#/components/headers/X-RateLimit-Remaining' },
              'X-RateLimit-Reset': { $ref: '#/components/headers/X-RateLimit-Reset' },
            },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
            },
          },
          '500': { $ref: '#/components/responses/Error' },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      Client_Credentials: {
        type: 'oauth2',
        description: 'Authorization: Bearer <access token>. Token lifetime 12 h by default.',
        flows: {
          clientCredentials: {
            tokenUrl: 'https://connectid.no/user/oauth/token',
            refreshUrl: 'https://connectid.no/user/oauth/token',
            scopes: { read: 'For all access' },
          },
        },
      },
    },
    headers: {
      'X-Mediaconnect-Api-Version': {
        description: 'Project version the response is based on.',
        required: false,
        schema: { type: 'string', minLength: 1 },
      },
      'X-RateLimit-Remaining': {
        description: 'Requests left before a 429.',
        required: false,
        schema: { type: 'integer', minimum: 0 },
      },
      'X-RateLimit-Reset': {
        description: 'Seconds before the rate limit resets (see contradiction rate-limit-reset-unit).',
        required: false,
        schema: { type: 'integer', minimum: 0 },
      },
      'Retry-After': {
        description: 'How long to wait before a new request. RFC 6585 §4 names it for a 429; the page does not mention it, so it is judged only when sent.',
        required: false,
        // The schema's description says the pattern in words: a finding quotes it rather than the expression.
        schema: { type: 'string', pattern: RETRY_AFTER_PATTERN, description: 'delay-seconds (whole seconds, 1*DIGIT) or an HTTP-date as an IMF-fixdate (RFC 9110 §10.2.3, §5.6.7)' },
      },
    },
    responses: {
      Error: {
        description: 'Documented error (400 Bad Request, 403 Forbidden, 429 Too Many Requests, 500 Server Error).',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
        },
      },
    },
    schemas: {
      SearchCustomerRequest: {
        type: 'object',
        description:
          'Search by phoneNumber, by email, or by name and address: (companyName or lastName) and streetAddress and (postalCode or postalPlace).',
        properties: {
          productCode: matchedBeside(requestString(12, 'Product code to match in search.'), { judgedBy: 'relations', simulator: 'held-beside', why: `${NOT_SHOWN} Customers hold products, and a product the customer lacks must never widen a search.` }),
          companyName: requestString(40, 'Company name to match in a name/address search.'),
          departmentName: requestString(40, 'Department name to match in a name/address search.'),
          firstName: requestString(30, 'First name to match in a name/address search.'),
          middleName: requestString(30, 'Middle name to match in a name/address search.'),
          lastName: requestString(30, 'Last name to match in a name/address search.'),
          careOfAddress: matchedBeside(requestString(40, 'Care of address to match in a name/address search.'), { judgedBy: 'baseline', simulator: 'held-beside', why: NOT_SHOWN }),
          streetAddress: requestString(40, 'Street name to match in a name/address search.'),
          streetNumber: { type: 'integer', description: 'Street number to match in a name/address search.' },
          entrance: matchedBeside(requestString(12, 'Entrance to match in a name/address search.'), { judgedBy: 'baseline', simulator: 'held-beside', why: NOT_SHOWN }),
          postalCode: requestString(10, 'Postal code to match in a name/address search.'),
          postalPlace: requestString(30, 'Postal place to match in a name/address search.'),
          countryCode: requestString(3, 'Country code to match in a search (see contradiction country-code-standard).'),
          phoneNumber: {
            type: 'string',
            maxLength: 20,
            pattern: E164_PATTERN,
            description: 'Phone number to match in a search; has to follow E.164.',
          },
          email: { type: 'string', maxLength: 255, format: 'email', description: 'Email to match in a search.' },
        },
        anyOf: [
          { title: 'phone search', required: ['phoneNumber'] },
          { title: 'email search', required: ['email'] },
          {
            title: 'name/address search',
            allOf: [
              { anyOf: [{ required: ['companyName'] }, { required: ['lastName'] }] },
              { required: ['streetAddress'] },
              { anyOf: [{ required: ['postalCode'] }, { required: ['postalPlace'] }] },
            ],
          },
        ],
      },
      SearchCustomerResponse: {
        type: 'object',
        properties: {
          customers: {
            type: 'array',
            maxItems: 5,
            description: 'Customers found, at most 5.',
            items: { $ref: '#/components/schemas/Customer' },
          },
        },
      },
      Customer: {
        type: 'object',
        properties: {
          customerNumber: { type: 'integer', description: 'Customer number' },
          companyName: responseString(40, 'Company name'),
          departmentName: responseString(40, 'Department name'),
          firstName: responseString(30, 'First name'),
          middleName: responseString(30, 'Middle name'),
          lastName: responseString(30, 'Last name'),
          streetAddress: responseString(40, 'Street address'),
          streetNumber: { type: 'integer', description: 'Street number' },
          postalCode: responseString(10, 'Postal code street address'),
          postalPlace: responseString(30, 'Postal place street address'),
          postalAddress: responseString(40, 'Postal address'),
          postalAddressPostalCode: responseString(10, 'Postal code postal address'),
          postalAddressPostalPlace: responseString(30, 'Postal place postal address'),
          countryCode: responseString(3, 'Country code'),
          emails: {
            type: 'object',
            description: 'List with emails',
            properties: { email: { type: 'array', items: { type: 'string' } } },
          },
          phoneNumbers: {
            type: 'array',
            description: 'List with phone numbers',
            items: {
              type: 'object',
              properties: {
                phoneNumber: { type: 'string' },
                isMobile: { type: 'boolean' },
              },
            },
          },
        },
      },
      ErrorResponse: {
        type: 'object',
        description:
          'Shape seen in public client code for 400 ({exceptionType, errorMessage}); only checked when the body is JSON.',
        properties: {
          exceptionType: { type: 'string' },
          errorMessage: { type: 'string' },
        },
      },
    },
  },
} as const satisfies DeepReadonly<OpenAPIV3_1.Document>;
