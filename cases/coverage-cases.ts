import { customerPropertyNames, OPERATION_POINTER, requestFields, searchRequirementCombinations, type FieldSchema } from '../contracts/contract-reader';
import { validateSchema } from '../contracts/contract-validator';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedRequestExample } from '../contracts/documented-request-example';
import { rawBodyBytes, rawBytes, rawText, type ExchangeRequest, type Expectation, type RawBody, type RefusalRule } from '../contracts/exchange';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { TargetProfile } from '../client/target-profile';
import { emailOfLength, phoneOfLength, RFC5321_ADDRESS_LENGTH } from './boundary-values';
import type { ContractCase } from './contract-case';
import { characterCount, marketText } from './market-text';
import { textClasses } from './text-classes';
import { decidedRequestExample, exampleRepairs } from './decided-request-example';

/**
 * The coverage phase: values derived from the contract keyword by keyword, for every request field,
 * in the manner of Schemathesis' coverage phase but deterministic and judged by recorded decisions.
 * For each keyword a field declares (type, maxLength, format, pattern, integer), values at and inside
 * every bound and of each allowed type are due a 200; every other JSON type, every bound crossed and
 * near misses of formats and patterns are due a 400 under the keyword's rule; where the page does
 * not rule (contracts/documentation-contradictions.ts), only "no 5xx" is judged, and the entry names
 * the contradiction that says so. ajv confirms every label before anything is sent.
 */

/** What the coverage phase asserts of one value. */
export type CoverageVerdict =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused'; readonly rule: RefusalRule }
  /** The page does not rule: `decision` is the contradiction id that says so. */
  | { readonly kind: 'unruled'; readonly decision: string };

/** The keyword (or part of the contract) a value covers: a row group of the coverage table. */
export type CoverageKeyword = 'type' | 'maxLength' | 'format' | 'pattern' | 'integer' | 'text' | 'example' | 'properties' | 'body';

export interface CoverageEntry {
  /** Request fields the value is put in (empty for whole bodies). */
  readonly fields: readonly string[];
  readonly keyword: CoverageKeyword;
  /** What the value is, for titles and the table. */
  readonly label: string;
  /** The value put in each field, or the body; a raw body for bytes. */
  readonly value: unknown;
  readonly verdict: CoverageVerdict;
  /** Set when the value comes from the target profile (customer data, masked in the table). */
  readonly fromProfile?: true;
  readonly case: ContractCase;
}

const REQUEST_POINTER = '#/components/schemas/SearchCustomerRequest';
const BODY_TYPE_POINTER = `${REQUEST_POINTER}/type`;
const BODY_CONTENT_POINTER = `${OPERATION_POINTER}/requestBody/content/application~1json`;

const decision = (id: string) => {
  const found = documentationContradictions.find((item) => item.id === id);
  if (!found) throw new Error(`Case generator bug: no recorded decision ${id}`);
  return found;
};

/** Realistic codes by field, for fields whose content is a code (decision code-field-content), where a 200 is due. */
const CODES = decision('code-field-content').codes ?? {};
const CODE_FIELDS = new Set(Object.keys(CODES));

/** Codes, not names (decision code-field-content): the decision's first code, repeated to the length under test. */
const CODE_FILLER: Readonly<Record<string, string | undefined>> = Object.fromEntries(Object.entries(CODES).map(([field, codes]) => [field, codes[0]]));

const isText = (field: FieldSchema): boolean => field.type === 'string' && field.format === undefined && field.pattern === undefined;

/**
 * A value of exactly `length` code points that looks like the field's real content: Nordic names and
 * addresses, so a provider that counts a limit in bytes or UTF-16 units fails at the boundary.
 */
function textOfLength(field: FieldSchema, length: number): string {
  const filler = CODE_FILLER[field.name];
  if (filler === undefined) return marketText(length, field.name.length);
  return filler.repeat(Math.ceil(length / filler.length)).slice(0, length);
}

