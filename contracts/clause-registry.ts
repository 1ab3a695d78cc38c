import type { RuleName } from './contract-rules';

/** The documents the operation rests on. */
export type ClauseDocument =
  | 'page'
  | 'RFC 9110'
  | 'RFC 9112'
  | 'RFC 8259'
  | 'RFC 6749'
  | 'RFC 6750'
  | 'RFC 6585'
  | 'RFC 7617'
  | 'RFC 5321'
  | 'RFC 5322'
  | 'RFC 2606'
  | 'ITU-T E.164'
  | 'vendor facts'
  | 'mock convention';

/**
 * How strongly a clause binds: the RFC 2119 keyword as the quote spells it (REQUIRED means MUST and
 * RECOMMENDED means SHOULD, RFC 2119 §1 and §3), `definition` for a sentence that defines what
 * something means, the page's or the vendor's own verb (`page: has to`, `vendor: may`), or
 * `convention` for a testing convention.
 */
export type ClauseStrength =
  | 'MUST'
  | 'MUST NOT'
  | 'REQUIRED'
  | 'SHOULD'
  | 'SHOULD NOT'
  | 'RECOMMENDED'
  | 'MAY'
  | 'definition'
  | 'convention'
  | `page: ${string}`
  | `vendor: ${string}`;

/**
 * What follows from a clause. A rule names a registry rule (typed, so a renamed rule fails the
 * build); a variant, a test and a contradiction are named by string, because contracts/ imports
 * nothing outside itself: tests/contract-clauses.spec.ts checks that each exists.
 */
export type ClauseConsequence =
  /** A provider duty the gate observes: the rule, its fault mode and its monitor label. */
  | { readonly kind: 'rule'; readonly rule: RuleName }
  /** Our duty as a client: the title of the test that fails without the behaviour. */
  | { readonly kind: 'client-behaviour'; readonly test: string }
  /** A choice left to the provider: the simulator variant that makes it, which gate and monitor pass. */
  | { readonly kind: 'variant'; readonly variant: string }
  /** Neither of those, and why; `contradiction` names the entry of documentation-contradictions.ts it rests on. */
  | { readonly kind: 'decision'; readonly why: string; readonly contradiction?: string };

export interface Clause {
  /** Stable: `<document>-<section>-<topic>`; variants and reports name it. */
  readonly id: string;
  readonly source: { readonly document: ClauseDocument; readonly section: string };
  /**
   * The sentence the clause rests on, in its source's own words, compared with a retrieved copy of the
   * source: whitespace collapsed, `…` where words are left out, ` / ` between lines or cells the
   * source sets apart, markdown marks dropped.
   */
  readonly quote: string;
  /** Only when the quote is not the source's own words: why, and what the wording rests on instead. */
  readonly paraphrase?: string;
  readonly strength: ClauseStrength;
  /** Whose duty: the provider's (the gate judges it) or ours as the client. */
  readonly duty: 'provider' | 'client';
  readonly consequence: ClauseConsequence;
}

const rule = (name: RuleName): ClauseConsequence => ({ kind: 'rule', rule: name });
const behaviour = (test: string): ClauseConsequence => ({ kind: 'client-behaviour', test });
const variant = (name: string): ClauseConsequence => ({ kind: 'variant', variant: name });
const decision = (why: string, contradiction?: string): ClauseConsequence => ({ kind: 'decision', why, ...(contradiction ? { contradiction } : {}) });

