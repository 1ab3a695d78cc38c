import { resultCap } from '../contracts/contract-reader';
import { isValidSearchRequest } from '../contracts/contract-validator';
import type { Exchange } from '../contracts/exchange';
import { JudgedExchange } from '../contracts/judged-exchange';
import { admitsValue, heldValues, judgedCriteria, sameValue, searchCriteria, type SearchCriteria, type SearchCriterion } from '../contracts/search-criteria';
import { decidedCodes } from '../contracts/documentation-contradictions';
import type { SearchRequestBody } from '../contracts/search-customer-types';
import type { TargetProfile } from '../client/target-profile';
import type { AnsweredCase, ContractCase } from './contract-case';

/**
 * Relation cases, built from what a first campaign observed: the profile's known customer as the
 * target returned it, the other customers it returned, the searches that found the known customer in
 * a result below the cap, and the profile's broad search narrowed by each of its product codes, when
 * that answer is below the cap. Each such search is sent again with one criterion more (each of the
 * known customer's own values, a value another customer holds and it does not, each product code of
 * the profile), and must return no customer beyond the first answer ("This will shrink search
 * result"); results-match-criteria judges the narrower answers like any other.
 */

type Customer = Readonly<Record<string, unknown>>;

/** A search the relation cases narrow: its request and the answer it got. */
export interface WiderSearch {
  /** Free of customer data: names the fields, never their values. */
  readonly label: string;
  readonly body: SearchRequestBody;
  readonly exchange: Exchange;
  /** Whether its answer holds the known customer: then adding one of its own values must still find it. */
  readonly holdsKnown: boolean;
}

/** A narrower search and the answer of the wider one it is judged against. */
export interface RelationCase {
  readonly case: ContractCase;
  readonly wider: Exchange;
}

/** At most this many relation cases per run (one request each), whatever the target returns. */
export const MAX_RELATION_CASES = 110;
/** At most this many other customers are kept from the first campaign as a source of values. */
const MAX_OTHER_CUSTOMERS = 50;

const RESULT_CAP = resultCap();

/**
 * A decided code of the criterion's field that no reasonable provider matches to any value the known
 * customer holds (for a country code, one of another country): added when no other customer shown
 * holds a value of the field that the known customer does not, as when every customer a target
 * showed lives in one country.
 */
function decidedOtherCode(criterion: SearchCriterion, knownValues: readonly unknown[]): string | undefined {
  return (decidedCodes[criterion.field] ?? []).find((code) => knownValues.length > 0 && !knownValues.some((held) => admitsValue(criterion, code, held)));
}

export function customersOf(exchange: Exchange | undefined): readonly Customer[] {
  if (!exchange) return [];
  return new JudgedExchange(exchange, { kind: 'accepted', rule: 'valid-search-accepted' }, undefined, undefined).customers ?? [];
}

const identity = (customer: Customer): string => (typeof customer.customerNumber === 'number' ? `#${customer.customerNumber}` : JSON.stringify(customer));

/** The known customer as the target returned it, and up to 50 other customers it returned, from every answer. */
export function observeCustomers(results: readonly AnsweredCase[], profile: TargetProfile): { known: Customer | undefined; others: Customer[] } {
  const wanted = profile.knownCustomer.customerNumber;
  let known: Customer | undefined;
  const others = new Map<string, Customer>();
  for (const result of results) {
    for (const customer of customersOf(result.exchange)) {
      if (customer.customerNumber === wanted) known ??= customer;
      else if (others.size < MAX_OTHER_CUSTOMERS && !others.has(identity(customer))) others.set(identity(customer), customer);
    }
  }
  return { known, others: [...others.values()] };
}

/** A value of the customer's for a criterion, in a type the request accepts (the first one it holds). */
function requestValue(customer: Customer, criterion: SearchCriterion): unknown {
  const held = heldValues(customer, criterion)?.[0];
  if (criterion.comparison === 'integer') return Number.isInteger(held) ? held : undefined;
  return typeof held === 'string' ? held.trim() : undefined;
}

const isBranchKey = (criteria: SearchCriteria, field: string): boolean => criteria.combinations.some((combination) => combination.length === 1 && combination[0] === field);

/** The title of the known customer's full name/address search, the relation phase's first request. */
export const FULL_NAME_ADDRESS_TITLE = "relation: the known customer's full name/address search finds it";