/** The longest value every reading accepts: for an email, within RFC 5321's 254 as well as maxLength (decision email-readings). */
function longestValid(field: FieldSchema): string {
  const max = field.maxLength ?? 0;
  if (field.format === 'email') return emailOfLength(Math.min(max, RFC5321_ADDRESS_LENGTH));
  if (field.pattern !== undefined) return phoneOfLength(max);
  return textOfLength(field, max);
}

function onePastMax(field: FieldSchema): string {
  const max = field.maxLength ?? 0;
  if (field.format === 'email') return emailOfLength(max + 1);
  if (field.pattern !== undefined) return `+47${'1'.repeat(max - 2)}`;
  return textOfLength(field, max + 1);
}

/** A value past its field's limit, for the oversized class: which field, what it is, what is sent. */
interface OversizedValue {
  readonly target: FieldSchema | readonly FieldSchema[];
  readonly label: string;
  readonly valueFor: (field: FieldSchema) => string;
}

/** Plain ASCII text of exactly `length` characters, cheap to build at a mebibyte. */
const bulkText = (length: number): string => 'Grubbegata'.repeat(Math.ceil(length / 10)).slice(0, length);

/**
 * Values far past every bound, sent in the deterministic phase so that a provider that fails on them
 * fails on every run, not on a lucky seed: a hundred times every limit in every string field at once, 64 KiB
 * in one free-text field of the search requirement, and one past 1 MiB, where proxies commonly stop (decision request-size).
 * 400 is due; 413 is accepted too, as for any body larger than a valid search can be.
 */
function oversizedValues(stringFields: readonly FieldSchema[], textFields: readonly FieldSchema[]): OversizedValue[] {
  // The single large value goes in a free-text field the search requirement names (companyName), so a
  // field added to the contract later does not move it.
  const required = new Set(searchRequirementCombinations().flat());
  const first = textFields.find((field) => required.has(field.name)) ?? textFields[0];
  const sizes = [64 * 1024, 1024 * 1024 + 1];
  return [
    { target: stringFields, label: 'a hundred times maxLength (far past every bound)', valueFor: (field) => textOfLength(field, (field.maxLength ?? 1) * 100) },
    ...(first ? sizes.map((size) => ({ target: first, label: `${size} characters (far past every bound)`, valueFor: () => bulkText(size) })) : []),
  ];
}

/** Where a verdict is confirmed by ajv: the keyword's own pointer. */
function breaksAt(body: unknown, pointerPrefix: string): boolean {
  return validateSchema('SearchCustomerRequest', body).some((violation) => violation.contractPath.startsWith(pointerPrefix));
}

function expectationOf(verdict: CoverageVerdict): Expectation {
  switch (verdict.kind) {
    case 'accepted':
      return { kind: 'accepted', rule: 'valid-search-accepted' };
    case 'refused':
      return { kind: 'refused', rule: verdict.rule };
    case 'unruled':
      return { kind: 'unruled', rule: 'no-server-error' };
  }
}

const verdictWords = (verdict: CoverageVerdict): string => (verdict.kind === 'unruled' ? 'is not answered 5xx' : verdict.kind);

const accepted: CoverageVerdict = { kind: 'accepted' };
const refused = (rule: RefusalRule): CoverageVerdict => ({ kind: 'refused', rule });
const unruled = (id: string): CoverageVerdict => ({ kind: 'unruled', decision: decision(id).id });

/** One value of a keyword's near misses: what it is, the value, and what is due. */
type LabelledValue = readonly [label: string, value: unknown, verdict: CoverageVerdict];

