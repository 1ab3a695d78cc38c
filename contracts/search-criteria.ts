import type { OpenAPIV3_1 } from 'openapi-types';
import { searchRequirementCombinations } from './contract-reader';
import { documentationContradictions } from './documentation-contradictions';
import { searchCustomerContract, type MatchingDecision } from './search-customer-contract';

/**
 * Which request fields a returned customer shows, and how a sent value compares with what the
 * customer holds, derived from the contract: a request field compares with the Customer property of
 * the same name, found at the top level (firstName), inside an object (emails.email[]) or inside
 * array items (phoneNumbers[].phoneNumber). A request field no Customer property names (productCode,
 * careOfAddress, entrance) is not observable in a result: it carries its matching decision in the
 * contract (`x-matching`), and is placed by it; a field with neither is unplaced, and the drift
 * check fails naming it. The rule results-match-criteria, the relation cases and the simulator's
 * matcher all read this, so a field added to the contract is matched and judged without another
 * list to edit. Decisions: contradiction name-address-matching.
 */

type Schema = OpenAPIV3_1.SchemaObject;

/**
 * How a sent value compares with a held one. `text`: ignoring case and surrounding whitespace,
 * digit strings by value (0179 and 179 are one postal code); `integer`: equality; `digits`: digits
 * only, for fields whose pattern admits nothing but digits and a plus (E.164 numbers); `country`: as
 * text, but told apart by any reasonable provider only when the two codes name different countries
 * (decision country-code-standard).
 */
export type CriterionComparison = 'text' | 'integer' | 'digits' | 'country';

/**
 * Which searches a criterion is matched in, from its description in the contract: the page offers
 * most fields "to match in a name/address search", and a few "to match in a search" of any kind
 * (phone number, email, country code).
 */
export type CriterionScope = 'any-search' | 'name-address-search';

export interface SearchCriterion {
  /** The request field. */
  readonly field: string;
  /** Property names from the Customer down to the value; arrays on the way are flattened. */
  readonly customerPath: readonly string[];
  /** JSON pointer of the Customer's top-level property that holds it. */
  readonly customerPointer: string;
  readonly comparison: CriterionComparison;
  readonly scope: CriterionScope;
  /** Request fields the requirement offers as alternatives to this one ("companyName or lastName"), itself excluded: sent together, either suffices. */
  readonly alternatives: readonly string[];
  /** The contradiction for which results-match-criteria leaves this criterion unjudged, if one does. */
  readonly unjudgedBecause?: string;
  /**
   * Other top-level Customer properties that hold the same datum of another of the customer's
   * addresses, named for it with a prefix (postalAddressPostalPlace beside postalPlace): a search
   * on the field must not be matched against them.
   */
  readonly siblings: readonly string[];
}

/** A request field no Customer property shows, placed by its recorded matching decision. */
export interface HeldCriterion {
  readonly field: string;
  /** JSON pointer of the field's schema in the contract. */
  readonly pointer: string;
  readonly matching: MatchingDecision;
}

/** A request field the derivation cannot place, and why. */
export interface UnplacedField {
  readonly field: string;
  readonly pointer: string;
  readonly problem: string;
}

export interface SearchCriteria {
  /** Every observable request field, in the contract's order. */
  readonly criteria: readonly SearchCriterion[];
  /** The requirement's minimal field combinations. */
  readonly combinations: readonly (readonly string[])[];
  /** Every request field no Customer property shows, with its matching decision, in the contract's order. */
  readonly held: readonly HeldCriterion[];
  /** Request fields neither a Customer property nor a matching decision places. */
  readonly unplaced: readonly UnplacedField[];
}

type Document = OpenAPIV3_1.Document | typeof searchCustomerContract;

function schemaOf(document: Document, name: string): Schema {
  const found = (document as unknown as OpenAPIV3_1.Document).components?.schemas?.[name];
  if (!found) throw new Error(`The contract has no schema ${name}`);
  return found as Schema;
}

