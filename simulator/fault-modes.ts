import { requestFields, SEARCH_REQUIREMENT_POINTER } from '../contracts/contract-reader';
import type { RuleName } from '../contracts/contract-rules';
import { DOCUMENTED_RATE_LIMITS } from '../contracts/documented-rate-limits';
import type { Customer, SearchRequestBody } from '../contracts/search-customer-types';
import type { ProviderBehaviour } from './provider-behaviour';
import type { SeedCustomer } from './seed-customers';
import { modeRegistry, type ModeDefinition } from './mode-registry';

/** One named way for the simulator to break exactly one documented rule. */
export interface FaultModeDefinition extends ModeDefinition {
  /** The rule the contract suite must name when it runs against this fault. */
  readonly breaks: RuleName;
  /**
   * Why the monitor's production probes cannot see this fault; default none: a named probe reports
   * `breaks` within one run (tests/monitor-outcomes.spec.ts finds which).
   */
  readonly unseenInProduction?: string;
  /**
   * The README's row for a fault mode that is not the first of its rule (the rules table names that
   * one): what the provider does and what catches it, in a few words (the self-check pins the case).
   */
  readonly readme?: { readonly does: string; readonly caughtBy: string };
}

const FIELD_LIMITS = new Map(requestFields().flatMap((field) => (field.maxLength === undefined ? [] : [[field.name, field.maxLength] as const])));
const REQUEST_FIELDS = new Set(requestFields().map((field) => field.name));

/** True when some string field measures past its limit in the given unit. */
const pastLimit = (search: SearchRequestBody, measure: (text: string) => number): boolean =>
  Object.entries(search).some(([name, value]) => {
    const limit = FIELD_LIMITS.get(name);
    return typeof value === 'string' && limit !== undefined && measure(value) > limit;
  });

/** The string values of a parsed body's top level. */
const stringValues = (body: unknown): string[] => (isObjectValue(body) ? Object.values(body as object).filter((value): value is string => typeof value === 'string') : []);
/** A value read as nothing: null, or a string of whitespace alone. */
const blank = (value: unknown): boolean => value === null || (typeof value === 'string' && value.trim() === '');
const isObjectValue = (body: unknown): boolean => typeof body === 'object' && body !== null && !Array.isArray(body);
/** One property of a body that is a JSON object; undefined for any other body. */
const propertyOf = (body: unknown, name: string): unknown => (isObjectValue(body) ? (body as Record<string, unknown>)[name] : undefined);
const crashOnString = (test: (value: string) => boolean, exceptionType: string) => (body: unknown) => (stringValues(body).some(test) ? crashWith(exceptionType) : undefined);

/** The customers holding a product code (compared without case). */
const holdersOf = (customers: readonly SeedCustomer[], productCode: string): Customer[] =>
  customers.filter((seed) => (seed.held.productCode ?? []).some((code) => String(code).toLowerCase() === productCode.toLowerCase())).map((seed) => seed.customer);

/** A criterion taken as an alternative: the customers `joining` names join the answer of the search without it. */
const widenedBy = (field: 'productCode' | 'firstName', joining: (value: string, customers: readonly SeedCustomer[]) => Customer[]): ProviderBehaviour => ({
  results: (matched, { search, customers, cap, match }) => {
    const value = search[field];
    if (typeof value !== 'string') return matched.slice(0, cap);
    const { [field]: _, ...rest } = search;
    return [...new Set([...match(rest), ...joining(value, customers)])].slice(0, cap);
  },
});

const crashWith = (exceptionType: string) => ({ status: 500, body: JSON.stringify({ exceptionType, errorMessage: 'Internal error' }) });
const isObject = (body: unknown): boolean => typeof body === 'object' && body !== null && !Array.isArray(body);

/**
 * Named ways for the simulator to break exactly one documented rule, each a self-contained object:
 * the rule it breaks and the hook it bends. The self-check runs the contract suite against each and
 * expects `breaks` among the failures; the monitor tests expect the matching outcome and rule label.
 */