/** streetNumber (every integer field): the type's own edges, then each other JSON type. */
const INTEGER_VALUES: readonly (readonly [CoverageKeyword, ...LabelledValue])[] = [
  ['integer', '1 (the smallest street number)', 1, accepted],
  ['integer', '2147483647 (the largest 32-bit integer)', 2 ** 31 - 1, unruled('integer-range')],
  ['integer', '0', 0, unruled('integer-range')],
  ['integer', '-1', -1, unruled('integer-range')],
  ['integer', '2147483648 (one past 32 bits)', 2 ** 31, unruled('integer-range')],
  ['integer', '9007199254740991 (2^53 - 1)', Number.MAX_SAFE_INTEGER, unruled('integer-range')],
  ['type', 'a word instead of an integer', 'six', refused('field-type')],
  ['type', 'an array instead of an integer', [6, 7], refused('field-type')],
  ['type', 'an object instead of an integer', { number: 6 }, refused('field-type')],
  ['type', 'a boolean instead of an integer', true, refused('field-type')],
  ['type', 'the fraction 6.5 instead of an integer', 6.5, unruled('scalar-coercion')],
  ['type', 'the numeric string "6" instead of an integer', '6', unruled('scalar-coercion')],
  ['type', 'null instead of an integer', null, unruled('scalar-coercion')],
];

/** Emails on both sides of the format, each one edit from a value of the other side (decision email-readings). */
const EMAIL_VALUES: readonly LabelledValue[] = [
  ['a tagged address on a subdomain', 'first.last+tag@mail.example.no', accepted],
  ['a one-character local part', 'o@company.no', accepted],
  ['a 64-character local part (the longest RFC 5321 allows)', `${'o'.repeat(64)}@company.no`, accepted],
  ['upper case', 'OLA.NORDMANN@COMPANY.COM', accepted],
  ['a hyphen and digits in the domain', 'ola@mail-1.company.no', accepted],
  ...['ola.nordmann', 'ola.nordmann@', '@company.com', 'ola nordmann@company.com', 'ola@@company.com'].map((value): LabelledValue => [JSON.stringify(value), value, refused('field-format')]),
  ['a leading dot in the local part', '.ola@company.com', unruled('email-readings')],
  ['a doubled dot in the local part', 'ola..nordmann@company.com', unruled('email-readings')],
  ['a doubled dot in the domain', 'ola@company..com', unruled('email-readings')],
  ['a comma in the domain', 'ola@company,com', unruled('email-readings')],
  ['a non-ASCII local part', 'øla@company.no', unruled('email-readings')],
  ['an internationalised domain', 'ola@bjørnstad.no', unruled('email-readings')],
  ['a domain without a dot', 'ola@localhost', unruled('email-readings')],
  ['a quoted local part', '"ola nordmann"@company.com', unruled('email-readings')],
  ['a trailing dot', 'ola@company.com.', unruled('email-readings')],
  ['surrounding spaces', ' ola@company.com ', unruled('email-readings')],
];

/** Phone numbers on both sides of the pattern (decision phone-number-notation). */
const PHONE_VALUES: readonly LabelledValue[] = [
  ['a Norwegian landline', '+4723339100', accepted],
  ['a US number', '+12025550123', accepted],
  ['a Swedish mobile', '+46701234567', accepted],
  ...(
    [
      [' (16 digits, fits maxLength)', '+4712345678901234'],
      ['', '+47ABCDEFGH'],
      ['', '+4712345678A'],
      ['', '++4712345678'],
      ['', '+'],
      [' (country digit 0)', '+0712345678'],
    ] as const
  ).map(([note, value]): LabelledValue => [`${JSON.stringify(value)}${note}`, value, refused('field-format')]),
  ['digits without "+"', '4712345678', unruled('phone-number-notation')],
  ['the "00" dialling prefix', '004712345678', unruled('phone-number-notation')],
  ['spaces between digits', '+47 12 34 56 78', unruled('phone-number-notation')],
  ['hyphens between digits', '+47-1234-5678', unruled('phone-number-notation')],
  ['a trailing newline', '+4712345678\n', unruled('phone-number-notation')],
  ['the shortest number the pattern allows', '+12', unruled('phone-number-notation')],
];

/** Where coverage entries go: `add` records one entry and its case, `addValue` one value in one field or several. */
interface CoverageSink {
  readonly known: TargetProfile['knownCustomer'];
  add(entry: Omit<CoverageEntry, 'case'>, request: ExchangeRequest, contractPath: string, title: string): void;
  addValue(target: FieldSchema | readonly FieldSchema[], keyword: CoverageKeyword, label: string, value: unknown, verdict: CoverageVerdict, options?: { fromProfile?: true; valueFor?: (field: FieldSchema) => unknown }): void;
}