/** The documentation page, sentence by sentence (the seed copy of "Search customer - client mode"). */
const pageClauses: readonly Clause[] = [
  { id: 'page-client-login', source: { document: 'page', section: 'description' }, quote: 'Only the client needs to be logged in to use this endpoint.', strength: 'page: needs to', duty: 'provider', consequence: rule('auth-required') },
  { id: 'page-bearer-header', source: { document: 'page', section: 'Request, Authorization' }, quote: 'Add the parameter Authorization to Headers ,whose value is to concatenate the Token after the Bearer.', strength: 'page: add', duty: 'client', consequence: behaviour('every search sends Accept and Content-Type application/json and a bearer token') },
  { id: 'page-results-depend', source: { document: 'page', section: 'description' }, quote: 'Search results may be one or more customers, depending on the arguments used and what is actually present in the database.', strength: 'page: may be', duty: 'provider', consequence: rule('known-customer-found') },
  { id: 'page-customer-number-criterion', source: { document: 'page', section: 'description' }, quote: 'In combination with customer number and name, you can also fill in the product.', strength: 'page: can', duty: 'client', consequence: decision('No customerNumber request field is documented: sent beside a search, judged only by "no 5xx".', 'customer-number-criterion') },
  { id: 'page-product-shrinks', source: { document: 'page', section: 'description' }, quote: 'This will "shrink" search result.', strength: 'page: will', duty: 'provider', consequence: rule('criteria-narrow-results') },
  { id: 'page-name-address-requirement', source: { document: 'page', section: 'Requirements for fields' }, quote: 'Searching by name or address require following fields to be set in request: / companyName or lastName / streetAddress / postalCode or postalPlace', strength: 'page: require', duty: 'provider', consequence: rule('search-requirement') },
  { id: 'page-phone-email-requirement', source: { document: 'page', section: 'Requirements for fields' }, quote: 'Otherwise one of following fields to be set in request: / phoneNumber / email', strength: 'page: to be set', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'page-response-list', source: { document: 'page', section: 'Response' }, quote: 'The response is a list of customers found.', strength: 'page: is', duty: 'provider', consequence: rule('customers-unique') },
  { id: 'page-response-empty', source: { document: 'page', section: 'Response' }, quote: 'The list is empty if no customer is found.', strength: 'page: is', duty: 'provider', consequence: rule('customers-list-present') },
  { id: 'page-result-cap', source: { document: 'page', section: 'Response' }, quote: 'Number of customers in response are limited to 5 customers.', strength: 'page: are limited', duty: 'provider', consequence: rule('result-cap') },
  { id: 'page-body-json', source: { document: 'page', section: 'Body Params' }, quote: 'Body Params application/json', strength: 'definition', duty: 'provider', consequence: rule('invalid-body-refused') },
  { id: 'page-field-lengths', source: { document: 'page', section: 'Body Params, companyName (and each field\'s own limit)' }, quote: 'companyName / string / optional / Company name to match in a name/address search. / <= 40 characters', strength: 'definition', duty: 'provider', consequence: rule('field-max-length') },
  { id: 'page-field-types', source: { document: 'page', section: 'Body Params' }, quote: 'companyName / string / optional … streetNumber / integer / optional', strength: 'definition', duty: 'provider', consequence: rule('field-type') },
  { id: 'page-phone-e164', source: { document: 'page', section: 'Body Params, phoneNumber' }, quote: 'A phone number has to follow the telephone number standard E.164', strength: 'page: has to', duty: 'provider', consequence: rule('field-format') },
  { id: 'page-match-in-search', source: { document: 'page', section: 'Body Params' }, quote: 'Phone number to match in a search. / Last name to match in a name/address search.', strength: 'page: to match', duty: 'provider', consequence: rule('results-match-criteria') },
  { id: 'page-country-code-iso', source: { document: 'page', section: 'Body Params, countryCode' }, quote: 'Country code, in ISO 3166-2 format, to match in a search.', strength: 'definition', duty: 'provider', consequence: decision('ISO 3166-2 codes cannot fit 3 characters: only the length is asserted.', 'country-code-standard') },
  { id: 'page-postal-code-string', source: { document: 'page', section: 'Body Params, postalCode' }, quote: 'postalCode / string / optional / Postal code to match in a name/address search. / <= 10 characters', strength: 'definition', duty: 'provider', consequence: decision('The examples send postalCode as a number; the contract keeps the string the table gives.', 'postal-code-type') },
  { id: 'page-responses', source: { document: 'page', section: 'Responses' }, quote: '🟢200OK … 🟠400Bad Request / 🟠403Forbidden / 🟠429429 / 🔴500Server Error', strength: 'definition', duty: 'provider', consequence: rule('status-code-documented') },
  { id: 'page-response-200-json', source: { document: 'page', section: 'Responses, 200' }, quote: '🟢200OK / application/json', strength: 'definition', duty: 'provider', consequence: rule('content-type-json') },
  { id: 'page-response-fields', source: { document: 'page', section: 'Responses, 200, Body' }, quote: 'customers / array [object {16}] / optional / <= 5 items', strength: 'definition', duty: 'provider', consequence: rule('response-schema') },
  { id: 'page-error-bodies', source: { document: 'page', section: 'Responses' }, quote: '🟠400Bad Request / 🟠403Forbidden / 🟠429429 / 🔴500Server Error', strength: 'definition', duty: 'provider', consequence: decision('No error body is documented: a JSON one must be an object of strings; other bodies are accepted.', 'error-bodies') },
];

