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
  /** What the decision puts in place of the page's example values, so the example can be sent as decided. */
  readonly exampleRepair?: { readonly request?: Readonly<Record<string, unknown>> };
  /** Request fields the decision singles out, where it concerns some fields only. */
  readonly fields?: readonly string[];
  /**
   * Realistic codes the suite sends where a 200 is due, by request field, for fields whose content
   * the decision takes to be codes: the first one is the coverage phase's filler, and generated
   * searches draw codes of the same shapes (letters for letters, digits for digits).
   */
  readonly codes?: Readonly<Record<string, readonly string[]>>;
  /** Request fields results-match-criteria does not compare with the customers found, because of this contradiction. */
  readonly unjudgedCriteria?: readonly string[];
  /**
   * Request fields whose codes name countries: a sent code and a held one are told apart only when
   * both name a country and the countries differ (an ISO 3166-1 alpha-2 code, the alpha-2 prefix of
   * an ISO 3166-2 subdivision, or a code of `otherCodes`, by the alpha-2 code it stands for).
   */
  readonly countryCriteria?: {
    readonly fields: readonly string[];
    /** Codes a provider may read as an alpha-2 code: alpha-3 codes, and ISO 3166-1's exceptional reservations (UK for GB). */
    readonly otherCodes: Readonly<Record<string, string>>;
  };
}