/**
 * A sink recording into `entries`. Field values ride on a valid search: phone and email alone, every
 * other field on the profile's name/address search, so the value under test is the only thing that
 * can make the answer differ. Every verdict is confirmed by ajv before it is recorded.
 */
function coverageSink(profile: TargetProfile, entries: CoverageEntry[]): CoverageSink {
  const known = profile.knownCustomer;
  // Fields that make a search on their own (phone, email): a value in one of them is sent alone.
  const standalone = new Set(searchRequirementCombinations().flatMap((combination) => (combination.length === 1 ? combination : [])));
  const searchWith = (assignments: Readonly<Record<string, unknown>>): SearchRequestBody => {
    const [name, ...others] = Object.keys(assignments);
    if (name !== undefined && others.length === 0 && standalone.has(name)) return { ...assignments };
    return { ...known.nameAddressSearch, ...assignments };
  };
  const add: CoverageSink['add'] = (entry, request, contractPath, title) => {
    const { verdict } = entry;
    if (verdict.kind === 'accepted' && validateSchema('SearchCustomerRequest', request.body).length > 0) {
      throw new Error(`Case generator bug: "${title}" should be a valid request`);
    }
    if (verdict.kind === 'refused') {
      const prefix = verdict.rule === 'invalid-body-refused' ? BODY_TYPE_POINTER : contractPath;
      const confirmed = request.rawBody !== undefined ? !parsesAsJson(request.rawBody) : breaksAt(request.body, prefix);
      if (!confirmed) throw new Error(`Case generator bug: "${title}" should break ${prefix}`);
    }
    entries.push({ ...entry, case: { title, request, expectation: expectationOf(verdict), contractPath } });
  };
  // One value in one field (or in several at once), titled `<field>: <label> <verdict>`.
  const addValue: CoverageSink['addValue'] = (target, keyword, label, value, verdict, options = {}) => {
    // One field has a name; a list of them has none.
    const single = 'name' in target ? target : undefined;
    const list = 'name' in target ? [target] : target;
    const valueFor = options.valueFor ?? (() => value);
    const body = searchWith(Object.fromEntries(list.map((field) => [field.name, valueFor(field)])));
    const head = single ? single.name : groupName(list);
    const contractPath = single ? `${single.pointer}/${keyword === 'integer' ? 'type' : keyword === 'text' ? 'maxLength' : keyword}` : `${REQUEST_POINTER}/properties`;
    const shown = single ? valueFor(single) : Object.fromEntries(list.map((field) => [field.name, valueFor(field)]));
    add(
      { fields: list.map((field) => field.name), keyword, label, value: shown, verdict, ...(options.fromProfile ? { fromProfile: true as const } : {}) },
      { body, auth: 'valid' },
      contractPath,
      `${head}: ${label} ${verdictWords(verdict)}`,
    );
  };
  return { known, add, addValue };
}

/** The request fields by class: every string, free text, codes. */
interface FieldGroups {
  readonly fields: readonly FieldSchema[];
  readonly stringFields: readonly FieldSchema[];
  readonly textFields: readonly FieldSchema[];
  readonly codeFields: readonly FieldSchema[];
}

/** maxLength: the longest valid value and one past it, field by field; inside every bound; far past every bound. */
function lengthEntries(sink: CoverageSink, { stringFields, textFields, codeFields }: FieldGroups): void {
  for (const field of stringFields) {
    if (field.maxLength === undefined) continue;
    const longest = longestValid(field);
    sink.addValue(field, 'maxLength', `${characterCount(longest)} characters (the longest valid value)`, longest, accepted);
    // An email the page's maxLength allows past RFC 5321's 254: a reading of the RFC refuses it.
    if (field.format === 'email' && field.maxLength > RFC5321_ADDRESS_LENGTH) {
      const pageOnly = emailOfLength(field.maxLength);
      sink.addValue(field, 'maxLength', `${characterCount(pageOnly)} characters (maxLength, past RFC 5321's ${RFC5321_ADDRESS_LENGTH})`, pageOnly, unruled('email-readings'));
    }
    const past = onePastMax(field);
    sink.addValue(field, 'maxLength', `${characterCount(past)} characters (maxLength ${field.maxLength} + 1)`, past, refused('field-max-length'));
  }
  // Inside every bound: one character in every free-text field, real codes in the code fields.
  sink.addValue(textFields, 'maxLength', '1 character (inside the bound)', 'B', accepted);
  sink.addValue(codeFields, 'maxLength', 'real codes inside their bounds', undefined, accepted, { valueFor: (field) => decidedRequestExample[field.name] });
  for (const item of oversizedValues(stringFields, textFields)) sink.addValue(item.target, 'maxLength', item.label, undefined, refused('field-max-length'), { valueFor: item.valueFor });
}