/**
 * The known customer searched by its own name and address: every value it shows of a criterion that
 * is not a search on its own (phone number, email). Undefined when its values do not make a valid
 * name/address search.
 */
export function fullNameAddressCase(known: Customer, criteria: SearchCriteria = searchCriteria): ContractCase | undefined {
  const body: Record<string, unknown> = {};
  for (const criterion of criteria.criteria) {
    if (isBranchKey(criteria, criterion.field)) continue;
    const value = requestValue(known, criterion);
    if (value !== undefined && value !== '') body[criterion.field] = value;
  }
  const nameAddress = criteria.combinations.some((combination) => combination.length > 1 && combination.every((field) => body[field] !== undefined));
  if (!nameAddress || !isValidSearchRequest(body)) return undefined;
  return {
    title: FULL_NAME_ADDRESS_TITLE,
    request: { body, auth: 'valid' },
    expectation: { kind: 'accepted', rule: 'valid-search-accepted', results: { customerNumber: known.customerNumber as number } },
    contractPath: '#/components/schemas/Customer',
  };
}

/**
 * The known customer searched by each phone number and email it shows that the profile does not
 * name ("Email to match in a search": every one it holds, not its first alone), each on its own:
 * it must be found, unless the answer is full. At most one request per value it shows.
 */
export function shownValueCases(profile: TargetProfile, known: Customer, criteria: SearchCriteria = searchCriteria): ContractCase[] {
  const named = new Set<unknown>([profile.knownCustomer.phoneNumber, profile.knownCustomer.email]);
  return criteria.criteria
    .filter((criterion) => isBranchKey(criteria, criterion.field))
    .flatMap((criterion) => {
      const values = (heldValues(known, criterion) ?? []).filter((value) => typeof value === 'string' && !named.has(value));
      return values.flatMap((value, index) => {
        const body = { [criterion.field]: value };
        if (!isValidSearchRequest(body)) return [];
        return [
          {
            title: `relation: the known customer found by ${words(criterion.field)} ${index + 1} of the ${values.length} it shows beyond the profile's`,
            request: { body, auth: 'valid' as const },
            expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const, results: { customerNumber: profile.knownCustomer.customerNumber } },
            contractPath: `#/components/schemas/SearchCustomerRequest/properties/${criterion.field}`,
          },
        ];
      });
    });
}

/**
 * The searches that found the known customer in an answer below the cap: fixed cases expecting it
 * (by phone, email, name/address) and the full name/address search. An answer that broke a rule
 * still serves: whatever it holds, a narrower search may add no customer to it.
 */
export function widerSearches(results: readonly AnsweredCase[], profile: TargetProfile): WiderSearch[] {
  const wanted = profile.knownCustomer.customerNumber;
  const found = new Map<string, WiderSearch>();
  for (const result of results) {
    const { case: item, exchange } = result;
    const expectation = item.expectation;
    if (item.origin || item.wider || !exchange || expectation.kind !== 'accepted' || expectation.results?.customerNumber !== wanted) continue;
    const customers = customersOf(exchange);
    if (customers.length >= RESULT_CAP || !customers.some((customer) => customer.customerNumber === wanted)) continue;
    const body = item.request.body as SearchRequestBody;
    const key = JSON.stringify(body);
    // Labels name their narrower searches' titles, so each wider search needs its own: two alike would drop one's narrowings as repeats.
    const shown = /^relation: the known customer found by (.+)$/.exec(item.title)?.[1];
    const label =
      item.title === FULL_NAME_ADDRESS_TITLE ? "the known customer's full name/address search" : shown ? `the known customer's search by ${shown}` : `the known customer's ${Object.keys(body).join(' + ')} search`;
    if (!found.has(key)) found.set(key, { label, body, exchange, holdsKnown: true });
  }
  return [...found.values()];
}

/** At most this many customers searched by another address's value, a run. */
export const MAX_SIBLING_VALUE_CASES = 4;

/**
 * Customers the target showed, each searched by its own name and address with one field sent as the
 * same datum of its other address (postalPlace as its postalAddressPostalPlace), where the two
 * differ: every customer returned must match what was sent (results-match-criteria), so a provider
 * that compares the field with the other address returns the customer and shows. At most
 * `MAX_SIBLING_VALUE_CASES`, none for customers whose addresses agree.
 */