/** Where a Customer holds a property named `field`: the shallowest path to it, or undefined. */
function findPath(properties: Readonly<Record<string, unknown>>, field: string, depth = 0): string[] | undefined {
  if (Object.hasOwn(properties, field)) return [field];
  if (depth >= 2) return undefined;
  for (const [name, raw] of Object.entries(properties)) {
    const property = raw as Schema;
    const inner = property.type === 'array' ? ((property.items as Schema | undefined)?.properties ?? {}) : (property.properties ?? {});
    const found = findPath(inner, field, depth + 1);
    if (found) return [name, ...found];
  }
  return undefined;
}

/** True for a pattern that admits nothing but digits and a plus, such as E.164's. */
function digitsOnly(pattern: string): boolean {
  const rest = pattern.replace(/\\\+|\[[0-9]-[0-9]\]|\{\d+(,\d*)?\}|[\^$+*?]/g, '');
  return rest === '' && /\[[0-9]-[0-9]\]/.test(pattern);
}

/**
 * Groups of alternatives in the requirement: the options of an anyOf that each require one field
 * ("phoneNumber" or "email"; "companyName or lastName"; "postalCode or postalPlace").
 */
function alternativeGroups(node: Schema): string[][] {
  const options = (node.anyOf ?? []) as Schema[];
  const single = options.flatMap((option) => (option.required?.length === 1 && !option.anyOf && !option.allOf ? [option.required[0] as string] : []));
  const own = single.length > 1 ? [single] : [];
  return [...own, ...[...options, ...((node.allOf ?? []) as Schema[])].flatMap(alternativeGroups)];
}

/** The field's `x-matching`, when it is a whole decision; otherwise what is wrong with it. */
function matchingOf(schema: Schema): MatchingDecision | string {
  const raw = (schema as { 'x-matching'?: unknown })['x-matching'];
  if (raw === undefined) return 'no Customer property shows it and it carries no matching decision';
  const decision = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof MatchingDecision, unknown>>;
  const whole =
    (decision.judgedBy === 'relations' || decision.judgedBy === 'baseline') &&
    decision.simulator === 'held-beside' &&
    typeof decision.why === 'string' &&
    decision.why.trim().length >= 20;
  if (!whole) return "its x-matching is not a decision: judgedBy 'relations' or 'baseline', simulator 'held-beside', why in a sentence";
  return decision as MatchingDecision;
}

type Placed = { criterion: SearchCriterion } | { held: HeldCriterion } | { unplaced: UnplacedField };

/** One request field placed: a criterion when a Customer property shows it, else by its matching decision. */
function placeField(field: string, schema: Schema, customer: Readonly<Record<string, unknown>>, groups: readonly string[][], unjudged: ReadonlyMap<string, string>, countries: ReadonlySet<string>): Placed {
  const pointer = `#/components/schemas/SearchCustomerRequest/properties/${field}`;
  const scalar = schema.type === 'string' || schema.type === 'integer';
  const customerPath = scalar ? findPath(customer, field) : undefined;
  if (!customerPath) {
    const matching = matchingOf(schema);
    if (typeof matching === 'string') return { unplaced: { field, pointer, problem: matching } };
    if (!scalar) return { unplaced: { field, pointer, problem: `a ${String(schema.type)} cannot be held beside a customer: only strings and integers can` } };
    return { held: { field, pointer, matching } };
  }
  if ((schema as { 'x-matching'?: unknown })['x-matching'] !== undefined) {
    return { unplaced: { field, pointer, problem: `Customer property ${customerPath.join('.')} shows it, so its x-matching contradicts how it is judged` } };
  }
  const comparison: CriterionComparison =
    schema.type === 'integer' ? 'integer' : schema.pattern !== undefined && digitsOnly(schema.pattern) ? 'digits' : countries.has(field) ? 'country' : 'text';
  const because = unjudged.get(field);
  return {
    criterion: {
      field,
      customerPath,
      customerPointer: `#/components/schemas/Customer/properties/${customerPath[0] as string}`,
      comparison,
      scope: /in a name\/address search/i.test(schema.description ?? '') ? 'name-address-search' : 'any-search',
      alternatives: groups.filter((group) => group.includes(field)).flat().filter((other) => other !== field),
      siblings: customerPath.length === 1 ? Object.keys(customer).filter((name) => name !== field && name.toLowerCase().endsWith(field.toLowerCase())) : [],
      ...(because !== undefined ? { unjudgedBecause: because } : {}),
    },
  };
}