export const documentationContradictions: readonly DocumentationContradiction[] = [
  {
    id: 'postal-code-type',
    documented:
      'The field tables type postalCode as a string of at most 10 characters; both examples send and return it as the number 179.',
    decision:
      'postalCode is a string in requests and responses: Norwegian postal codes keep their leading zero (0179), which a number loses. The suite sends "0179".',
    notAsserted:
      'How a provider treats a numeric postalCode in a request (accepting it, coercing it or refusing it are all reasonable); the page\'s request example is therefore sent twice: as printed (only "no 5xx" judged) and with postalCode "0179" (200 due).',
    exampleRepair: { request: { postalCode: '0179' } },
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
      'Any pattern or code list for countryCode, and how a sent code matches a held one of the same country (a provider may match "NOR" to "NO", or "NO" to "NO-03"): a returned customer is compared with a sent countryCode only when the two name different countries ("SE" sent, "NO" held), which no reading matches.',
    countryCriteria: { fields: ['countryCode'], otherCodes: { NOR: 'NO', SWE: 'SE', DNK: 'DK', FIN: 'FI', ISL: 'IS', UK: 'GB', EL: 'GR' } },
  },
  {
    id: 'customer-number-criterion',
    documented:
      'The text says "in combination with customer number and name, you can also fill in the product", but no customerNumber request field is documented.',
    decision:
      'The request schema has no customerNumber and does not forbid unknown fields. The coverage phase sends a property the request lacks, derived from the contract (the first customer property the request does not declare: customerNumber), and a declared name in other case, judged only by "no 5xx".',
    notAsserted: 'Whether a provider accepts, ignores or refuses a customerNumber or any other undocumented request field.',
  },
  {
    id: 'forbidden-vs-unauthorized',
    documented:
      'The page documents 403 and no 401; sibling client-mode operations document neither, and public client code expects 401 invalid_token (RFC 6750) for a bad or expired token.',
    decision:
      'A request without a valid token must be refused with 403 (documented); 401 is accepted too on such requests, and only on them; so is 400 when the Authorization header is outside the Bearer syntax (RFC 6750 §3.1 invalid_request).',
    notAsserted: 'Which of 401 and 403 (or 400, for a malformed header) answers a missing, malformed, unknown or expired token; the error body of either.',
  },
  {
    id: 'empty-string-criteria',
    documented: 'The request example sends careOfAddress as ""; the requirement rule says fields must be "set".',
    decision:
      'An empty string is a valid value for the schema (no minLength is documented). The coverage phase sends "" in every string field at once, judged only by "no 5xx".',
    notAsserted:
      'Whether an empty string counts as "set" for the search requirement, or is refused as a criterion; no search is built from empty strings where a 200 is due.',
  },
  {
    id: 'empty-result-shape',
    documented: '"The list is empty if no customer is found", yet customers is marked optional.',
    decision:
      'The sentences rule over the field table\'s "optional": every 200 carries the customers list, [] when nobody is found, so {} breaks customers-list-present. The gate knows a search finds nobody by sending an email at the .invalid top-level domain (RFC 2606 §2), which no customer can hold.',
    notAsserted: 'Whether an answer leaves out customers\' optional properties; the order of the customers.',
  },
  {
    id: 'phone-number-notation',
    documented: 'phoneNumber "has to follow E.164" with at most 20 characters; E.164 allows at most 15 digits.',
    decision:
      'The contract requires "+", a non-zero first digit and at most 15 digits (16 characters). Values such as 16 digits still fit maxLength 20 and must be refused, as must letters, a second "+", a lone "+" and a zero country digit. Real numbers up to 15 digits must be accepted.',
    notAsserted:
      'Numbers without the leading "+" (E.164 proper has no "+", "00" is the dialling prefix), with spaces, hyphens or surrounding whitespace (a provider may strip them), and the shortest numbers the pattern allows ("+12": no numbering plan assigns them, a provider checking one may refuse them): sent, judged only by "no 5xx".',
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
      'Any printable character counts, in code points as JSON Schema counts maxLength: ASCII, Latin-1, Nordic letters, other scripts of the Basic Multilingual Plane, characters beyond it (emoji, historic scripts) and combining marks must be accepted up to the limit in every free-text field. Generated text starts and ends with a letter or digit and holds no control, format, private-use, unassigned or lone surrogate code point.',
    notAsserted:
      'How a provider treats control characters (NUL included), zero-width and bidirectional format characters, private-use and unassigned code points, lone surrogates, and values that are empty, only whitespace or have leading or trailing whitespace: the coverage phase sends each class in every string field, judged only by "no 5xx".',
  },
  {
    id: 'scalar-coercion',
    documented: 'Fields are typed String or Integer, and the page\'s own example sends postalCode, a String, as a number.',
    decision:
      'Common JSON binders coerce scalars (a number or boolean into a string, a numeric string or a decimal into an integer) and read null as absent. The wrong types refused are those none of them coerces: an object or an array of two strings for a string (a binder may unwrap a one-element array); a word, an array, an object or a boolean for an integer.',
    notAsserted:
      'How a provider treats a coercible scalar or null in any field: null, booleans, integers and fractions in every string field, and null, "6" and 6.5 in streetNumber, are sent and judged only by "no 5xx". One reading is asserted, because every reading agrees on it: a search that meets the requirement only through a null (read as absent, it falls short; kept, it is a type no binder keeps) is refused with 400.',
  },
  {
    id: 'request-size',
    documented: 'No request size limit is documented.',
    decision:
      'The coverage phase sends values far past every bound on every run: ten times each limit in every string field, a 64 KiB value and a body past 1 MiB (where proxies commonly stop). 400 is due, and 413 (RFC 9110 §15.5.14) is accepted too for any body larger than a valid search can be; never 5xx.',
    notAsserted: 'Where a provider or its proxy sets its size limit, or which of 400 and 413 it answers past that limit.',
  },
  {
    id: 'code-field-content',
    documented: 'productCode, countryCode and postalCode are typed String with a length, like names; their content is codes (a product, ISO 3166, a postal code).',
    decision:
      'These fields get real codes wherever a 200 is due, the ones listed here alone (CO27409, NO/NOR, 0179): their length limits and types are judged like any string field.',
    notAsserted: 'Whether a provider checks their content, against a pattern or a list of the codes it knows: other codes, even of the same shape ("OX" names no country), letters of other scripts, symbols or text in them are judged only by "no 5xx".',
    codes: { productCode: ['CO27409', 'CO10001'], countryCode: ['NOR', 'NO', 'SE', 'DNK'], postalCode: ['0179', '123 45'] },
  },
  {
    id: 'email-readings',
    documented: 'email is typed "string <email>" with at most 255 characters; the page names no standard.',
    decision:
      'A provider may check format email by any reasonable reading: RFC 5321/5322, the WHATWG HTML "valid email address", or a plain "looks like an address" check (one @ between a local part and a domain, no whitespace). Addresses that break every such reading (no @, two @, a space inside, no local part or no domain) must be refused; plain, tagged, subdomain, upper-case and 64-character local parts, and addresses up to 254 characters, must be accepted.',
    notAsserted:
      'Addresses the readings disagree on: non-ASCII local parts or domains (RFC 6531, IDNA), a domain without a dot (RFC 5321), a quoted local part, a trailing dot, surrounding whitespace, a leading or doubled dot in the local part (WHATWG HTML allows both), an empty domain label or a comma in the domain (a plain check allows both), an address of 255 characters (the page\'s maxLength, one past the 254 an RFC 5321 path carries). Sent, judged only by "no 5xx"; the behaviour baseline pins what the vendor does.',
  },
  {
    id: 'integer-range',
    documented: 'streetNumber is typed Integer, with no range.',
    decision:
      'JSON Schema integer has no bounds, and a street number has a range of its own that the page does not give; the suite asserts only street numbers every street has: 1 and 6 must be accepted.',
    notAsserted:
      'Zero and negative numbers (a provider may refuse street numbers below 1), numbers past what a street holds (a provider may refuse 2147483647, the largest 32-bit integer, as no street number: one independent provider refuses past 99999), and integers past 32 bits (2147483648, 2^53 - 1, which a 32-bit binder refuses): sent, judged only by "no 5xx".',
    fields: ['streetNumber'],
  },
  {
    id: 'body-encoding',
    documented: 'The body is application/json; the page names no character encoding.',
    decision:
      'JSON is UTF-8 (RFC 8259). Bodies are sent as bytes, exactly as written: bodies that are not JSON at all (cut short, single quotes, a trailing comma, form encoding, empty) and JSON that is not an object must be refused with 400.',
    notAsserted:
      'The answer to a UTF-8 byte-order mark (RFC 8259 lets parsers ignore it), Latin-1 or UTF-16 bytes, invalid UTF-8 sequences, content after the object, or duplicate keys (common parsers take the last): sent, judged only by "no 5xx".',
  },
  {
    id: 'name-address-matching',
    documented:
      'Fields are "to match in a search" (phoneNumber, email, countryCode, productCode) or "to match in a name/address search" (names and address), without saying how (exact, prefix, fuzzy, case); the requirement offers "companyName or lastName" and "postalCode or postalPlace"; productCode "will shrink search result".',
    decision:
      'Every customer returned is compared with every criterion sent that a Customer property shows (derived from the contract: a request field with the name of a Customer property, phoneNumber in phoneNumbers[].phoneNumber, email in emails.email[]): text ignoring case and surrounding whitespace (the page says nothing of case), a held value that starts with the sent one allowed (a provider may match prefixes), digit strings by value (postalCode "0179" equals 179), streetNumber by equality, phone numbers by their digits. A customer meets alternatives of the requirement sent together (companyName and lastName, postalCode and postalPlace, phoneNumber and email) through either, so adding one alternative to the other is not narrowing. A phone or email search is judged on the criteria the page offers "to match in a search" (phone number, email, country code: a customer of another country than the code sent names is not a match); a search that meets the name/address branch, on every criterion. Adding a criterion (productCode, a name, the known customer\'s own values or another customer\'s) never adds a customer to a result below the cap of 5.',
    notAsserted:
      'Anything about a customer that lacks the field (it may match on data the response does not show); criteria no Customer property shows (productCode, careOfAddress, entrance); names and addresses sent beside a phone or email search alone; how a capped result (5 customers) relates to a narrower one; whether the narrower search drops any customer.',
  },
];

/** Realistic codes by request field, for fields whose content is a code (decision code-field-content). */
export const decidedCodes: Readonly<Record<string, readonly string[]>> = documentationContradictions.find((item) => item.id === 'code-field-content')?.codes ?? {};
