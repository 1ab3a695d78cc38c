import fc from 'fast-check';
import { requestFields, searchRequirementCombinations, SEARCH_REQUIREMENT_POINTER, type FieldSchema } from '../contracts/contract-reader';
import { isValidSearchRequest, validateSchema } from '../contracts/contract-validator';
import { rawText, type ExchangeRequest, type Expectation, type RefusalRule } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import { decidedCodes } from '../contracts/documentation-contradictions';
import { searchCriteria } from '../contracts/search-criteria';
import { emailOfLength, RFC5321_ADDRESS_LENGTH } from './boundary-values';
import { MARKET_LETTERS, MARKET_SEPARATORS } from './market-text';

/**
 * fast-check arbitraries for requests, derived from the contract: field names, types, limits,
 * formats, patterns and the search requirement are read from the schema, and every value is
 * confirmed by ajv before it is labelled valid or invalid. Where the page does not rule (see
 * `contracts/documentation-contradictions.ts`), values stay on the side every reasonable provider
 * handles alike: no empty or blank criteria, printable characters only, realistic country codes,
 * postal codes and Nordic phone numbers, and only wrong types no JSON binder coerces.
 */

/** A generated request with what it must get and a title free of customer data. */
export interface GeneratedRequest {
  readonly label: string;
  readonly request: ExchangeRequest;
  readonly expectation: Expectation;
  readonly contractPath: string;
  readonly wider?: ExchangeRequest;
}

type Body = Record<string, unknown>;

const FIELDS = requestFields();
const COMBINATIONS = searchRequirementCombinations();
const REQUIREMENT_FIELDS = new Set(COMBINATIONS.flat());
const STRING_FIELDS = FIELDS.filter((field) => field.type === 'string' && field.maxLength !== undefined);
const INTEGER_FIELDS = FIELDS.filter((field) => field.type === 'integer');
/** A size past any limit but below the 1 MiB body limit common to proxies (see contradiction request-size). */
const ABSURD_LENGTH = 64 * 1024;

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const WORD_EDGE = /[\p{L}\p{N}]/u;

/** Exactly `length` code points; first and last a letter or digit, so no provider trims the value. */
function textOfLength(length: number): fc.Arbitrary<string> {
  const market = fc
    .array(fc.constantFrom(...MARKET_LETTERS, ...MARKET_LETTERS, ...MARKET_SEPARATORS), { minLength: length, maxLength: length })
    .map((points) => points.join(''));
  // All of Unicode, less what the page cannot mean (contradiction text-characters): control and
  // private-use characters, lone surrogates and unassigned code points become a Nordic letter.
  const unicode = fc.string({ unit: 'binary', minLength: length, maxLength: length }).map((text) =>
    [...text].map((point) => (PRINTABLE.test(point) || point === ' ' ? point : (MARKET_LETTERS[(point.codePointAt(0) ?? 0) % MARKET_LETTERS.length] ?? 'ø'))).join(''),
  );
  return fc.oneof(market, unicode).map((text) => {
    const points = [...text];
    if (!WORD_EDGE.test(points[0] ?? '')) points[0] = 'Å';
    if (!WORD_EDGE.test(points.at(-1) ?? '')) points[points.length - 1] = 'e';
    return points.join('');
  });
}

/** A length from 1 to `max`, with the boundaries (1 and max) drawn far more often than chance. */
function boundaryLength(max: number): fc.Arbitrary<number> {
  return fc.oneof({ arbitrary: fc.constant(max), weight: 3 }, { arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 1, max }), weight: 3 });
}

/** Real E.164 numbers of the Nordic countries; the contract's pattern confirms them. */
const nordicPhone = fc
  .tuple(fc.constantFrom<readonly [string, number]>(['+47', 8], ['+46', 9], ['+45', 8], ['+358', 9], ['+354', 7]), fc.nat())
  .map(([[prefix, digits], seed]) => `${prefix}${String(seed).padStart(digits, '7').slice(0, digits)}`);

const emailPart = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: max });

/** Everyday addresses, and addresses of every length up to the field's limit. */
function email(max: number): fc.Arbitrary<string> {
  const everyday = fc
    .tuple(emailPart(20), fc.constantFrom('', '.', '-', '+'), emailPart(12), emailPart(20), fc.constantFrom('no', 'se', 'dk', 'fi', 'com'))
    .map(([first, separator, second, domain, tld]) => `${first}${separator}${second}@${domain}.${tld}`);
  // Valid by every reading: within RFC 5321's 254 as well as maxLength (decision email-readings).
  return fc.oneof(everyday, boundaryLength(Math.min(max, RFC5321_ADDRESS_LENGTH)).filter((length) => length >= 6).map(emailOfLength));
}


