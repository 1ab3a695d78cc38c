import type { RuleName } from '../contracts/contract-rules';

/**
 * Named ways for the simulator to break exactly one documented rule. The self-check runs the
 * contract suite against each and expects `breaks` among the failures; the monitor tests expect the
 * matching outcome and rule label.
 */
export const faultModes = {
  'six-customers': { breaks: 'result-cap', description: 'Returns up to 6 customers instead of 5.' },
  'max-length-unenforced': {
    breaks: 'field-max-length',
    description: 'Accepts strings past their maxLength (a 41-character companyName).',
  },
  'max-length-off-by-one': {
    breaks: 'valid-search-accepted',
    description: 'Refuses strings of exactly their maxLength.',
  },
  'incomplete-search-accepted': {
    breaks: 'search-requirement',
    description: 'Answers 200 to a search that lacks the required fields.',
  },
  'format-unenforced': { breaks: 'field-format', description: 'Accepts emails and phone numbers of any shape.' },
  'type-unenforced': { breaks: 'field-type', description: 'Accepts a word for the integer streetNumber.' },
  'postal-code-as-number': {
    breaks: 'response-schema',
    description: 'Returns postalCode as a number (179), losing the leading zero.',
  },
  'no-token-accepted': { breaks: 'auth-required', description: 'Answers 200 to a search without a token.' },
  'undocumented-status': { breaks: 'status-code-documented', description: 'Answers 422 instead of 400.' },
  'text-content-type': { breaks: 'content-type-json', description: 'Serves 200 bodies as text/plain.' },
  'stray-results': {
    breaks: 'results-match-criteria',
    description: 'Adds a customer without the searched phone or email to every result.',
  },
  'known-customer-missing': {
    breaks: 'known-customer-found',
    description: 'Leaves the documented example customer out of every result.',
  },
  'bad-rate-limit-headers': {
    breaks: 'rate-limit-headers',
    description: 'Sends X-RateLimit-Remaining as "-1".',
  },
  'error-body-not-json': {
    breaks: 'error-body',
    description: 'Declares 400 bodies as JSON but sends HTML.',
  },
  'prefer-ignored': { breaks: 'forced-error-status', description: 'Ignores `Prefer: code=NNN`.' },
  'crash-on-undocumented-field': {
    breaks: 'no-server-error',
    description: 'Answers 500 to a request with a property the contract does not list (a strict binder whose error nobody handles).',
  },
  'crash-on-non-object-body': {
    breaks: 'invalid-body-refused',
    description: 'Answers 500 to JSON that is not an object (a null dereferenced, an array cast).',
  },
  'limit-counted-in-bytes': {
    breaks: 'valid-search-accepted',
    description: 'Counts maxLength in UTF-8 bytes: "Bjørnstjerne Ødegård" at the limit is refused.',
  },
  'limit-counted-in-utf16': {
    breaks: 'valid-search-accepted',
    description: 'Counts maxLength in UTF-16 code units (Java and JavaScript `length`): characters beyond the BMP count twice.',
  },
  'product-code-widens': {
    breaks: 'criteria-narrow-results',
    description: 'Treats productCode as an alternative: customers holding the product join any result.',
  },
} as const satisfies Record<string, { breaks: RuleName; description: string }>;

export type FaultMode = keyof typeof faultModes;

export const faultModeNames = Object.keys(faultModes) as FaultMode[];

export function isFaultMode(name: string): name is FaultMode {
  return Object.hasOwn(faultModes, name);
}