export function siblingValueCases(customers: readonly Customer[], criteria: SearchCriteria = searchCriteria): ContractCase[] {
  const cases: ContractCase[] = [];
  for (const [index, customer] of customers.entries()) {
    for (const criterion of criteria.criteria) {
      for (const sibling of criterion.siblings) {
        const other = customer[sibling];
        const own = heldValues(customer, criterion) ?? [];
        if (typeof other !== 'string' || other.trim() === '' || own.length === 0 || own.some((held) => sameValue(criterion, other, held))) continue;
        const valueOf = (field: string): unknown => {
          const named = criteria.criteria.find((item) => item.field === field);
          return field === criterion.field ? other.trim() : named && requestValue(customer, named);
        };
        const combination = criteria.combinations.find((fields) => fields.length > 1 && fields.includes(criterion.field) && fields.every((field) => valueOf(field) !== undefined));
        if (!combination) continue;
        const body = Object.fromEntries(combination.map((field) => [field, valueOf(field)]));
        if (!isValidSearchRequest(body)) continue;
        cases.push({
          title: `relation: shown customer ${index + 1} searched by its name and address, ${criterion.field} sent as its ${sibling}, finds no customer of another ${words(criterion.field)}`,
          request: { body, auth: 'valid' },
          expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
          contractPath: `#/components/schemas/SearchCustomerRequest/properties/${criterion.field}`,
        });
        if (cases.length >= MAX_SIBLING_VALUE_CASES) return cases;
      }
    }
  }
  return cases;
}

const productNarrowedLabel = (index: number, count: number): string => `the broad search with product code ${index + 1} of ${count} of the profile`;
const productNarrowedTitle = (index: number, count: number): string => `relation: ${productNarrowedLabel(index, count)} added`;

/**
 * The profile's broad search (one that matches more than the cap) with each of its product codes
 * added: "In combination with customer number and name, you can also fill in the product", so the
 * product narrows a name search, and its answer, when below the cap, is a wider search of its own.
 * A provider that cuts the matches to 5 before it applies the product returns too few here, and its
 * narrower searches show the holders it left out.
 */
export function productNarrowedCases(profile: TargetProfile): ContractCase[] {
  return (profile.productCodes ?? []).flatMap((code, index, codes) => {
    const body = { ...profile.broadSearch, productCode: code };
    if (!isValidSearchRequest(body)) return [];
    return [
      {
        title: productNarrowedTitle(index, codes.length),
        request: { body, auth: 'valid' as const },
        expectation: { kind: 'accepted' as const, rule: 'valid-search-accepted' as const },
        contractPath: '#/components/schemas/SearchCustomerRequest/properties/productCode',
      },
    ];
  });
}

/** The answers to `productNarrowedCases` below the cap, as wider searches (labelled without customer data). */
export function productNarrowedSearches(results: readonly AnsweredCase[], profile: TargetProfile): WiderSearch[] {
  const codes = profile.productCodes ?? [];
  return results.flatMap(({ case: item, exchange }) => {
    const index = codes.findIndex((_, at) => item.title === productNarrowedTitle(at, codes.length));
    const customers = customersOf(exchange);
    if (index < 0 || !exchange || exchange.response.status !== 200 || customers.length >= RESULT_CAP) return [];
    const holdsKnown = customers.some((customer) => customer.customerNumber === profile.knownCustomer.customerNumber);
    return [{ label: productNarrowedLabel(index, codes.length), body: item.request.body as SearchRequestBody, exchange, holdsKnown }];
  });
}

const words = (field: string): string => field.replace(/([A-Z])/g, ' $1').toLowerCase();

/**
 * One wider search narrowed by one criterion it sends neither itself nor an alternative of: by the
 * known customer's own value (it must still be found when the wider answer held it), and by a value
 * another customer holds and the known customer does not, else by a decided code of another kind.
 */