/** A valid value of one field. */
function validValue(field: FieldSchema): fc.Arbitrary<unknown> {
  if (field.type === 'integer') return fc.integer({ min: 1, max: 9999 });
  const max = field.maxLength ?? 40;
  if (field.format === 'email') return email(max);
  if (field.pattern !== undefined) return nordicPhone;
  // Codes, not names (decision code-field-content): the decided codes alone. A code of the same shape
  // may name no country, product or post office, and a provider may check a code against its list.
  const codes = decidedCodes[field.name];
  if (codes !== undefined && codes.length > 0) return fc.constantFrom(...codes);
  return boundaryLength(max).chain(textOfLength);
}

const VALUES: Readonly<Record<string, fc.Arbitrary<unknown>>> = Object.fromEntries(FIELDS.map((field) => [field.name, validValue(field)]));

/**
 * The criteria a known-customer search may be narrowed by: every request field the requirement
 * does not name, whether a Customer property shows it (a name) or its matching decision places it
 * (a product code): adding any of them must never widen a search.
 */
const NARROWING_FIELDS: readonly string[] = [...searchCriteria.criteria.map((criterion) => criterion.field), ...searchCriteria.held.map((held) => held.field)].filter(
  (field) => !REQUIREMENT_FIELDS.has(field) && VALUES[field] !== undefined,
);

/** A valid search over one branch of the requirement, every other field present or absent. */
function searchOver(combination: readonly string[]): fc.Arbitrary<Body> {
  return fc.record(VALUES, { requiredKeys: [...combination] }) as fc.Arbitrary<Body>;
}

const validSearch: fc.Arbitrary<{ combination: string[]; body: Body }> = fc
  .constantFrom(...COMBINATIONS)
  .chain((combination) => searchOver(combination).map((body) => ({ combination, body })))
  .filter(({ body }) => isValidSearchRequest(body));

function describe(body: Body): string {
  const fields = Object.keys(body);
  return `${fields.length} field${fields.length === 1 ? '' : 's'}`;
}

/** Valid searches: each must be answered 200 with a conforming body. */
export function validRequests(): fc.Arbitrary<GeneratedRequest> {
  return validSearch.map(({ combination, body }) => ({
    label: `valid ${combination.join(' + ')} search, ${describe(body)}`,
    request: { body, auth: 'valid' as const },
    expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const },
    contractPath: '#/components/schemas/SearchCustomerRequest',
  }));
}

/** True when ajv reports the body broken under `pointerPrefix`. */
function breaksAt(body: unknown, pointerPrefix: string): boolean {
  return validateSchema('SearchCustomerRequest', body).some((violation) => violation.contractPath.startsWith(pointerPrefix));
}

interface Mutation {
  readonly label: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly rule: RefusalRule | 'no-server-error';
  readonly contractPath: string;
}

function pickField(fields: readonly FieldSchema[]): fc.Arbitrary<FieldSchema> {
  return fc.constantFrom(...fields);
}

const tooLong = (base: Body): fc.Arbitrary<Mutation> =>
  fc
    .tuple(pickField(STRING_FIELDS), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 9 }, { arbitrary: fc.constant(ABSURD_LENGTH), weight: 1 }))
    .chain(([field, extra]) => {
      const length = extra === ABSURD_LENGTH ? ABSURD_LENGTH : (field.maxLength ?? 0) + extra;
      const value = field.format === 'email' ? fc.constant(emailOfLength(Math.max(length, 6))) : textOfLength(length);
      return value.map(
        (text): Mutation => ({
          label: `${field.name} of ${length} characters (maxLength ${field.maxLength}) refused`,
          body: { ...base, [field.name]: text },
          rule: 'field-max-length',
          contractPath: `${field.pointer}/maxLength`,
        }),
      );
    });

/** Wrong types no common JSON binder coerces (contradiction scalar-coercion). */
const wrongType = (base: Body): fc.Arbitrary<Mutation> =>
  fc.oneof(
    pickField(STRING_FIELDS).map((field): Mutation => ({
      label: `${field.name} as an object refused`,
      body: { ...base, [field.name]: { value: 'Nordmann' } },
      rule: 'field-type',
      contractPath: `${field.pointer}/type`,
    })),
    fc.tuple(pickField(INTEGER_FIELDS), fc.constantFrom<[string, unknown]>(['a word', 'seks'], ['an array', [6]], ['an object', { number: 6 }], ['a boolean', true])).map(
      ([field, [what, value]]): Mutation => ({
        label: `${field.name} as ${what} refused`,
        body: { ...base, [field.name]: value },
        rule: 'field-type',
        contractPath: `${field.pointer}/type`,
      }),
    ),
  );