/** RFC 9110 (HTTP semantics) and RFC 9112 (HTTP/1.1), as far as they apply to one POST operation. */
const httpClauses: readonly Clause[] = [
  { id: 'rfc9110-9.1-method-not-allowed', source: { document: 'RFC 9110', section: '9.1' }, quote: 'An origin server that receives a request method that is recognized and implemented, but not allowed for the target resource, SHOULD respond with the 405 (Method Not Allowed) status code.', strength: 'SHOULD', duty: 'provider', consequence: rule('undocumented-method-refused') },
  { id: 'rfc9110-15.5.6-allow', source: { document: 'RFC 9110', section: '15.5.6' }, quote: "The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods.", strength: 'MUST', duty: 'provider', consequence: rule('allow-header-on-405') },
  { id: 'rfc9110-9.1-not-implemented', source: { document: 'RFC 9110', section: '9.1' }, quote: 'An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code.', strength: 'SHOULD', duty: 'provider', consequence: variant('method-not-implemented') },
  { id: 'rfc9110-15.5.5-not-found', source: { document: 'RFC 9110', section: '15.5.5' }, quote: 'The 404 (Not Found) status code indicates that the origin server did not find a current representation for the target resource or is not willing to disclose that one exists.', strength: 'definition', duty: 'provider', consequence: variant('method-not-found') },
  { id: 'rfc9110-undocumented-method-statuses', source: { document: 'RFC 9110', section: '15.5.4 (with 15.5.2, 15.5.5, 15.5.6, 15.6.2)' }, quote: 'The 403 (Forbidden) status code indicates that the server understood the request but refuses to fulfill it.', strength: 'definition', duty: 'provider', consequence: decision('An undocumented method may be refused with 405, 404, 501, 403 or 401 (a gateway authorising per method); only a 2xx or 3xx, or another status, breaks undocumented-method-refused, and 501 there is not a server error.') },
  { id: 'rfc9110-9.3.7-options', source: { document: 'RFC 9110', section: '9.3.7' }, quote: 'The OPTIONS method requests information about the communication options available for the target resource, at either the origin server or an intervening intermediary.', strength: 'definition', duty: 'provider', consequence: decision('OPTIONS, TRACE and CONNECT ask about the server or the path to it, and a 2xx to them is correct: they are not sent as undocumented methods.') },
  { id: 'rfc9110-9.3.1-get-content', source: { document: 'RFC 9110', section: '9.3.1 (9.3.2 likewise for HEAD)' }, quote: 'A client SHOULD NOT generate content in a GET request unless it is made directly to an origin server that has previously indicated, in or out of band, that such a request has a purpose and will be adequately supported.', strength: 'SHOULD NOT', duty: 'client', consequence: decision('GET and HEAD are sent without content; PUT, DELETE and PATCH carry the search.') },
  { id: 'rfc9110-9.2.1-safe-methods', source: { document: 'RFC 9110', section: '9.2.1' }, quote: 'Request methods are considered "safe" if their defined semantics are essentially read-only', strength: 'definition', duty: 'client', consequence: decision('Production is sent the documented POST only: a firewall may log an undocumented method as an attack, so the method cases stay in the gate.') },
  { id: 'rfc9110-15.5-client-error', source: { document: 'RFC 9110', section: '15.5' }, quote: 'The 4xx (Client Error) class of status code indicates that the client seems to have erred.', strength: 'definition', duty: 'provider', consequence: rule('no-server-error') },
  { id: 'rfc9110-15.5.1-bad-request', source: { document: 'RFC 9110', section: '15.5.1' }, quote: 'The 400 (Bad Request) status code indicates that the server cannot or will not process the request due to something that is perceived to be a client error (e.g., malformed request syntax, invalid request message framing, or deceptive request routing).', strength: 'definition', duty: 'provider', consequence: rule('invalid-body-refused') },
  { id: 'rfc9110-15.5.14-content-too-large', source: { document: 'RFC 9110', section: '15.5.14' }, quote: 'The 413 (Content Too Large) status code indicates that the server is refusing to process a request because the request content is larger than the server is willing or able to process.', strength: 'definition', duty: 'provider', consequence: decision('413 is accepted, beside 400, for any body larger than a valid search can be; the oversized class sends such bodies on every run.', 'request-size') },
  { id: 'rfc9110-8.3-content-type', source: { document: 'RFC 9110', section: '8.3' }, quote: 'A sender that generates a message containing content SHOULD generate a Content-Type header field in that message unless the intended media type of the enclosed representation is unknown to the sender.', strength: 'SHOULD', duty: 'provider', consequence: rule('content-type-json') },
  { id: 'rfc9110-8.3.1-media-type-case', source: { document: 'RFC 9110', section: '8.3.1' }, quote: 'The type and subtype tokens are case-insensitive.', strength: 'definition', duty: 'provider', consequence: variant('media-type-case') },
  { id: 'rfc9110-8.3.1-request-media-type-case', source: { document: 'RFC 9110', section: '8.3.1' }, quote: 'The type and subtype tokens are case-insensitive.', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc9110-10.1.1-expect-continue', source: { document: 'RFC 9110', section: '10.1.1' }, quote: 'The origin server MUST NOT wait for the content before sending the 100 (Continue) response.', strength: 'MUST NOT', duty: 'provider', consequence: rule('expect-continue') },
  { id: 'rfc9110-12.5.1-no-accept', source: { document: 'RFC 9110', section: '12.5.1' }, quote: 'A request without any Accept header field implies that the user agent will accept any media type in response.', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc9110-12.5.1-media-range', source: { document: 'RFC 9110', section: '12.5.1' }, quote: 'The asterisk "*" character is used to group media types into ranges, with "*/*" indicating all media types and "type/*" indicating all subtypes of that type.', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc9110-11.1-scheme-case', source: { document: 'RFC 9110', section: '11.1' }, quote: 'It uses a case-insensitive token to identify the authentication scheme, …', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc9110-10.2.3-retry-after', source: { document: 'RFC 9110', section: '10.2.3' }, quote: 'The Retry-After field value can be either an HTTP-date or a number of seconds to delay after receiving the response.', strength: 'definition', duty: 'client', consequence: behaviour('the 429 wait follows Retry-After, then X-RateLimit-Reset (seconds or epoch), then back-off') },
  { id: 'rfc9110-2.2-retry-after-grammar', source: { document: 'RFC 9110', section: '2.2 (with 10.2.3: Retry-After = HTTP-date / delay-seconds, delay-seconds = 1*DIGIT)' }, quote: 'A sender MUST NOT generate protocol elements that do not match the grammar defined by the corresponding ABNF rules.', strength: 'MUST NOT', duty: 'provider', consequence: rule('rate-limit-headers') },
  { id: 'rfc9110-15.5.2-challenge', source: { document: 'RFC 9110', section: '15.5.2' }, quote: 'The server generating a 401 response MUST send a WWW-Authenticate header field (Section 11.6.1) containing at least one challenge applicable to the target resource.', strength: 'MUST', duty: 'provider', consequence: rule('challenge-on-401') },
  { id: 'rfc9110-6.6.1-date', source: { document: 'RFC 9110', section: '6.6.1' }, quote: 'An origin server with a clock (as defined in Section 5.6.7) MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses, and MAY generate a Date header field in 1xx (Informational) and 5xx (Server Error) responses.', strength: 'MUST', duty: 'provider', consequence: rule('date-header') },
  { id: 'rfc9110-6.6.1-no-clock', source: { document: 'RFC 9110', section: '6.6.1' }, quote: 'An origin server without a clock MUST NOT generate a Date header field.', strength: 'MUST NOT', duty: 'provider', consequence: decision('A service answering on the Internet runs on machines that keep time, and a cache or proxy in front of it that has a clock MUST add a missing Date; an answer without one is not taken for an origin without a clock.') },
  { id: 'rfc9110-5.6.7-imf-fixdate', source: { document: 'RFC 9110', section: '5.6.7' }, quote: 'When a sender generates a header field that contains one or more timestamps defined as HTTP-date, the sender MUST generate those timestamps in the IMF-fixdate format.', strength: 'MUST', duty: 'provider', consequence: rule('date-header') },
  { id: 'rfc9110-5.6.7-retry-after-imf-fixdate', source: { document: 'RFC 9110', section: '5.6.7 (with 10.2.3)' }, quote: 'When a sender generates a header field that contains one or more timestamps defined as HTTP-date, the sender MUST generate those timestamps in the IMF-fixdate format.', strength: 'MUST', duty: 'provider', consequence: rule('rate-limit-headers') },
  { id: 'rfc9112-7.1-chunked-request', source: { document: 'RFC 9112', section: '7.1' }, quote: 'A recipient MUST be able to parse and decode the chunked transfer coding.', strength: 'MUST', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc9112-6.3-length-required', source: { document: 'RFC 9112', section: '6.3' }, quote: 'A server MAY reject a request that contains a message body but not a Content-Length by responding with 411 (Length Required).', strength: 'MAY', duty: 'provider', consequence: variant('length-required') },
  { id: 'rfc9112-7.1-chunked', source: { document: 'RFC 9112', section: '7.1' }, quote: 'A recipient MUST be able to parse and decode the chunked transfer coding.', strength: 'MUST', duty: 'client', consequence: variant('chunked-slow-answers') },
];

/** RFC 8259 (JSON). */
const jsonClauses: readonly Clause[] = [
  { id: 'rfc8259-8.1-utf8', source: { document: 'RFC 8259', section: '8.1' }, quote: 'JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8 [RFC3629].', strength: 'MUST', duty: 'provider', consequence: rule('json-utf8') },
  { id: 'rfc8259-8.1-no-bom', source: { document: 'RFC 8259', section: '8.1' }, quote: 'Implementations MUST NOT add a byte order mark (U+FEFF) to the beginning of a networked-transmitted JSON text.', strength: 'MUST NOT', duty: 'provider', consequence: rule('json-utf8') },
  { id: 'rfc8259-8.1-ignore-bom', source: { document: 'RFC 8259', section: '8.1' }, quote: 'In the interests of interoperability, implementations that parse JSON texts MAY ignore the presence of a byte order mark rather than treating it as an error.', strength: 'MAY', duty: 'provider', consequence: decision('A request with a byte-order mark may be read or refused: sent, judged only by "no 5xx".', 'body-encoding') },
  { id: 'rfc8259-11-no-charset', source: { document: 'RFC 8259', section: '11' }, quote: 'No "charset" parameter is defined for this registration.', strength: 'definition', duty: 'provider', consequence: variant('charset-absent') },
  { id: 'rfc8259-11-charset-ignored', source: { document: 'RFC 8259', section: '11' }, quote: 'Adding one really has no effect on compliant recipients.', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc8259-2-json-text', source: { document: 'RFC 8259', section: '2' }, quote: 'A JSON text is a sequence of tokens.', strength: 'definition', duty: 'provider', consequence: rule('error-body') },
  { id: 'rfc8259-9-accept-all', source: { document: 'RFC 8259', section: '9' }, quote: 'A JSON parser MUST accept all texts that conform to the JSON grammar.', strength: 'MUST', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc8259-4-unique-names', source: { document: 'RFC 8259', section: '4' }, quote: 'The names within an object SHOULD be unique.', strength: 'SHOULD', duty: 'client', consequence: decision('A request with a duplicate key is sent to see the provider cope, judged only by "no 5xx".', 'body-encoding') },
];

/** RFC 6749 (OAuth 2.0), RFC 6750 (bearer tokens) and RFC 6585 (429). */
const authClauses: readonly Clause[] = [
  { id: 'rfc6749-2.3.1-client-password', source: { document: 'RFC 6749', section: '2.3.1' }, quote: 'Clients in possession of a client password MAY use the HTTP Basic authentication scheme as defined in [RFC2617] to authenticate with the authorization server.', strength: 'MAY', duty: 'client', consequence: behaviour('negotiates HTTP Basic first, the method every RFC 6749 server must support, with form headers') },
  { id: 'rfc6749-2.3.1-credentials-not-in-uri', source: { document: 'RFC 6749', section: '2.3.1' }, quote: 'The parameters can only be transmitted in the request-body and MUST NOT be included in the request URI.', strength: 'MUST NOT', duty: 'client', consequence: behaviour('client credentials go in the Authorization header or the form body, never in the request URI') },
  { id: 'rfc6749-2.3.1-basic-required', source: { document: 'RFC 6749', section: '2.3.1' }, quote: 'The authorization server MUST support the HTTP Basic authentication scheme for authenticating clients that were issued a client password.', strength: 'MUST', duty: 'provider', consequence: rule('client-basic-auth') },
  { id: 'rfc6749-3.2-empty-parameter', source: { document: 'RFC 6749', section: '3.2' }, quote: 'Parameters sent without a value MUST be treated as if they were omitted from the request.', strength: 'MUST', duty: 'provider', consequence: rule('token-request-parameters') },
  { id: 'rfc6749-3.2-unrecognized-parameter', source: { document: 'RFC 6749', section: '3.2' }, quote: 'The authorization server MUST ignore unrecognized request parameters.', strength: 'MUST', duty: 'provider', consequence: rule('token-request-parameters') },
  { id: 'rfc6749-3.2-request-parameter-once', source: { document: 'RFC 6749', section: '3.2' }, quote: 'Request and response parameters MUST NOT be included more than once.', strength: 'MUST NOT', duty: 'client', consequence: behaviour('a token request names each parameter once, the one a case adds too') },
  { id: 'rfc6749-3.2-response-parameter-once', source: { document: 'RFC 6749', section: '3.2' }, quote: 'Request and response parameters MUST NOT be included more than once.', strength: 'MUST NOT', duty: 'provider', consequence: rule('token-response') },
  { id: 'rfc6749-5.2-repeated-parameter', source: { document: 'RFC 6749', section: '5.2' }, quote: 'invalid_request The request is missing a required parameter, includes an unsupported parameter value (other than grant type), repeats a parameter, …', strength: 'definition', duty: 'provider', consequence: decision('The code a refusal names, not a duty to refuse: a server that reads a repeated parameter once is not judged, and the client never repeats one (§3.2). An independent provider that accepts repeated parameters passes.') },
  { id: 'rfc6749-5.2-missing-parameter', source: { document: 'RFC 6749', section: '5.2' }, quote: 'invalid_request The request is missing a required parameter, …', strength: 'definition', duty: 'provider', consequence: decision('The code a refusal names, not a duty to refuse: a token endpoint that serves one grant and takes a request without grant_type as that grant is not judged, since grant_type is the client\'s to send (§4.4.2) and the client always sends it. An independent provider that issues a token without grant_type passes.') },
  { id: 'rfc6749-4.4.2-grant-type', source: { document: 'RFC 6749', section: '4.4.2' }, quote: 'grant_type REQUIRED. Value MUST be set to "client_credentials".', strength: 'MUST', duty: 'client', consequence: behaviour('every token request asks for the client_credentials grant, whichever way the client authenticates') },
  { id: 'rfc6749-5.1-no-store', source: { document: 'RFC 6749', section: '5.1' }, quote: 'The authorization server MUST include the HTTP "Cache-Control" response header field [RFC2616] with a value of "no-store" in any response containing tokens, credentials, or other sensitive information, …', strength: 'MUST', duty: 'provider', consequence: rule('token-no-store') },
  { id: 'rfc6749-5.1-pragma', source: { document: 'RFC 6749', section: '5.1' }, quote: '… as well as the "Pragma" response header field [RFC2616] with a value of "no-cache".', strength: 'MUST', duty: 'provider', consequence: decision('RFC 9111 §5.4 deprecates Pragma, and a cache that honours Cache-Control ignores it: a provider that leaves it out keeps no token in a cache, so it is not asserted.') },
  { id: 'rfc6749-5.1-expires-in', source: { document: 'RFC 6749', section: '5.1' }, quote: 'expires_in RECOMMENDED. The lifetime in seconds of the access token.', strength: 'RECOMMENDED', duty: 'client', consequence: behaviour('refreshes shortly before expires_in, even when expires_in is tiny') },
  { id: 'rfc6749-5.1-access-token', source: { document: 'RFC 6749', section: '5.1' }, quote: 'access_token REQUIRED. The access token issued by the authorization server.', strength: 'REQUIRED', duty: 'client', consequence: behaviour('a token response without access_token is malformed, and keeps no cause with the body') },
  { id: 'rfc6749-5.1-token-type', source: { document: 'RFC 6749', section: '5.1' }, quote: 'token_type REQUIRED. The type of the token issued as described in Section 7.1. Value is case insensitive.', strength: 'REQUIRED', duty: 'provider', consequence: rule('token-response') },
  { id: 'rfc6749-5.1-json-body', source: { document: 'RFC 6749', section: '5.1' }, quote: 'The parameters are included in the entity-body of the HTTP response using the "application/json" media type as defined by [RFC4627].', strength: 'definition', duty: 'provider', consequence: rule('token-response') },
  { id: 'rfc7617-2-password-after-first-colon', source: { document: 'RFC 7617', section: '2' }, quote: 'Furthermore, a user-id containing a colon character is invalid, as the first colon in a user-pass string separates user-id and password from one another; text after the first colon is part of the password.', strength: 'definition', duty: 'provider', consequence: rule('invalid-client-challenge') },
  { id: 'rfc6749-5.2-invalid-client', source: { document: 'RFC 6749', section: '5.2' }, quote: 'invalid_client Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).', strength: 'definition', duty: 'client', consequence: behaviour('a refused client gives a TokenError naming status and error code, never the secret') },
  { id: 'rfc6749-5.2-basic-challenge', source: { document: 'RFC 6749', section: '5.2' }, quote: 'If the client attempted to authenticate via the "Authorization" request header field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code and include the "WWW-Authenticate" response header field matching the authentication scheme used by the client.', strength: 'MUST', duty: 'provider', consequence: rule('invalid-client-challenge') },
  { id: 'rfc6749-5.1-json-numbers', source: { document: 'RFC 6749', section: '5.1 (with Appendix A.14: expires-in = 1*DIGIT)' }, quote: 'Parameter names and string values are included as JSON strings. Numerical values are included as JSON numbers.', strength: 'definition', duty: 'provider', consequence: rule('token-response') },
  { id: 'rfc6749-5.2-error-required', source: { document: 'RFC 6749', section: '5.2' }, quote: 'error REQUIRED. A single ASCII [USASCII] error code from the following: … invalid_client Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).', strength: 'REQUIRED', duty: 'provider', consequence: rule('token-error-response') },
  { id: 'rfc6749-5.2-json-body', source: { document: 'RFC 6749', section: '5.2' }, quote: 'The parameters are included in the entity-body of the HTTP response using the "application/json" media type as defined by [RFC4627].', strength: 'definition', duty: 'provider', consequence: rule('token-error-response') },
  { id: 'rfc6750-2.1-credentials-syntax', source: { document: 'RFC 6750', section: '2.1' }, quote: 'credentials = "Bearer" 1*SP b64token', strength: 'definition', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc6750-2.1-resource-server-support', source: { document: 'RFC 6750', section: '2.1' }, quote: 'Resource servers MUST support this method.', strength: 'MUST', duty: 'provider', consequence: rule('valid-search-accepted') },
  { id: 'rfc6750-2.1-authorization-header', source: { document: 'RFC 6750', section: '2.1' }, quote: 'Clients SHOULD make authenticated requests with a bearer token using the "Authorization" request header field with the "Bearer" HTTP authorization scheme.', strength: 'SHOULD', duty: 'client', consequence: behaviour('every search sends Accept and Content-Type application/json and a bearer token') },
  { id: 'rfc6750-3.1-invalid-token', source: { document: 'RFC 6750', section: '3.1' }, quote: 'The client MAY request a new access token and retry the protected resource request.', strength: 'MAY', duty: 'client', consequence: behaviour('a cached token the API refuses is replaced once, then the search goes through') },
  { id: 'rfc6750-3.1-unauthorized', source: { document: 'RFC 6750', section: '3.1' }, quote: 'The resource SHOULD respond with the HTTP 401 (Unauthorized) status code.', strength: 'SHOULD', duty: 'provider', consequence: decision('The page documents 403: a refused token may get 403 or 401.', 'forbidden-vs-unauthorized') },
  { id: 'rfc6750-3.1-invalid-request', source: { document: 'RFC 6750', section: '3.1' }, quote: 'invalid_request The request is missing a required parameter, includes an unsupported parameter or parameter value, repeats the same parameter, uses more than one method for including an access token, or is otherwise malformed. The resource server SHOULD respond with the HTTP 400 (Bad Request) status code.', strength: 'SHOULD', duty: 'provider', consequence: variant('malformed-token-400') },
  { id: 'rfc6750-3-www-authenticate', source: { document: 'RFC 6750', section: '3' }, quote: 'If the protected resource request does not include authentication credentials or does not contain an access token that enables access to the protected resource, the resource server MUST include the HTTP "WWW-Authenticate" response header field …', strength: 'MUST', duty: 'provider', consequence: decision('The page answers a missing token with 403, outside the RFC 6750 challenge; asserting the header would fail the provider as documented.', 'forbidden-vs-unauthorized') },
  { id: 'rfc6750-3-auth-params', source: { document: 'RFC 6750', section: '3' }, quote: 'All challenges defined by this specification MUST use the auth-scheme value "Bearer". This scheme MUST be followed by one or more auth-param values.', strength: 'MUST', duty: 'provider', consequence: rule('bearer-challenge') },
  { id: 'rfc6750-3-attribute-syntax', source: { document: 'RFC 6750', section: '3' }, quote: 'Values for the "error_description" attribute MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E.', strength: 'MUST', duty: 'provider', consequence: rule('bearer-challenge') },
  { id: 'rfc6585-4-too-many-requests', source: { document: 'RFC 6585', section: '4' }, quote: 'The 429 status code indicates that the user has sent too many requests in a given amount of time ("rate limiting").', strength: 'definition', duty: 'client', consequence: behaviour('a bare 429 halves the rate once per burst, and answers win it back additively up to the ceiling') },
  { id: 'rfc6585-4-retry-after', source: { document: 'RFC 6585', section: '4' }, quote: 'The response representations SHOULD include details explaining the condition, and MAY include a Retry-After header indicating how long to wait before making a new request.', strength: 'MAY', duty: 'client', consequence: behaviour('a 429 that says how long holds every caller back that long, without slowing the rate') },
];

/** The vendor's facts, the standards the page names for formats, and the suite's own conventions. */
const otherClauses: readonly Clause[] = [
  { id: 'vendor-rate-limit-headers', source: { document: 'vendor facts', section: '3, About the API → Response header' }, quote: 'X-RateLimit-Remaining (requests left before a 429), X-RateLimit-Reset', strength: 'definition', duty: 'provider', consequence: rule('rate-limit-headers') },
  { id: 'vendor-rate-limit-headers-optional', source: { document: 'vendor facts', section: '3, About the API → Response header' }, quote: 'response headers X-Mediaconnect-Api-Version (project version the response is based on), X-RateLimit-Remaining … X-RateLimit-Reset', strength: 'definition', duty: 'provider', consequence: variant('rate-limit-headers-absent') },
  { id: 'vendor-reset-unit', source: { document: 'vendor facts', section: '3, About the API → Response header' }, quote: 'remaining epoch seconds before the rate limit resets. Renew every 60 seconds', strength: 'definition', duty: 'client', consequence: decision('Read as seconds, or as an epoch when larger than a day.', 'rate-limit-reset-unit') },
  { id: 'vendor-rate-limits', source: { document: 'vendor facts', section: '3, About the API → Response header' }, quote: 'Limits per client: 100 API calls per second and 2000 API calls per minute; exceeding them throttles calls with 429.', strength: 'definition', duty: 'client', consequence: behaviour('the rate never falls below 1 call/s, and calls are spaced at the current rate') },
  { id: 'page-response-schema-open', source: { document: 'vendor facts', section: '3, Versioning' }, quote: 'existing elements stay in new versions, new elements may be added and clients may ignore them', strength: 'vendor: may', duty: 'provider', consequence: variant('extra-fields') },
  {
    id: 'e164-digits',
    source: { document: 'ITU-T E.164', section: 'number length (section not verified)' },
    quote: 'An international E.164-number has at most 15 digits.',
    paraphrase:
      'The Recommendation\'s own text could not be retrieved to compare. The limit is worded here as secondary sources state it ("Plan-conforming numbers are limited to a maximum of 15 digits, excluding the international call prefix", the Wikipedia article on E.164); "international E.164-numbers" is the term of the ITU summary of E.164.',
    strength: 'definition',
    duty: 'provider',
    consequence: decision('"+", a non-zero first digit and at most 15 digits; other notations are judged only by "no 5xx".', 'phone-number-notation'),
  },
  {
    id: 'e164-country-code',
    source: { document: 'ITU-T E.164', section: 'number structure (section not verified)' },
    quote: 'An international E.164-number is composed of a country code followed by a national (significant) number.',
    paraphrase:
      'The Recommendation\'s own text could not be retrieved to compare. Its number structure is worded here as secondary sources state it (the Wikipedia article on E.164: "a country code … followed by the national (significant) number"): the country code is part of the number, so one national number under two country codes is two numbers.',
    strength: 'definition',
    duty: 'provider',
    consequence: rule('results-match-criteria'),
  },
  { id: 'rfc5322-3.4.1-addr-spec', source: { document: 'RFC 5322', section: '3.4.1' }, quote: 'An addr-spec is a specific Internet identifier that contains a locally interpreted string followed by the at-sign character ("@", ASCII value 64) followed by an Internet domain.', strength: 'definition', duty: 'provider', consequence: decision('Addresses every reading refuses must be refused (field-format); readings that differ are judged only by "no 5xx".', 'email-readings') },
  { id: 'rfc5321-4.5.3.1.3-path-length', source: { document: 'RFC 5321', section: '4.5.3.1.3' }, quote: 'The maximum total length of a reverse-path or forward-path is 256 octets (including the punctuation and element separators).', strength: 'definition', duty: 'provider', consequence: variant('email-path-length') },
  { id: 'rfc5321-4.5.3.1.1-local-part', source: { document: 'RFC 5321', section: '4.5.3.1.1' }, quote: 'The maximum total length of a user name or other local-part is 64 octets.', strength: 'definition', duty: 'provider', consequence: decision('A 64-character local part must be accepted.', 'email-readings') },
  { id: 'rfc2606-2-invalid-tld', source: { document: 'RFC 2606', section: '2' }, quote: '".invalid" is intended for use in online construction of domain names that are sure to be invalid and which it is obvious at a glance are invalid.', strength: 'definition', duty: 'client', consequence: decision('The gate knows a search finds nobody by searching an address at .invalid.', 'empty-result-shape') },
  { id: 'mock-prefer-code', source: { document: 'mock convention', section: 'Prism CLI, Modifying Responses: Force Response Status' }, quote: 'Prism can be forced to return different HTTP responses by specifying the status code in the Prefer header. … The body, headers, etc. for this response will be taken from the API description document.', strength: 'convention', duty: 'provider', consequence: rule('forced-error-status') },
];

/**
 * Every normative statement that applies to this operation, with its source and what follows from
 * it. `npm run contract:clauses` prints it as a table; tests/contract-clauses.spec.ts fails when a
 * clause has no consequence, a consequence names nothing that exists, or a rule follows from no clause.
 */
export const clauseRegistry: readonly Clause[] = [...pageClauses, ...httpClauses, ...jsonClauses, ...authClauses, ...otherClauses];