/**
 * type: for strings each other JSON type (containers no binder coerces are refused field by field;
 * scalars and null are coerced or read as absent by common binders, decision scalar-coercion); for
 * integers the type's own edges and each other JSON type.
 */
function typeEntries(sink: CoverageSink, { fields, stringFields }: FieldGroups): void {
  for (const field of stringFields) {
    sink.addValue(field, 'type', 'an object instead of a string', { value: 'x' }, refused('field-type'));
    sink.addValue(field, 'type', 'an array of two strings instead of a string', ['Nordmann', 'Hansen'], refused('field-type'));
  }
  for (const [label, value] of [
    ['null', null],
    ['true', true],
    ['false', false],
    ['the integer 47', 47],
    ['the fraction 4.7', 4.7],
  ] as const) {
    sink.addValue(stringFields, 'type', `${label} instead of a string`, value, unruled('scalar-coercion'));
  }
  for (const field of fields.filter((candidate) => candidate.type === 'integer')) {
    sink.addValue(field, 'type', 'an integer', 6, accepted);
    for (const [keyword, label, value, verdict] of INTEGER_VALUES) sink.addValue(field, keyword, label, value, verdict);
  }
}

/** text: every class of code point, in every free-text field at once (limits are judged field by field). */
function textEntries(sink: CoverageSink, { textFields, codeFields }: FieldGroups): void {
  for (const textClass of textClasses) {
    if (textClass.name === 'nordic') continue; // every field's longest value is Nordic text
    const inText = textClass.ruled ? accepted : unruled('text-characters');
    const lengthNote = textClass.ruled ? ' at maxLength' : '';
    sink.addValue(textFields, 'text', `${textClass.label}${lengthNote}`, undefined, inText, { valueFor: (field) => textClass.text(field.maxLength ?? 1) });
    // The code fields get the same characters; the page does not rule on their content.
    sink.addValue(codeFields, 'text', `${textClass.label}${lengthNote}`, undefined, textClass.ruled ? unruled('code-field-content') : unruled('text-characters'), {
      valueFor: (field) => textClass.text(field.maxLength ?? 1),
    });
  }
}

/** format and pattern: near misses on both sides, each one edit from a value of the other side. */
function formatEntries(sink: CoverageSink, { stringFields }: FieldGroups): void {
  for (const field of stringFields.filter((candidate) => candidate.format === 'email')) {
    sink.addValue(field, 'format', "the profile's email", sink.known.email, accepted, { fromProfile: true });
    for (const [label, value, verdict] of EMAIL_VALUES) sink.addValue(field, 'format', label, value, verdict);
  }
  for (const field of stringFields.filter((candidate) => candidate.pattern !== undefined)) {
    sink.addValue(field, 'pattern', "the profile's phone number", sink.known.phoneNumber, accepted, { fromProfile: true });
    for (const [label, value, verdict] of PHONE_VALUES) sink.addValue(field, 'pattern', label, value, verdict);
  }
}