export const faultModes = {
  'six-customers': {
    breaks: 'result-cap',
    description: 'Returns up to 6 customers instead of 5.',
    behaviour: { results: (matched, { cap }) => matched.slice(0, cap + 1) },
  },
  'max-length-unenforced': {
    breaks: 'field-max-length',
    description: 'Accepts strings past their maxLength (a 41-character companyName).',
    behaviour: { ignoresViolation: (violation) => violation.keyword === 'maxLength' },
  },
  'max-length-off-by-one': {
    breaks: 'valid-search-accepted',
    description: 'Refuses strings of exactly their maxLength.',
    behaviour: { refuses: (search) => pastLimit(search, (text) => [...text].length + 1) },
  },
  'incomplete-search-accepted': {
    breaks: 'search-requirement',
    description: 'Answers 200 to a search that lacks the required fields.',
    behaviour: { ignoresViolation: (violation) => violation.contractPath.startsWith(SEARCH_REQUIREMENT_POINTER) },
  },
  'blank-criterion-counted': {
    breaks: 'search-requirement',
    readme: { does: 'counts a criterion sent as null, "" or blank towards the requirement, checking formats only of values it reads', caughtBy: 'the requirement\'s fields sent as null, and a phone or email as "" or blank' },
    unseenInProduction: 'the named probes send one near miss of the requirement, with a field left out; the rotation sends the blank criteria',
    description: 'Checks the search requirement by which fields are present and formats only of values it reads, so a phoneNumber sent as "" or null meets the requirement and filters nothing: the first five customers come back.',
    behaviour: { ignoresViolation: (violation, body) => violation.instancePath !== '' && blank(propertyOf(body, violation.instancePath.slice(1))) },
  },
  'format-unenforced': {
    breaks: 'field-format',
    description: 'Accepts emails and phone numbers of any shape.',
    behaviour: { ignoresViolation: (violation) => violation.keyword === 'format' || violation.keyword === 'pattern' },
  },
  'type-unenforced': {
    breaks: 'field-type',
    description: 'Accepts a word for the integer streetNumber.',
    behaviour: { ignoresViolation: (violation) => violation.keyword === 'type' },
  },
  'postal-code-as-number': {
    breaks: 'response-schema',
    description: 'Returns postalCode as a number (179), losing the leading zero.',
    behaviour: {
      presentCustomer: (customer) => (customer.postalCode === undefined ? { ...customer } : { ...customer, postalCode: Number(customer.postalCode) }),
    },
  },
  'no-token-accepted': {
    breaks: 'auth-required',
    description: 'Answers 200 to a search without a token.',
    behaviour: { acceptsAnonymous: true },
  },
  'unauthorized-without-challenge': {
    breaks: 'challenge-on-401',
    description: 'Refuses a search without a valid token 401 with no WWW-Authenticate at all, as a gateway that sends the status alone (RFC 9110 §15.5.2: a 401 MUST carry a challenge).',
    behaviour: { tokenRefusal: () => ({ status: 401 }) },
  },
  'challenge-description-non-ascii': {
    breaks: 'bearer-challenge',
    description: 'Refuses a search without a valid token 401 with a Bearer challenge whose error_description is Norwegian text with ø and å (RFC 6750 §3 allows printable ASCII only).',
    behaviour: { tokenRefusal: () => ({ status: 401, challenge: 'Bearer realm="simulator", error_description="Tilgangsnøkkel mangler eller er ugyldig; prøv på nytt"' }) },
  },
  'bare-bearer-challenge': {
    breaks: 'bearer-challenge',
    readme: { does: 'refuses a search without a valid token 401 with `WWW-Authenticate: Bearer` and nothing after it', caughtBy: 'the auth cases (RFC 6750 §3: the scheme MUST be followed by one or more auth-params)' },
    description: 'Refuses a search without a valid token 401 with a bare `WWW-Authenticate: Bearer` (RFC 6750 §3: the scheme MUST be followed by one or more auth-param values, realm at the least).',
    behaviour: { tokenRefusal: () => ({ status: 401, challenge: 'Bearer' }) },
  },
  'token-signature-unchecked': {
    breaks: 'auth-required',
    readme: { does: 'checks only the start of a token, never its signature', caughtBy: 'an issued token with one character of its last part changed (RFC 6750 §5.1)' },
    unseenInProduction: 'production probes send no forged token; the contract suite and the rotation cover it',
    description: 'Checks only the start of a token (the part a JWT keeps its claims in), never its end (the signature).',
    behaviour: { matchesIssuedToken: (presented, issued) => presented.length === issued.length && presented.slice(0, issued.length - 8) === issued.slice(0, -8) },
  },
  'undocumented-status': {
    breaks: 'status-code-documented',
    description: 'Answers 422 instead of 400.',
    behaviour: { errorAnswer: (status, body) => ({ status: status === 400 ? 422 : status, body }) },
  },
  'text-content-type': {
    breaks: 'content-type-json',
    description: 'Serves 200 bodies as text/plain.',
    behaviour: { successContentType: 'text/plain; charset=utf-8' },
  },
  'stray-results': {
    breaks: 'results-match-criteria',
    description: 'Adds a customer without the searched phone or email to every result.',
    behaviour: {
      results: (matched, { cap, customers }) => {
        const found = matched.slice(0, cap);
        const stray = customers.map((seed) => seed.customer).find((customer) => !found.includes(customer));
        return found.length > 0 && stray ? [...found.slice(0, cap - 1), stray] : found;
      },
    },
  },
  'known-customer-missing': {
    breaks: 'known-customer-found',
    description: 'Leaves the documented example customer out of every result.',
    behaviour: { results: (matched, { cap }) => matched.filter((customer) => customer.customerNumber !== 563457).slice(0, cap) },
  },
  'bad-rate-limit-headers': {
    breaks: 'rate-limit-headers',
    description: 'Sends X-RateLimit-Remaining as "-1".',
    behaviour: { rateHeaders: (headers) => ('x-ratelimit-remaining' in headers ? { ...headers, 'x-ratelimit-remaining': '-1' } : { ...headers }) },
  },
  'error-body-not-json': {
    breaks: 'error-body',
    description: 'Declares 400 bodies as JSON but sends HTML.',
    behaviour: { errorAnswer: (status, body) => (status === 400 ? { status, body: '<html><body>Bad Request</body></html>', contentType: 'application/json' } : { status, body }) },
  },
  'prefer-ignored': {
    breaks: 'forced-error-status',
    unseenInProduction: 'production probes never ask for errors with Prefer; the contract suite covers it',
    description: 'Ignores `Prefer: code=NNN`.',
    behaviour: { ignoresPrefer: true },
  },
  'crash-on-undocumented-field': {
    breaks: 'no-server-error',
    description: 'Answers 500 to a request with a property the contract does not list (a strict binder whose error nobody handles).',
    behaviour: {
      crash: (body) =>
        isObject(body) && Object.keys(body as object).some((name) => !REQUEST_FIELDS.has(name)) ? crashWith('UnrecognizedPropertyException') : undefined,
    },
  },
  'crash-on-non-object-body': {
    breaks: 'invalid-body-refused',
    description: 'Answers 500 to JSON that is not an object (a null dereferenced, an array cast).',
    behaviour: { crash: (body) => (isObject(body) ? undefined : crashWith('NullPointerException')) },
  },
  'limit-counted-in-bytes': {
    breaks: 'valid-search-accepted',
    readme: { does: 'counts maxLength in UTF-8 bytes', caughtBy: 'the Nordic longest value of every field' },
    description: 'Counts maxLength in UTF-8 bytes: "Bjørnstjerne Ødegård" at the limit is refused.',
    behaviour: { refuses: (search) => pastLimit(search, (text) => Buffer.byteLength(text)) },
  },
  'limit-counted-in-utf16': {
    breaks: 'valid-search-accepted',
    readme: { does: 'counts maxLength in UTF-16 units', caughtBy: 'astral text at every limit; generated text' },
    unseenInProduction: "the coverage phase's astral class breaks it: the rotation sends it",
    description: 'Counts maxLength in UTF-16 code units (Java and JavaScript `length`): characters beyond the BMP count twice.',
    behaviour: { refuses: (search) => pastLimit(search, (text) => text.length) },
  },
  'product-code-widens': {
    breaks: 'criteria-narrow-results',
    description: 'Treats productCode as an alternative: customers holding the product join any result.',
    behaviour: widenedBy('productCode', (productCode, customers) => holdersOf(customers, productCode)),
  },
  'crash-on-astral': {
    breaks: 'no-server-error',
    readme: { does: '500 on text beyond the BMP (a 3-byte utf8 column)', caughtBy: 'astral text class' },
    unseenInProduction: 'a coverage-phase class: the rotation sends it',
    description: 'Answers 500 to text beyond the Basic Multilingual Plane (a 3-byte utf8 database column refusing emoji).',
    behaviour: { crash: crashOnString((value) => /[\u{10000}-\u{10FFFF}]/u.test(value), 'SQLException') },
  },
  'crash-on-blank': {
    breaks: 'no-server-error',
    readme: { does: '500 on a value of only whitespace', caughtBy: 'whitespace-only class' },
    unseenInProduction: 'a coverage-phase class: the rotation sends it',
    description: 'Answers 500 to a value of only whitespace (trimmed to nothing, then dereferenced).',
    behaviour: { crash: crashOnString((value) => value.length > 0 && value.trim() === '', 'NullPointerException') },
  },
  'crash-on-control-character': {
    breaks: 'no-server-error',
    readme: { does: '500 on a control character (an XML backend)', caughtBy: 'control-character and NUL classes' },
    unseenInProduction: 'a coverage-phase class: the rotation sends it',
    description: 'Answers 500 to a control character in a value (an XML backend: "invalid XML character").',
    behaviour: { crash: crashOnString((value) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(value), 'SAXParseException') },
  },
  'crash-on-undecodable-body': {
    breaks: 'no-server-error',
    readme: { does: '500 on a body that is not UTF-8', caughtBy: 'Latin-1 and invalid UTF-8 bodies' },
    unseenInProduction: 'a coverage-phase class: the rotation sends it',
    description: 'Answers 500 to a body whose bytes are not UTF-8 (Latin-1, stray bytes) instead of refusing or replacing them.',
    behaviour: { crash: crashOnString((value) => value.includes('\uFFFD'), 'CharacterCodingException') },
  },
  'street-number-overflow': {
    breaks: 'no-server-error',
    readme: { does: '500 on a streetNumber past 32 bits', caughtBy: 'integer edges (2147483648)' },
    unseenInProduction: 'a coverage-phase class: the rotation sends it',
    description: 'Answers 500 to a streetNumber past 32 bits (an unhandled NumberFormatException).',
    behaviour: {
      crash: (body) => {
        const value = propertyOf(body, 'streetNumber');
        return typeof value === 'number' && Math.abs(value) > 2 ** 31 - 1 ? crashWith('NumberFormatException') : undefined;
      },
    },
  },
  'json-string-body-unwrapped': {
    breaks: 'invalid-body-refused',
    readme: { does: 'parses a JSON string body once more and answers the search in it', caughtBy: 'the search sent as a JSON string' },
    description: 'Parses a body that is a JSON string once more, so a search sent as a string is answered as the search.',
    behaviour: { readsBody: (parsed) => (typeof parsed === 'string' ? (JSON.parse(parsed) as unknown) : parsed) },
  },
  'combined-criteria-refused': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses phone or email combined with name/address criteria', caughtBy: 'the page\'s own request example, as decided' },
    unseenInProduction: "the page's example: the rotation sends it",
    description: 'Refuses a search that gives a phone number or email together with name/address criteria, as the page\'s own example does.',
    behaviour: { refuses: (search) => (search.phoneNumber !== undefined || search.email !== undefined) && (search.lastName !== undefined || search.companyName !== undefined) && search.streetAddress !== undefined },
  },
  'first-name-ignored': {
    breaks: 'results-match-criteria',
    readme: { does: 'leaves firstName out of matching', caughtBy: 'a name/address search with a first name' },
    unseenInProduction: 'no named probe sends a first name; the rotation reaches the name/address search with one within its cycle',
    description: 'Leaves firstName out of matching: a name/address search with a first name finds everyone at the address.',
    behaviour: {
      results: (_matched, { search, cap, match }) => {
        const { firstName: _, ...rest } = search;
        return match(rest).slice(0, cap);
      },
    },
  },
  'product-code-falls-back': {
    breaks: 'criteria-narrow-results',
    readme: { does: 'answers a product\'s holders when no customer of the search holds it', caughtBy: 'a relation case with the profile\'s product code' },
    unseenInProduction: 'relation cases are built from a campaign\'s answers; the monitor sends fixed cases',
    description: 'When no customer of a search holds the product code, answers the customers who do instead.',
    behaviour: {
      results: (matched, { search, customers, cap }) => {
        const productCode = search.productCode;
        if (typeof productCode !== 'string' || matched.length > 0) return matched.slice(0, cap);
        return holdersOf(customers, productCode).slice(0, cap);
      },
    },
  },
  'first-name-widens': {
    breaks: 'criteria-narrow-results',
    readme: { does: 'customers with the searched first name join any result', caughtBy: 'a relation case with another customer\'s first name' },
    unseenInProduction: 'relation cases are built from a campaign\'s answers; the monitor sends fixed cases',
    description: 'Treats firstName as an alternative: customers with the searched first name join any result.',
    behaviour: widenedBy('firstName', (firstName, customers) => customers.map((seed) => seed.customer).filter((customer) => customer.firstName?.toLowerCase() === firstName.toLowerCase())),
  },
  'country-code-ignored-beside-phone': {
    breaks: 'results-match-criteria',
    readme: { does: 'leaves countryCode aside when a phone number or email is sent', caughtBy: "a search that found the known customer with a country code it does not hold added (the page: \"to match in a search\")" },
    unseenInProduction: "relation cases are built from a campaign's answers; the monitor sends fixed cases",
    description: 'Applies countryCode to name/address searches only, so a phone or email search with the code of another country still finds its customers; the page offers countryCode "to match in a search", as it does the phone number and email.',
    behaviour: {
      results: (matched, { search, cap, match }) => {
        if (search.countryCode === undefined || (search.phoneNumber === undefined && search.email === undefined)) return matched.slice(0, cap);
        const { countryCode: _, ...rest } = search;
        return match(rest).slice(0, cap);
      },
    },
  },
  'undocumented-method-served': {
    breaks: 'undocumented-method-refused',
    unseenInProduction: 'production is sent the documented POST only: undocumented methods stay in the gate',
    description: 'Answers GET, PUT, DELETE and PATCH on the search path with 200 and an empty list, as a catch-all route would.',
    behaviour: { otherMethod: () => ({ status: 200, body: JSON.stringify({ customers: [] }) }) },
  },
  'allow-header-missing': {
    breaks: 'allow-header-on-405',
    unseenInProduction: 'production is sent the documented POST only: undocumented methods stay in the gate',
    description: 'Refuses an undocumented method with 405 but sends no Allow header.',
    behaviour: { otherMethod: () => ({ status: 405, body: JSON.stringify({ exceptionType: 'MethodNotAllowedException', errorMessage: 'Method not allowed' }) }) },
  },
  'basic-auth-refused': {
    breaks: 'client-basic-auth',
    unseenInProduction: "the token endpoint's client authentication is the gate's: the monitor negotiates its own, and searches with it",
    description: 'The token endpoint takes client credentials only in the form body; HTTP Basic gets 401 invalid_client (RFC 6749 §2.3.1 makes Basic the one method every server must support). A client that falls back to the body searches as before.',
    behaviour: { acceptsClientAuth: (method: 'basic' | 'body') => method === 'body' },
  },
  'token-cacheable': {
    breaks: 'token-no-store',
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor searches with the token it negotiated and cached",
    description: 'The token endpoint answers with Cache-Control: no-cache, private instead of no-store, so a shared cache may keep a token (RFC 6749 §5.1).',
    behaviour: { tokenCacheControl: 'no-cache, private' },
  },
  'bearer-scheme-case-sensitive': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses a good token sent under `bearer` in lower case', caughtBy: 'the search whose scheme name is written in lower case (RFC 9110 §11.1)' },
    unseenInProduction: "the named probes send the client's own `Bearer`; the rotation sends the lower-case scheme",
    description: 'Reads the Authorization header\'s scheme name case-sensitively, so a good token sent as "bearer <token>" is refused (RFC 9110 §11.1: the scheme name is case-insensitive).',
    behaviour: { schemeCaseSensitive: true },
  },
  'bearer-single-space-only': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses a good token parted from `Bearer` by two spaces', caughtBy: 'the search whose credentials hold two spaces (RFC 6750 §2.1: 1*SP)' },
    unseenInProduction: "the named probes send the client's own `Bearer ` and one space; the rotation sends the two spaces",
    description: 'Reads exactly one space between "Bearer" and the token, so a good token sent as "Bearer  <token>" is refused as malformed (RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token).',
    behaviour: { oneSpaceOnly: true },
  },
  'accept-json-only': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses with 406 every Accept but `application/json` spelled so, `*/*` and none at all too', caughtBy: 'the searches asking for JSON otherwise (RFC 9110 §12.5.1)' },
    unseenInProduction: "the named probes send the client's own `Accept: application/json`; the rotation sends the others",
    description: 'Answers 406 to a search whose Accept is anything but "application/json" as written: */* (what curl sends), application/*, capitals, weights, and no Accept at all, each of which admits JSON (RFC 9110 §12.5.1).',
    behaviour: { refusesAccept: (accept) => accept !== 'application/json' },
  },
  'expect-continue-ignored': {
    breaks: 'expect-continue',
    unseenInProduction: 'the monitor sends no Expect: a provider that waits for the content would hold its probes past their deadline',
    description: 'Waits for the content of a search sent with Expect: 100-continue without answering 100 Continue, so a client that waits for it stalls (RFC 9110 §10.1.1: the server MUST NOT wait for the content).',
    behaviour: { ignoresExpectContinue: true },
  },
  'media-type-case-sensitive': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses `APPLICATION/JSON` as a Content-Type with 415', caughtBy: 'the searches sent with the media type spelled otherwise (RFC 9110 §8.3.1)' },
    unseenInProduction: 'the named probes send the client\'s own application/json; the rotation sends the other spellings',
    description: 'Compares the request Content-Type with application/json case-sensitively and answers 415 to APPLICATION/JSON (RFC 9110 §8.3.1: type and subtype are case-insensitive).',
    behaviour: { refusesMediaType: (contentType) => !/^application\/json(\s*;|$)/.test(contentType ?? 'application/json') },
  },
  'media-type-parameters-need-space': {
    breaks: 'valid-search-accepted',
    readme: { does: 'reads the media type as what comes before `; `, so `application/json;charset=utf-8` gets 415', caughtBy: 'the searches sent with the media type spelled otherwise (RFC 9110 §5.6.6: whitespace around ";" optional)' },
    unseenInProduction: "the named probes send the client's own application/json; the rotation sends the other spellings",
    description: 'Splits the request Content-Type at "; " (a semicolon and a space) to find the media type, so a parameter written without the space makes it unknown and gets 415 (RFC 9110 §5.6.6: `OWS ";" OWS`).',
    behaviour: { refusesMediaType: (contentType) => (contentType ?? 'application/json').split('; ')[0]?.trim().toLowerCase() !== 'application/json' },
  },
  'json-escape-hex-lowercase-only': {
    breaks: 'valid-search-accepted',
    readme: { does: 'refuses a \\u escape written with uppercase hex digits as not JSON', caughtBy: 'the searches spelled with every character escaped (RFC 8259 §7, §9)' },
    unseenInProduction: 'the named probes send the JSON the client writes, which escapes no letter; the rotation sends the escaped spellings',
    description: 'Parses search bodies with a hand-written JSON reader that takes \\u escapes with lowercase hex digits only, and answers 400 to \\u00F8 (RFC 8259 §7: either case; §9: a parser MUST accept every conforming text).',
    behaviour: {
      parsesJson: (text: string) => {
        if (/\\u[0-9a-fA-F]{0,3}[A-F]/.test(text)) throw new SyntaxError('Unexpected escape');
        return JSON.parse(text) as unknown;
      },
    },
  },
  'token-type-missing': {
    breaks: 'token-response',
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor searches with the token it negotiated and cached",
    description: 'Issues tokens without token_type, which RFC 6749 §5.1 makes REQUIRED (a client cannot tell how to present the token).',
    behaviour: { tokenFields: ({ token_type: _omitted, ...rest }) => rest },
  },
  'empty-scope-refused': {
    breaks: 'token-request-parameters',
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor asks for its token as configured",
    description: 'Refuses a token request with scope= (no value) 400 invalid_scope, though RFC 6749 §3.2 says a parameter without a value is as if omitted, and the same request without scope gets a token.',
    behaviour: { refusesTokenForm: (form) => (form.get('scope') === '' ? 'invalid_scope' : undefined) },
  },
  'unrecognized-parameter-refused': {
    breaks: 'token-request-parameters',
    readme: { does: 'refuses a token request with a parameter it does not know 400 invalid_request', caughtBy: 'the token request with a parameter no server defines' },
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor asks for its token as configured",
    description: 'Refuses a token request holding a parameter it does not know 400 invalid_request, though RFC 6749 §3.2 says an authorization server MUST ignore unrecognized parameters.',
    behaviour: { refusesTokenForm: (form) => ([...form.keys()].some((name) => !['grant_type', 'scope', 'client_id', 'client_secret'].includes(name)) ? 'invalid_request' : undefined) },
  },
  'expires-in-as-string': {
    breaks: 'token-response',
    readme: { does: 'sends expires_in as a JSON string ("3600")', caughtBy: 'the token answers the auth cases ask for (RFC 6749 §5.1: numerical values are JSON numbers)' },
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor searches with the token it negotiated and cached",
    description: 'Issues token answers whose expires_in is a JSON string ("3600"), as a server that writes every parameter as text; RFC 6749 §5.1 says numerical values are included as JSON numbers.',
    behaviour: { tokenFields: (fields) => ({ ...fields, expires_in: String(fields.expires_in) }) },
  },
  'token-error-without-code': {
    breaks: 'token-error-response',
    unseenInProduction: 'the monitor never sends a wrong secret, and its own token requests are answered',
    description: 'Refuses a token request with its framework\'s own error body, {"message":"Bad credentials"}, not RFC 6749 §5.2\'s error code (error REQUIRED: invalid_client for a failed client authentication).',
    behaviour: { tokenErrorBody: () => ({ message: 'Bad credentials' }) },
  },
  'token-type-repeated': {
    breaks: 'token-response',
    readme: { does: 'names token_type twice in its token answers', caughtBy: 'the token answers the auth cases ask for' },
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor searches with the token it negotiated and cached",
    description: 'Issues token answers that name token_type twice ("Bearer", then "bearer"), which RFC 6749 §3.2 forbids; a JSON parser keeps one of them silently.',
    behaviour: { tokenText: (text) => text.replace(/}$/, ',"token_type":"bearer"}') },
  },
  'invalid-client-bearer-challenge': {
    breaks: 'invalid-client-challenge',
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor never sends a wrong secret",
    description: 'Refuses a wrong client secret sent by HTTP Basic 401 invalid_client, but challenges for Bearer, the API\'s scheme, not Basic, the one the client used (RFC 6749 §5.2).',
    behaviour: { clientChallenge: 'Bearer realm="simulator", error="invalid_client"' },
  },
  'basic-password-cut-at-colon': {
    breaks: 'invalid-client-challenge',
    readme: { does: 'parts a Basic user-pass at every colon, so the secret followed by `:x` is taken as the secret', caughtBy: 'the token request whose Basic password is the secret, a colon and more (RFC 7617 §2)' },
    unseenInProduction: "the token endpoint's own answers are the gate's to judge: the monitor never sends a wrong secret",
    description:
      "Splits the Basic credentials at every colon and keeps the first two parts, so a password holding a colon is cut there and `secret:anything` passes as the secret (RFC 7617 §2: a user-id holds no colon, the password is all after the first).",
    behaviour: {
      splitsUserPass: (userPass) => {
        const [user = '', password = ''] = userPass.split(':');
        return [user, password];
      },
    },
  },
  'postal-place-of-postal-address': {
    breaks: 'results-match-criteria',
    readme: { does: "compares postalPlace with a customer's postal address place when it has one", caughtBy: "a shown customer searched by its postal address's place (relation phase)" },
    unseenInProduction: "the named probes send the profile's places, which the known customer's two addresses share; the rotation holds no other customer's",
    description: "Compares a search's postalPlace with the customer's postal address place (postalAddressPostalPlace) when it has one, not with its street address's postalPlace, which the answer shows.",
    behaviour: {
      results: (matched, { search, cap, match }) => {
        const place = search.postalPlace;
        if (typeof place !== 'string') return matched.slice(0, cap);
        const { postalPlace: _compared, ...rest } = search;
        const placeOf = (customer: Customer): string => String(customer.postalAddressPostalPlace ?? customer.postalPlace ?? '').trim().toLowerCase();
        return match(rest).filter((customer) => placeOf(customer) === place.trim().toLowerCase()).slice(0, cap);
      },
    },
  },
  'phone-last-eight-digits': {
    breaks: 'results-match-criteria',
    readme: { does: 'matches a phone search on the last 8 digits alone, the country code left out', caughtBy: "the known customer's number under another country code" },
    unseenInProduction: "the named probes search by the profile's own number; the rotation sends it under another country code",
    description: "Matches a phone search against the last 8 digits of each customer's numbers alone, so +5712345678 finds the holder of +4712345678 (E.164: the country code is part of the number).",
    behaviour: {
      results: (matched, { search, customers, cap }) => {
        const sent = search.phoneNumber;
        if (typeof sent !== 'string' || Object.keys(search).length > 1) return matched.slice(0, cap);
        const lastEight = (value: string): string => value.replace(/\D/g, '').slice(-8);
        return customers
          .map((seed) => seed.customer)
          .filter((customer) => (customer.phoneNumbers ?? []).some((phone) => lastEight(phone.phoneNumber ?? '') === lastEight(sent)))
          .slice(0, cap);
      },
    },
  },
  'first-email-only': {
    breaks: 'known-customer-found',
    readme: { does: "matches an email search against each customer's first email alone", caughtBy: "the known customer searched by each email its answers show (relation phase)" },
    unseenInProduction: "the named probes search by the profile's email, the first; the rotation holds no email a first answer showed",
    description: "Matches an email search against each customer's first email alone, so the known customer's second address finds nobody (the page: \"Email to match in a search\").",
    behaviour: {
      results: (matched, { search, cap }) => {
        const wanted = typeof search.email === 'string' ? search.email.toLowerCase() : undefined;
        return (wanted === undefined ? matched : matched.filter((customer) => customer.emails?.email?.[0]?.toLowerCase() === wanted)).slice(0, cap);
      },
    },
  },
  'duplicate-customer': {
    breaks: 'customers-unique',
    description: 'Lists the first customer found twice when the answer is below the cap (a join over two phone numbers).',
    behaviour: {
      results: (matched, { cap }) => {
        const [first] = matched;
        return first !== undefined && matched.length < cap ? [...matched, first] : matched.slice(0, cap);
      },
    },
  },
  'empty-result-omitted': {
    breaks: 'customers-list-present',
    unseenInProduction: 'the search no customer can match is a fixed case: the rotation sends it',
    description: 'Answers {} instead of {"customers": []} when no customer is found (a serialiser that drops empty lists).',
    behaviour: { presentAnswer: (customers) => (customers.length === 0 ? {} : { customers }) },
  },
  'latin1-under-utf8-label': {
    breaks: 'json-utf8',
    description: 'Sends 200 bodies as ISO 8859-1 bytes under `charset=utf-8`: Ø and Å arrive as U+FFFD.',
    behaviour: { encodesSuccess: (text) => Buffer.from(text, 'latin1') },
  },
  'non-ascii-escaped-by-byte': {
    breaks: 'criteria-narrow-results',
    readme: { does: 'escapes each UTF-8 byte of a character beyond ASCII on its own (`ø` arrives as `Ã¸`)', caughtBy: "a relation case with another customer's first name, shown in the wider answer" },
    unseenInProduction: "relation cases are built from a campaign's answers; the monitor sends fixed cases",
    description:
      'Writes 200 bodies with each UTF-8 byte of a character beyond ASCII escaped as its own `\\u00XX`, as a serialiser that escapes bytes, not characters: well-formed JSON of other characters, which no schema keyword tells from the right ones.',
    behaviour: { encodesSuccess: (text) => Buffer.from(text.replace(/[^\x00-\x7f]/gu, (character) => [...Buffer.from(character, 'utf8')].map((byte) => `\\u00${byte.toString(16).padStart(2, '0')}`).join('')), 'utf8') },
  },
  'byte-order-mark': {
    breaks: 'json-utf8',
    readme: { does: 'begins every 200 body with a UTF-8 byte order mark (RFC 8259 §8.1 MUST NOT)', caughtBy: 'every 200 answer' },
    description: 'Begins every 200 body with the bytes EF BB BF, a byte order mark, which RFC 8259 §8.1 forbids in networked JSON (a serialiser writing UTF-8 "with signature").',
    behaviour: { encodesSuccess: (text) => Buffer.from(`\uFEFF${text}`, 'utf8') },
  },
  'date-missing-on-success': {
    breaks: 'date-header',
    description: 'Sends no Date header on a 200, as a server whose framework leaves the field to the application (RFC 9110 §6.6.1: an origin server with a clock MUST date every 2xx and 4xx).',
    behaviour: { dateField: (status, now) => (status === 200 ? undefined : now.toUTCString()) },
  },
  'date-in-local-format': {
    breaks: 'date-header',
    readme: { does: "writes Date as the runtime's own date text (`Mon Dec 07 2026 17:00:00 GMT+0000 (…)`)", caughtBy: 'every answer (RFC 9110 §5.6.7: an HTTP-date is generated as an IMF-fixdate)' },
    description: "Writes every Date with the runtime's own date text, not as an IMF-fixdate (RFC 9110 §5.6.7 MUST: a sender generates HTTP-dates in that one form).",
    behaviour: { dateField: (_status, now) => now.toString() },
  },
  'chunked-body-ignored': {
    breaks: 'valid-search-accepted',
    readme: { does: 'reads a search body sent chunked, without Content-Length, as empty, and refuses it 400', caughtBy: 'the search sent chunked (RFC 9112 §7.1: a recipient MUST parse the chunked coding)' },
    unseenInProduction: 'the monitor sends every search with Content-Length; the rotation sends the chunked one',
    description: 'Takes the length of a search body from Content-Length alone, so a body sent with Transfer-Encoding: chunked reads as empty and is refused 400 (RFC 9112 §7.1: a recipient MUST be able to parse the chunked transfer coding).',
    behaviour: { ignoresChunkedBody: true },
  },
  'crash-on-long-value': {
    breaks: 'no-server-error',
    readme: { does: '500 on a value past 4096 characters', caughtBy: 'the oversized class (64 KiB in companyName)' },
    unseenInProduction: 'the oversized class stays in the gate: production gets no body larger than a valid search',
    description: 'Answers 500 to a string value past 4096 characters (a fixed-size buffer overflowed).',
    behaviour: { crash: crashOnString((value) => value.length > 4096, 'BufferOverflowException') },
  },
  'fractional-retry-after': {
    breaks: 'rate-limit-headers',
    readme: { does: 'says `Retry-After: 0.916` (fractional seconds) on its 429s', caughtBy: "the rate-limit burst's 429" },
    unseenInProduction: 'the monitor paces itself under the limit and never bursts: its probes draw no 429 to carry the header',
    description:
      'Enforces the documented limits (100 calls/s, 2000/min) whatever the simulator is set to, and answers past them 429 with Retry-After: 0.916, fractional seconds outside RFC 9110 delay-seconds (1*DIGIT).',
    behaviour: {
      rateLimit: DOCUMENTED_RATE_LIMITS,
      rateLimitHint: (waitMs) => ({ 'retry-after': '0.916', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.max(1, Math.ceil(waitMs / 1000))) }),
    },
  },
} as const satisfies Record<string, FaultModeDefinition>;

export type FaultMode = keyof typeof faultModes;

const faults = modeRegistry<FaultMode>(faultModes);
export const faultModeNames = faults.names as FaultMode[];
export const isFaultMode = faults.is;
/** The behaviour of a fault mode, or none. */
export const faultBehaviour = faults.behaviour;