/** Broken emails and numbers that no reading of the page allows (contradiction phone-number-notation). */
const wrongFormat = (base: Body): fc.Arbitrary<Mutation> => {
  const emailField = FIELDS.find((field) => field.format === 'email');
  const phoneField = FIELDS.find((field) => field.pattern !== undefined);
  const options: fc.Arbitrary<Mutation>[] = [];
  if (emailField) {
    options.push(
      fc
        .tuple(email(60), fc.constantFrom<[string, (value: string) => string]>(
          ['without @', (value) => value.replace('@', '')],
          ['with two @', (value) => value.replace('@', '@@')],
          ['with a space', (value) => value.replace('@', ' @')],
          ['without a domain', (value) => value.slice(0, value.indexOf('@') + 1)],
          ['without a local part', (value) => value.slice(value.indexOf('@'))],
        ))
        .map(([value, [how, mutate]]): Mutation => ({
          label: `email ${how} refused`,
          body: { ...base, email: mutate(value) },
          rule: 'field-format',
          contractPath: `${emailField.pointer}/format`,
        })),
    );
  }
  if (phoneField) {
    const max = phoneField.maxLength ?? 20;
    options.push(
      fc
        .tuple(nordicPhone, fc.integer({ min: 16, max: max - 1 }), fc.constantFrom<[string, 'letters' | 'digits' | 'plus']>(['with letters', 'letters'], ['with too many digits', 'digits'], ['with two +', 'plus']))
        .map(([value, digits, [how, kind]]): Mutation => ({
          label: `phoneNumber ${how} refused`,
          body: {
            ...base,
            phoneNumber: kind === 'letters' ? `${value.slice(0, 4)}ABC${value.slice(4)}` : kind === 'plus' ? `+${value}` : `+${'47'.padEnd(digits, '5')}`,
          },
          rule: 'field-format',
          contractPath: `${phoneField.pointer}/${phoneField.pattern !== undefined ? 'pattern' : 'format'}`,
        })),
    );
  }
  return fc.oneof(...options);
};

/** A search that lacks one part of every branch of the requirement. */
const incomplete: fc.Arbitrary<Mutation> = fc
  .constantFrom(...COMBINATIONS.filter((combination) => combination.length > 1))
  .chain((combination) =>
    fc.tuple(fc.subarray(combination, { minLength: 1, maxLength: combination.length - 1 }), fc.record(VALUES, { requiredKeys: [] })).map(([kept, extra]): Mutation => {
      const body: Body = Object.fromEntries(Object.entries(extra).filter(([name]) => !REQUIREMENT_FIELDS.has(name)));
      for (const name of kept) body[name] = (extra as Body)[name] ?? 'Nordmann';
      return { label: `only ${kept.join(' + ')} of ${combination.join(' + ')} refused`, body, rule: 'search-requirement', contractPath: SEARCH_REQUIREMENT_POINTER };
    }),
  );

/** What real clients send by mistake: bodies that are not JSON, or not an object. */
const notASearch = (base: Body): fc.Arbitrary<Mutation> => {
  const json = JSON.stringify(base);
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, json.length - 1) }).map((cut): Mutation => ({
      label: `a body cut short after ${cut} characters refused`,
      rawBody: json.slice(0, cut),
      rule: 'invalid-body-refused',
      contractPath: '#/components/schemas/SearchCustomerRequest/type',
    })),
    fc.constantFrom<[string, string]>(['single quotes', json.replaceAll('"', "'")], ['a trailing comma', `${json.slice(0, -1)},}`], ['form encoding', new URLSearchParams(base as Record<string, string>).toString()]).map(
      ([what, rawBody]): Mutation => ({ label: `a body with ${what} refused`, rawBody, rule: 'invalid-body-refused', contractPath: '#/components/schemas/SearchCustomerRequest/type' }),
    ),
    fc.constantFrom<[string, unknown]>(['an array of the search', [base]], ['a string', json], ['a number', 47], ['null', null], ['true', true]).map(
      ([what, body]): Mutation => ({ label: `${what} as the body refused`, body, rule: 'invalid-body-refused', contractPath: '#/components/schemas/SearchCustomerRequest/type' }),
    ),
  );
};