/** example: the page's own request, as printed and with the recorded decisions applied. */
function exampleEntries(sink: CoverageSink): void {
  const example = { ...documentedRequestExample };
  const repairs = exampleRepairs();
  const printedBreaks = documentationContradictions.filter((item) => item.exampleViolations?.request?.length).map((item) => item.id);
  sink.add(
    { fields: [], keyword: 'example', label: "the page's request example as printed", value: example, verdict: unruled(printedBreaks[0] ?? 'postal-code-type') },
    { body: example, auth: 'valid' },
    REQUEST_POINTER,
    "page example: the request example as printed is not answered 5xx",
  );
  const decided = { ...decidedRequestExample };
  sink.add(
    { fields: [], keyword: 'example', label: `the page's request example with ${Object.keys(repairs).join(', ')} as decided`, value: decided, verdict: accepted },
    { body: decided, auth: 'valid' },
    REQUEST_POINTER,
    `page example: the request example with ${Object.keys(repairs).join(', ')} as decided accepted`,
  );
}

/**
 * properties: a name the request does not declare, derived from the contract (a customer property
 * the request lacks, and a declared name in other case); the page does not rule.
 */
function propertyEntries(sink: CoverageSink, { fields }: FieldGroups): void {
  const known = sink.known;
  const declared = new Set(fields.map((field) => field.name));
  const foreign = customerPropertyNames().find((name) => !declared.has(name));
  if (foreign) {
    const value = foreign === 'customerNumber' ? known.customerNumber : 'x';
    sink.add(
      { fields: [foreign], keyword: 'properties', label: `an undocumented ${foreign} beside a phone search`, value, verdict: unruled('customer-number-criterion'), fromProfile: true },
      { body: { phoneNumber: known.phoneNumber, [foreign]: value }, auth: 'valid' },
      `${REQUEST_POINTER}/properties`,
      `undocumented field: a ${foreign} beside a phone search is not answered 5xx`,
    );
  }
  const phone = fields.find((field) => field.pattern !== undefined)?.name;
  const recased = phone && `${phone.charAt(0).toUpperCase()}${phone.slice(1)}`;
  if (phone && recased && !declared.has(recased)) {
    sink.add(
      { fields: [recased], keyword: 'properties', label: `${recased} (a declared name in other case) in place of ${phone}`, value: known.phoneNumber, verdict: unruled('customer-number-criterion'), fromProfile: true },
      { body: { [recased]: known.phoneNumber }, auth: 'valid' },
      `${REQUEST_POINTER}/properties`,
      `undocumented field: ${recased} in place of ${phone} is not answered 5xx`,
    );
  }
}

/**
 * The coverage phase for one target profile, keyword by keyword: lengths, types, text classes,
 * formats, the page's example, undocumented properties, whole bodies.
 */
export function coverageEntries(profile: TargetProfile): CoverageEntry[] {
  const entries: CoverageEntry[] = [];
  const sink = coverageSink(profile, entries);
  const fields = requestFields();
  const groups: FieldGroups = {
    fields,
    stringFields: fields.filter((field) => field.type === 'string'),
    textFields: fields.filter((field) => isText(field) && !CODE_FIELDS.has(field.name)),
    codeFields: fields.filter((field) => isText(field) && CODE_FIELDS.has(field.name)),
  };
  lengthEntries(sink, groups);
  typeEntries(sink, groups);
  textEntries(sink, groups);
  formatEntries(sink, groups);
  exampleEntries(sink);
  propertyEntries(sink, groups);
  // body: bytes exactly as written (decision body-encoding).
  for (const [label, request, verdict, path] of bodyValues(profile.knownCustomer)) {
    const value = request.rawBody ?? request.body;
    sink.add({ fields: [], keyword: 'body', label, value, verdict, fromProfile: true }, request, path, `invalid body: ${label} ${verdictWords(verdict)}`);
  }
  for (const [label, request] of [...jsonSpellings(profile.knownCustomer), ...mediaTypeSpellings(profile.knownCustomer), ...acceptSpellings(profile.knownCustomer)]) {
    sink.add({ fields: [], keyword: 'body', label, value: request.rawBody, verdict: accepted, fromProfile: true }, request, BODY_CONTENT_POINTER, `body: ${label} accepted`);
  }
  return entries;
}