/**
 * Derives the criteria from a contract document (this project's by default; a copy under test may
 * be given). Every request field is placed: a criterion, a held field, or unplaced, never dropped.
 */
export function deriveSearchCriteria(document: Document = searchCustomerContract): SearchCriteria {
  const request = schemaOf(document, 'SearchCustomerRequest');
  const customer = schemaOf(document, 'Customer').properties ?? {};
  const groups = alternativeGroups(request);
  const unjudged = new Map(documentationContradictions.flatMap((entry) => (entry.unjudgedCriteria ?? []).map((field) => [field, entry.id] as const)));
  const countries = new Set(documentationContradictions.flatMap((entry) => entry.countryCriteria?.fields ?? []));
  const placed = Object.entries(request.properties ?? {}).map(([field, raw]) => placeField(field, raw as Schema, customer, groups, unjudged, countries));
  return {
    criteria: placed.flatMap((item) => ('criterion' in item ? [item.criterion] : [])),
    combinations: searchRequirementCombinations(request),
    held: placed.flatMap((item) => ('held' in item ? [item.held] : [])),
    unplaced: placed.flatMap((item) => ('unplaced' in item ? [item.unplaced] : [])),
  };
}

/** The drift check's message for request fields the derivation cannot place; undefined when every one is placed. */
export function unplacedFieldsMessage(criteria: SearchCriteria = searchCriteria): string | undefined {
  if (criteria.unplaced.length === 0) return undefined;
  return criteria.unplaced
    .map(
      ({ field, pointer, problem }) =>
        `Request field ${field} (${pointer}) cannot be matched or judged: ${problem}. ` +
        "Name it after the Customer property that shows it, or wrap its schema in matchedBeside(…, { judgedBy, simulator, why })",
    )
    .join('\n');
}

/** This contract's criteria, derived once. */
export const searchCriteria: SearchCriteria = deriveSearchCriteria();

/** The values a customer holds for a criterion (arrays flattened), or undefined when it holds none. */
export function heldValues(customer: Readonly<Record<string, unknown>>, criterion: SearchCriterion): unknown[] | undefined {
  let nodes: unknown[] = [customer];
  for (const name of criterion.customerPath) {
    nodes = nodes.flatMap((node) => {
      const value = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[name] : undefined;
      return Array.isArray(value) ? value : [value];
    });
  }
  const held = nodes.filter((value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''));
  return held.length > 0 ? held : undefined;
}

const digits = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '');

function normalisedText(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().toLowerCase();
  // A postal code kept as a number loses its leading zero (contradiction postal-code-type).
  return /^[\d ]+$/.test(text) ? `#${text.replace(/ /g, '').replace(/^0+(?=\d)/, '')}` : text;
}

/** Whether one sent value equals one held value, by the criterion's comparison: how the simulator matches. */
export function sameValue(criterion: SearchCriterion, sent: unknown, held: unknown): boolean {
  switch (criterion.comparison) {
    case 'integer':
      return held !== '' && Number(held) === Number(sent) && Number.isFinite(Number(sent));
    case 'digits':
      return digits(sent) !== '' && digits(held) === digits(sent);
    case 'text':
    case 'country': {
      const wanted = normalisedText(sent);
      return wanted !== undefined && normalisedText(held) === wanted;
    }
  }
}

/** Codes decision country-code-standard reads as another code, by the alpha-2 code they stand for. */
const OTHER_CODES: Readonly<Record<string, string>> = Object.assign({}, ...documentationContradictions.map((entry) => entry.countryCriteria?.otherCodes ?? {})) as Record<string, string>;

/** The ISO 3166-1 alpha-2 country a code names (a code the decision reads as another's, itself, a subdivision's prefix), or undefined. */
export function countryOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  const alpha2 = /^([A-Z]{2})(?:-[A-Z0-9]{1,3})?$/.exec(code)?.[1];
  return OTHER_CODES[code] ?? (alpha2 === undefined ? undefined : (OTHER_CODES[alpha2] ?? alpha2));
}