function narrowByCriterion(
  search: WiderSearch,
  criterion: SearchCriterion,
  known: Customer,
  others: readonly Customer[],
  add: (field: string, value: unknown, title: string, findsKnown: boolean) => void,
): void {
  // An alternative of a field already sent may widen: either of the two suffices.
  if ([criterion.field, ...criterion.alternatives].some((field) => search.body[field] !== undefined)) return;
  const own = requestValue(known, criterion);
  if (own !== undefined && own !== '') {
    const finds = search.holdsKnown ? 'still finds it, and no customer beyond' : 'finds no customer beyond it';
    add(criterion.field, own, `relation: ${search.label} with the known customer's own ${words(criterion.field)} added ${finds}`, search.holdsKnown);
  }
  const knownValues = heldValues(known, criterion) ?? [];
  // Another customer's value, first of those the wider search showed (it must then be found again,
  // criteria-narrow-results), and first of those with characters JSON carries beyond ASCII, which a
  // provider may read or write in another encoding than it holds.
  const shown = new Set(customersOf(search.exchange).map(identity));
  const candidates = others
    .map((other) => ({ value: requestValue(other, criterion), inWider: shown.has(identity(other)) }))
    .filter(({ value }) => value !== undefined && value !== '' && !knownValues.some((held) => sameValue(criterion, value, held)));
  const rank = ({ value, inWider }: (typeof candidates)[number]): number => (inWider ? 0 : 2) + (typeof value === 'string' && /[^\x00-\x7f]/.test(value) ? 0 : 1);
  const foreign = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
  if (foreign !== undefined) {
    const finds = foreign.inWider ? 'finds that customer again and no customer beyond' : 'finds no customer beyond it';
    add(criterion.field, foreign.value, `relation: ${search.label} with another customer's ${words(criterion.field)} added ${finds}`, false);
    return;
  }
  const code = decidedOtherCode(criterion, knownValues);
  if (code !== undefined) add(criterion.field, code, `relation: ${search.label} with a ${words(criterion.field)} the known customer does not hold added finds no customer beyond it`, false);
}

/**
 * The narrower searches, at most `MAX_RELATION_CASES`: for each wider search, each observable
 * criterion it sends neither itself nor an alternative of (`narrowByCriterion`), and each of the
 * profile's product codes.
 */
export function buildRelationCases(
  profile: TargetProfile,
  wider: readonly WiderSearch[],
  known: Customer,
  others: readonly Customer[],
  criteria: SearchCriteria = searchCriteria,
): RelationCase[] {
  // One list per wider search, taken in turn, so that the bound leaves none of them out.
  const lists: RelationCase[][] = [];
  let cases: RelationCase[] = [];
  const add = (search: WiderSearch, field: string, value: unknown, title: string, findsKnown: boolean): void => {
    const body = { ...search.body, [field]: value };
    if (!isValidSearchRequest(body) || lists.some((list) => list.some((existing) => existing.case.title === title))) return;
    cases.push({
      wider: search.exchange,
      case: {
        title,
        request: { body, auth: 'valid' },
        expectation: { kind: 'accepted', rule: 'valid-search-accepted', ...(findsKnown ? { results: { customerNumber: profile.knownCustomer.customerNumber } } : {}) },
        contractPath: `#/components/schemas/SearchCustomerRequest/properties/${field}`,
      },
    });
  };
  for (const search of wider) {
    cases = [];
    lists.push(cases);
    const addTo = (field: string, value: unknown, title: string, findsKnown: boolean): void => add(search, field, value, title, findsKnown);
    // The bound cuts a list from its end, so what only these cases judge comes first: the criteria
    // results-match-criteria judges on this search (on a phone search, those the page offers "to
    // match in a search"), then the profile's products, which no answer shows; the rest last.
    const judgedHere = (criterion: SearchCriterion): boolean => judgedCriteria({ ...search.body, [criterion.field]: '' }, criteria).flat().includes(criterion);
    const judged = criteria.criteria.filter(judgedHere);
    const rest = criteria.criteria.filter((item) => !judged.includes(item));
    for (const criterion of judged) narrowByCriterion(search, criterion, known, others, addTo);
    (profile.productCodes ?? []).forEach((code, index, codes) => {
      if (search.body.productCode === undefined) {
        addTo('productCode', code, `relation: ${search.label} with product code ${index + 1} of ${codes.length} of the profile added finds no customer beyond it`, false);
      }
    });
    for (const criterion of rest) narrowByCriterion(search, criterion, known, others, addTo);
  }
  const longest = Math.max(0, ...lists.map((list) => list.length));
  const inTurn = Array.from({ length: longest }, (_, at) => lists.flatMap((list) => (at < list.length ? [list[at] as RelationCase] : []))).flat();
  return inTurn.slice(0, MAX_RELATION_CASES);
}