/**
 * Whole bodies, as bytes exactly as written: JSON that is not an object and text that is not JSON are
 * refused; encodings the page does not name are judged only by "no 5xx" (decision body-encoding).
 */
function bodyValues(known: TargetProfile['knownCustomer']): [string, ExchangeRequest, CoverageVerdict, string][] {
  const search = { phoneNumber: known.phoneNumber };
  const json = JSON.stringify(search);
  const nordic = JSON.stringify({ ...known.nameAddressSearch, lastName: 'Ødegård', streetAddress: 'Kærlighedsstien' });
  const [beforeBad = '', afterBad = ''] = JSON.stringify({ ...known.nameAddressSearch, lastName: 'N#ordmann' }).split('#');
  return [
    ['a body cut short', { body: undefined, rawBody: rawText(json.slice(0, -1)), auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['a body in single quotes', { body: undefined, rawBody: rawText(json.replaceAll('"', "'")), auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['a body with a trailing comma', { body: undefined, rawBody: rawText(`${json.slice(0, -1)},}`), auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['a form-encoded body', { body: undefined, rawBody: rawText(new URLSearchParams(search).toString()), auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['an empty body', { body: undefined, rawBody: rawText(''), auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['the search as a JSON string', { body: json, auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['an array body', { body: [search], auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['a number body', { body: 47, auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['a null body', { body: null, auth: 'valid' }, refused('invalid-body-refused'), BODY_TYPE_POINTER],
    ['content after the object', { body: undefined, rawBody: rawText(`${json} {}`), auth: 'valid' }, unruled('body-encoding'), BODY_CONTENT_POINTER],
    ['a duplicate key', { body: undefined, rawBody: rawText(`{"phoneNumber":"+4700000000",${json.slice(1)}`), auth: 'valid' }, unruled('body-encoding'), BODY_CONTENT_POINTER],
    ['a UTF-8 byte-order mark', { body: undefined, rawBody: rawBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])), auth: 'valid' }, unruled('body-encoding'), BODY_CONTENT_POINTER],
    ['Latin-1 bytes (Ødegård as ISO 8859-1)', { body: undefined, rawBody: rawBytes(Buffer.from(nordic, 'latin1')), auth: 'valid' }, unruled('body-encoding'), BODY_CONTENT_POINTER],
    ['UTF-16 bytes with a byte-order mark', { body: undefined, rawBody: rawBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])), auth: 'valid' }, unruled('body-encoding'), BODY_CONTENT_POINTER],
    [
      'invalid UTF-8 (stray, overlong, surrogate bytes)',
      { body: undefined, rawBody: rawBytes(Buffer.concat([Buffer.from(beforeBad), Buffer.from([0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(afterBad)])), auth: 'valid' },
      unruled('body-encoding'),
      BODY_CONTENT_POINTER,
    ],
  ];
}

/** Every UTF-16 code unit of a text as a `\\uXXXX` escape (RFC 8259 §7), its hex digits in the given case. */
const escapedString = (text: string, upper: boolean): string =>
  `"${Array.from({ length: text.length }, (_, index) => text.charCodeAt(index).toString(16).padStart(4, '0'))
    .map((hex) => `\\u${upper ? hex.toUpperCase() : hex}`)
    .join('')}"`;

/**
 * The known customer's searches spelled as the JSON grammar also allows (RFC 8259 §9: a parser MUST
 * accept every text that conforms to it): every character of names and values escaped, with
 * uppercase and with lowercase hex digits (§7: either case), and whitespace around every structural
 * character (§2). Each is the same search as its plain spelling, so it is accepted.
 */
function jsonSpellings(known: TargetProfile['knownCustomer']): [string, ExchangeRequest][] {
  // Members spelled one by one, `ws` around each structural character.
  const spelled = (search: Readonly<Record<string, unknown>>, text: (value: unknown) => string, ws = ''): string =>
    `${ws}{${ws}${Object.entries(search)
      .map(([name, value]) => `${text(name)}${ws}:${ws}${text(value)}`)
      .join(`${ws},${ws}`)}${ws}}${ws}`;
  const escaped = (upper: boolean) => (value: unknown): string => (typeof value === 'string' ? escapedString(value, upper) : JSON.stringify(value));
  const search = known.nameAddressSearch;
  return [
    ['every character of names and values a \\u escape with uppercase hex digits', { body: search, rawBody: rawText(spelled(search, escaped(true))), auth: 'valid' }],
    ['every character of names and values a \\u escape with lowercase hex digits', { body: search, rawBody: rawText(spelled(search, escaped(false))), auth: 'valid' }],
    ['whitespace (space, tab, CR, LF) around every structural character', { body: search, rawBody: rawText(spelled(search, (value) => JSON.stringify(value), ' \t\r\n')), auth: 'valid' }],
  ];
}

/**
 * The known customer's search sent with its media type spelled as RFC 9110 also allows: type and
 * subtype in capitals (§8.3.1: case-insensitive), and with a charset parameter, which RFC 8259 §11
 * defines none of and a compliant recipient ignores, in each form §5.6.6's grammar gives one
 * (`parameters = *( OWS ";" OWS [ parameter ] )`: whitespace around the semicolon optional; a
 * parameter name case-insensitive; a value a token or the same value quoted). Each is the same
 * search, so it is accepted.
 */
function mediaTypeSpellings(known: TargetProfile['knownCustomer']): [string, ExchangeRequest][] {
  const body = known.nameAddressSearch;
  return [
    ['Content-Type in capitals (APPLICATION/JSON)', { body, contentType: 'APPLICATION/JSON', auth: 'valid' }],
    ['Content-Type with a charset parameter (application/json; charset=UTF-8)', { body, contentType: 'application/json; charset=UTF-8', auth: 'valid' }],
    ['Content-Type with a charset parameter and no whitespace around ";" (application/json;charset=utf-8)', { body, contentType: 'application/json;charset=utf-8', auth: 'valid' }],
    ['Content-Type with whitespace before ";" too (application/json ; charset=utf-8)', { body, contentType: 'application/json ; charset=utf-8', auth: 'valid' }],
    ['Content-Type with the parameter name in capitals and its value quoted (application/json; Charset="utf-8")', { body, contentType: 'application/json; Charset="utf-8"', auth: 'valid' }],
  ];
}

/**
 * The known customer's search asking for JSON in each way RFC 9110 §12.5.1 also allows: no Accept at
 * all (any media type is acceptable), any type and subtype (what curl sends), any application type, the type in capitals
 * (media ranges compare case-insensitively), and JSON behind a range the client prefers that the
 * provider lacks. Each admits application/json, so the search is answered as any other, in JSON.
 */
function acceptSpellings(known: TargetProfile['knownCustomer']): [string, ExchangeRequest][] {
  const body = known.nameAddressSearch;
  return [
    ['no Accept header (any media type acceptable)', { body, accept: null, auth: 'valid' }],
    ['Accept: */* (what curl sends)', { body, accept: '*/*', auth: 'valid' }],
    ['Accept: application/*', { body, accept: 'application/*', auth: 'valid' }],
    ['Accept in capitals (APPLICATION/JSON)', { body, accept: 'APPLICATION/JSON', auth: 'valid' }],
    ['Accept preferring another type first (text/html;q=0.9, application/json;q=0.5)', { body, accept: 'text/html;q=0.9, application/json;q=0.5', auth: 'valid' }],
  ];
}

/** A name for a group of fields in titles: the class they share. */
function groupName(list: readonly FieldSchema[]): string {
  if (list.every((field) => CODE_FIELDS.has(field.name))) return 'every code field';
  if (list.every((field) => isText(field) && !CODE_FIELDS.has(field.name))) return 'every free-text field';
  return 'every string field';
}

/** True when the bytes are UTF-8 text that parses as JSON: a "not JSON" body must not. */
export function parsesAsJson(raw: RawBody): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(rawBodyBytes(raw)));
    return true;
  } catch {
    return false;
  }
}

/** The coverage phase as contract cases, in table order. */
export function coverageCases(profile: TargetProfile): ContractCase[] {
  return coverageEntries(profile).map((entry) => entry.case);
}
