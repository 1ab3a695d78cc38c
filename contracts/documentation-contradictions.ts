/**
 * Where the documentation page contradicts itself (or public knowledge about the API), what the
 * contract decided and what the suite therefore asserts. The drift check reads `exampleViolations`:
 * the documented examples must break the contract at exactly these contract paths and nowhere else,
 * so a new contradiction (or a fixed one) is reported the day the page or the contract changes.
 */
export interface DocumentationContradiction {
  /** Stable identifier, referenced from the contract and the README. */
  readonly id: string;
  readonly documented: string;
  readonly decision: string;
  /** What the suite deliberately does not assert because a reasonable provider could differ. */
  readonly notAsserted: string;
  /** Contract paths the page's own examples break because of this contradiction. */
  readonly exampleViolations?: { readonly request?: readonly string[]; readonly response?: readonly string[] };
  /** Request fields results-match-criteria does not compare with the customers found, because of this contradiction. */
  readonly unjudgedCriteria?: readonly string[];
}

export const documentationContradictions: readonly DocumentationContradiction[] = [
  {
    id: 'postal-code-type',
    documented:
      'The field tables type postalCode as a string of at most 10 characters; both examples send and return it as the number 179.',
    decision:
      'postalCode is a string in requests and responses: Norwegian postal codes keep their leading zero (0179), which a number loses. The suite sends "0179".',
    notAsserted:
      'How a provider treats a numeric postalCode in a request (accepting it, coercing it or refusing it are all reasonable).',
    exampleViolations: {
      request: ['#/components/schemas/SearchCustomerRequest/properties/postalCode/type'],
      response: ['#/components/schemas/Customer/properties/postalCode/type'],
    },
  },
  {
    id: 'country-code-standard',
    documented: 'countryCode is "in ISO 3166-2 format" with at most 3 characters, and the example is "NO".',
    decision:
      'ISO 3166-2 codes are subdivisions ("NO-03", 5 characters and more) and cannot fit 3 characters; "NO" is ISO 3166-1 alpha-2. The contract keeps only the 3-character limit.',
    notAsserted:
      'Any pattern or code list for countryCode, and how a sent code matches a held one (a provider may match "NOR" to "NO", or "NO" to "NO-03"): returned customers are not compared with a sent countryCode.',
    unjudgedCriteria: ['countryCode'],
  },
  {
    id: 'customer-number-criterion',
    documented:
      'The text says "in combination with customer number and name, you can also fill in the product", but no customerNumber request field is documented.',
    decision: 'The request schema has no customerNumber; the suite never sends one and does not forbid unknown fields.',
    notAsserted: 'Whether a provider accepts, ignores or refuses a customerNumber or any other undocumented request field.',
  },
  {
    id: 'forbidden-vs-unauthorized',
    documented:
      'The page documents 403 and no 401; sibling client-mode operations document neither, and public client code expects 401 invalid_token (RFC 6750) for a bad or expired token.',
    decision:
      'A request without a valid token must be refused with 403 (documented); 401 is accepted too on such requests, and only on them.',
    notAsserted: 'Which of 401 and 403 answers a missing, malformed, unknown or expired token; the error body of either.',
  },
  {
    id: 'empty-string-criteria',
    documented: 'The request example sends careOfAddress as ""; the requirement rule says fields must be "set".',
    decision: 'An empty string is a valid value for the schema (no minLength is documented).',
    notAsserted:
      'Whether an empty string counts as "set" for the search requirement; the suite never builds a search from empty strings.',
  },
  {
    id: 'empty-result-shape',
    documented: '"The list is empty if no customer is found", yet customers is marked optional.',
    decision: 'Both {"customers": []} and {} are conforming empty results.',
    notAsserted: 'Which of the two empty shapes a provider returns.',
  },
  {
    id: 'phone-number-notation',
    documented: 'phoneNumber "has to follow E.164" with at most 20 characters; E.164 allows at most 15 digits.',
    decision:
      'The contract requires "+", a non-zero first digit and at most 15 digits (16 characters). Values such as 16 digits still fit maxLength 20 and must be refused.',
    notAsserted:
      'Whether digits without the leading "+" (E.164 proper has no "+") or with spaces are refused; the suite does not send them.',
  },
  {
    id: 'response-value-formats',
    documented:
      'Response emails and phone numbers have no documented format, and may hold data stored before validation existed.',
    decision: 'Response emails and phone numbers are checked as strings, not against the request formats.',
    notAsserted: 'Email format or E.164 on returned data.',
  },
  {
    id: 'emails-wrapper-shape',
    documented:
      'The search response nests emails as {"email": [...]}; the sibling "List customer info" returns emails as an array of strings, and the XML heritage of the API can turn a single-element list into a scalar.',
    decision: 'The contract follows this page: emails is an object whose email member is an array of strings.',
    notAsserted: 'Nothing is relaxed: a scalar email would break integrations that read an array, so it fails response-schema.',
  },
  {
    id: 'error-bodies',
    documented: 'No body is documented for 400, 403, 429 or 500; client code shows 400 bodies as {exceptionType, errorMessage}.',
    decision:
      'A JSON error body must be an object whose exceptionType and errorMessage, when present, are strings. Non-JSON error bodies (seen on 5xx) are accepted.',
    notAsserted: 'The presence of either member, or any content type on an error.',
  },
  {
    id: 'rate-limit-reset-unit',
    documented:
      'X-RateLimit-Reset is described as "remaining epoch seconds before the rate limit resets. Renew every 60 seconds"; no Retry-After is documented.',
    decision:
      'The header must be a non-negative integer when present. Clients wait Retry-After, else X-RateLimit-Reset read as seconds (or as an epoch when larger than a day), else back off exponentially.',
    notAsserted: 'Whether the value is a duration or an epoch; the presence of any rate-limit header.',
  },
  {
    id: 'result-cap-fill',
    documented: '"Number of customers in response are limited to 5 customers."',
    decision: 'A search known to match more than 5 customers must return between 1 and 5.',
    notAsserted: 'That exactly 5 are returned, or which 5.',
  },
  {
    id: 'text-characters',
    documented: 'Field tables give types and lengths only: nothing says which characters a name or address may hold, or how whitespace is treated.',
    decision:
      'Any printable character counts, in code points as JSON Schema counts maxLength. Generated text draws on Nordic letters and all of Unicode, starts and ends with a letter or digit, and holds no control, private-use, unassigned or lone surrogate code point.',
    notAsserted: 'How a provider treats control characters, lone surrogates, or values with leading, trailing or only whitespace.',
  },
  {
    id: 'scalar-coercion',
    documented: 'Fields are typed String or Integer, and the page\'s own example sends postalCode, a String, as a number.',
    decision:
      'Common JSON binders coerce scalars (a number or boolean into a string, a numeric string or a decimal into an integer) and read null as absent. The wrong types sent are those none of them coerces: an object for a string; a word, an array, an object or a boolean for an integer.',
    notAsserted: 'How a provider treats a coercible scalar or null in any field.',
  },
  {
    id: 'request-size',
    documented: 'No request size limit is documented.',
    decision: 'The largest request sent is a 64 KiB value, past every field limit (so 400 is due) and below the 1 MiB that proxies commonly allow.',
    notAsserted: 'The answer to bodies past 1 MiB, which a proxy may refuse with 413 before the API sees them.',
  },
  {
    id: 'name-address-matching',
    documented:
      'Fields are "to match in a search" (phoneNumber, email, countryCode, productCode) or "to match in a name/address search" (names and address), without saying how (exact, prefix, fuzzy, case); the requirement offers "companyName or lastName" and "postalCode or postalPlace"; productCode "will shrink search result".',
    decision:
      'Every customer returned is compared with every criterion sent that a Customer property shows (derived from the contract: a request field with the name of a Customer property, phoneNumber in phoneNumbers[].phoneNumber, email in emails.email[]): text ignoring case and surrounding whitespace (the page says nothing of case), a held value that starts with the sent one allowed (a provider may match prefixes), digit strings by value (postalCode "0179" equals 179), streetNumber by equality, phone numbers by their digits. A customer meets alternatives of the requirement sent together (companyName and lastName, postalCode and postalPlace, phoneNumber and email) through either, so adding one alternative to the other is not narrowing. A phone or email search is judged on the phone number and email only; a search that meets the name/address branch, on every criterion. Adding a criterion (productCode, a name, the known customer\'s own values or another customer\'s) never adds a customer to a result below the cap of 5.',
    notAsserted:
      'Anything about a customer that lacks the field (it may match on data the response does not show); criteria no Customer property shows (productCode, careOfAddress, entrance); names and addresses sent beside a phone or email search alone; how a capped result (5 customers) relates to a narrower one; whether the narrower search drops any customer.',
  },
];