/** A property the contract does not list: the page does not rule (contradiction customer-number-criterion). */
const unknownProperty = (base: Body): fc.Arbitrary<Mutation> =>
  fc
    .tuple(fc.constantFrom('customerNumber', 'id', 'searchType', 'limit', 'fuzzy'), fc.oneof(fc.integer(), fc.string(), fc.boolean()))
    .filter(([name]) => !FIELDS.some((field) => field.name === name))
    .map(([name, value]): Mutation => ({
      label: `an undocumented ${name} property`,
      body: { ...base, [name]: value },
      rule: 'no-server-error',
      contractPath: '#/components/schemas/SearchCustomerRequest/properties',
    }));

function confirmed(mutation: Mutation): boolean {
  if (mutation.rawBody !== undefined) return !parses(mutation.rawBody);
  if (mutation.rule === 'no-server-error') return isValidSearchRequest(mutation.body);
  const prefix = mutation.rule === 'invalid-body-refused' ? '#/components/schemas/SearchCustomerRequest/type' : mutation.contractPath;
  return breaksAt(mutation.body, prefix);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Invalid requests, each one mutation away from a valid search (length, type, format, pattern,
 * requirement), and inputs outside the schema (bodies that are not JSON or not objects, undocumented
 * properties). ajv confirms each breaks the schema where its label says; the undocumented property
 * is the one input the page leaves open, so only the universal rules judge it.
 */
export function invalidRequests(): fc.Arbitrary<GeneratedRequest> {
  return validSearch
    .chain(({ body }) =>
      fc.oneof(
        { arbitrary: tooLong(body), weight: 3 },
        { arbitrary: wrongType(body), weight: 2 },
        { arbitrary: wrongFormat(body), weight: 2 },
        { arbitrary: incomplete, weight: 2 },
        { arbitrary: notASearch(body), weight: 2 },
        { arbitrary: unknownProperty(body), weight: 1 },
      ),
    )
    .filter(confirmed)
    .map((mutation) => ({
      label: mutation.label,
      request: { body: mutation.body, ...(mutation.rawBody !== undefined ? { rawBody: rawText(mutation.rawBody) } : {}), auth: 'valid' as const },
      expectation: mutation.rule === 'no-server-error' ? { kind: 'unruled' as const, rule: 'no-server-error' as const } : { kind: 'refused' as const, rule: mutation.rule },
      contractPath: mutation.contractPath,
    }));
}

/**
 * Searches built from the profile's known customer: one branch of the requirement from its
 * values, other known values added or not. Each must find the customer, and a phone or email
 * search only holders of that value. Half of them also add a criterion the customer may not meet
 * (a product code, or a further name), and are judged against the same search without it.
 */
export function knownCustomerRequests(profile: TargetProfile): fc.Arbitrary<GeneratedRequest> {
  const known = profile.knownCustomer;
  const values: Body = { ...known.nameAddressSearch, phoneNumber: known.phoneNumber, email: known.email };
  const usable = COMBINATIONS.filter((combination) => combination.every((name) => values[name] !== undefined));
  const extras = Object.keys(values);
  const narrowing = fc.constantFrom(...NARROWING_FIELDS).chain((name) => (VALUES[name] ?? fc.constant('Ødegård')).map((value) => [name, value] as const));
  return fc
    .tuple(fc.constantFrom(...usable), fc.subarray(extras), fc.option(narrowing, { nil: undefined }))
    .map(([combination, added, narrow]) => {
      const wider: Body = Object.fromEntries([...new Set([...combination, ...added])].map((name) => [name, values[name]]));
      const results = {
        customerNumber: known.customerNumber,
        ...(wider.phoneNumber !== undefined ? { phoneNumber: known.phoneNumber } : {}),
        ...(wider.email !== undefined ? { email: known.email } : {}),
      };
      const label = `the known customer by ${Object.keys(wider).join(' + ')}`;
      if (!narrow) {
        return { label: `${label} found`, request: { body: wider, auth: 'valid' as const }, expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const, results }, contractPath: '#/components/schemas/Customer' };
      }
      const [name, value] = narrow;
      return {
        label: `${label}, narrowed by ${name}, never wider`,
        request: { body: { ...wider, [name]: value }, auth: 'valid' as const },
        // The added criterion may leave the known customer out; who is left must still hold the phone or email.
        expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const, results: { ...(results.phoneNumber ? { phoneNumber: results.phoneNumber } : {}), ...(results.email ? { email: results.email } : {}) } },
        contractPath: `#/components/schemas/SearchCustomerRequest/properties/${name}`,
        wider: { body: wider, auth: 'valid' as const },
      };
    })
    .filter((generated) => isValidSearchRequest(generated.request.body) && (generated.wider === undefined || isValidSearchRequest(generated.wider.body)));
}