/**
 * Whether a held value may answer a sent one on any reasonable provider: equal, or for text starting
 * with it, as a provider may match prefixes ("Nordman" finding "Nordmann").
 */
export function admitsValue(criterion: SearchCriterion, sent: unknown, held: unknown): boolean {
  if (sameValue(criterion, sent, held)) return true;
  if (criterion.comparison === 'country') {
    const [wanted, found] = [countryOf(sent), countryOf(held)];
    return wanted === undefined || found === undefined || wanted === found;
  }
  const wanted = normalisedText(sent);
  const found = normalisedText(held);
  return criterion.comparison === 'text' && wanted !== undefined && found !== undefined && !wanted.startsWith('#') && found.startsWith(wanted);
}

/**
 * How a customer stands against one sent criterion: true when a value it holds answers the sent
 * one (`compare`, by default as any reasonable provider may), false when it holds values and none
 * does, undefined when it holds none.
 */
export function holdsCriterion(
  customer: Readonly<Record<string, unknown>>,
  criterion: SearchCriterion,
  sent: unknown,
  compare: (criterion: SearchCriterion, sent: unknown, held: unknown) => boolean = admitsValue,
): boolean | undefined {
  const held = heldValues(customer, criterion);
  if (held === undefined) return undefined;
  return held.some((value) => compare(criterion, sent, value));
}

/** The sent criteria of a request, alternatives sent together as one group ("companyName or lastName"). */
export function sentCriteria(body: unknown, criteria: SearchCriteria = searchCriteria): SearchCriterion[][] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const search = body as Readonly<Record<string, unknown>>;
  const sent = criteria.criteria.filter((criterion) => search[criterion.field] !== undefined && search[criterion.field] !== null);
  const groups: SearchCriterion[][] = [];
  for (const criterion of sent) {
    const group = groups.find((candidate) => candidate.some((member) => member.alternatives.includes(criterion.field)));
    if (group) group.push(criterion);
    else groups.push([criterion]);
  }
  return groups;
}

/**
 * The groups of sent criteria every returned customer must meet. A search that meets a branch of
 * the requirement of several fields (name/address) is judged on every criterion sent; a phone or
 * email search only on the criteria the page offers "to match in a search" (phone number, email,
 * country code), since it offers the others "to match in a name/address search" and a provider may
 * leave them aside on other searches. Criteria a contradiction leaves open (unjudgedBecause) are
 * never judged.
 */
export function judgedCriteria(body: unknown, criteria: SearchCriteria = searchCriteria): SearchCriterion[][] {
  const groups = sentCriteria(body, criteria);
  const search = (typeof body === 'object' && body !== null ? body : {}) as Readonly<Record<string, unknown>>;
  const met = criteria.combinations.filter((combination) => combination.every((field) => search[field] !== undefined && search[field] !== null));
  const nameAddress = met.some((combination) => combination.length > 1);
  const keys = new Set(met.filter((combination) => combination.length === 1).flat());
  return groups
    .map((group) => group.filter((criterion) => criterion.unjudgedBecause === undefined))
    .filter((group) => group.length > 0 && (nameAddress || group.some((criterion) => keys.has(criterion.field) || criterion.scope === 'any-search')));
}

/**
 * How a customer stands against a group of alternatives: true when it holds a sent value of one of
 * them, false when it holds values of every one and none is sent, undefined otherwise (a customer
 * without the field may match on data the response does not show).
 */
export function meetsGroup(customer: Readonly<Record<string, unknown>>, group: readonly SearchCriterion[], body: Readonly<Record<string, unknown>>): boolean | undefined {
  const outcomes = group.map((criterion) => holdsCriterion(customer, criterion, body[criterion.field]));
  if (outcomes.includes(true)) return true;
  return outcomes.every((outcome) => outcome === false) ? false : undefined;
}

/** The request field as words, for messages: phoneNumber is "phone number". */
export function criterionLabel(group: readonly SearchCriterion[]): string {
  return group.map((criterion) => criterion.field.replace(/([A-Z])/g, ' $1').toLowerCase()).join(' or ');
}
