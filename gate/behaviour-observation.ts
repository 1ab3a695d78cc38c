import { resultCap } from '../contracts/contract-reader';
import type { Exchange } from '../contracts/exchange';
import type { CaseResult } from './run-campaign';

/** The class of a result count: the documented cap makes "capped" its own class. */
export type CountClass = 'none' | 'one' | 'several' | 'capped';

/** How a narrower search's answer relates to its wider search's answer. */
export type RelationOutcome = 'narrowed' | 'unchanged' | 'widened';

/** The form of a header a rule or the client reads: `epoch` is an integer past a day, which the client reads as a Unix time. */
export type HeaderForm = 'absent' | 'integer' | 'epoch' | 'text';

/**
 * What the target did for one case, normalised so that it survives data changes and holds no
 * customer data: statuses, media types, property names and JSON types, classes of counts. Never a
 * value, a timing or an order.
 */
export interface BehaviourObservation {
  readonly status: number;
  /** Media type without parameters, lower case; `none` when the answer has no Content-Type. */
  readonly contentType: string;
  /** The charset parameter, lower case; `none` when absent. */
  readonly charset: string;
  /**
   * The body's shape: one `path: type` entry per property and array, sorted (`$.customers[].firstName: string`);
   * `(empty)` or `(not JSON)` for bodies without one. For an error answer this is the error body's shape.
   */
  readonly body: readonly string[];
  /** Customers in a 2xx answer, as a class. */
  readonly count?: CountClass;
  /** For a search sent narrower than another of the run: how its answer relates to the wider answer. */
  readonly relation?: RelationOutcome;
  /** The form of each header a rule or the client reads, by lower-case name. */
  readonly headers: Readonly<Record<string, HeaderForm>>;
}

/** Headers the rate-limit-headers rule and the client's 429 handling read. */
export const OBSERVED_HEADERS = ['x-mediaconnect-api-version', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'] as const;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every `path: type` a JSON value shows; arrays merge their elements under `[]`, so order and length never count. */
export function jsonShape(value: Json, path = '$', into: Set<string> = new Set()): Set<string> {
  into.add(`${path}: ${jsonType(value)}`);
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) jsonShape(item, `${path}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) jsonShape(item, `${path}.${key}`, into);
  }
  return into;
}

function parseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

function bodyShape(text: string): string[] {
  if (text.trim() === '') return ['(empty)'];
  const parsed = parseJson(text);
  return parsed.ok ? [...jsonShape(parsed.value)].sort() : ['(not JSON)'];
}

/** The customers of a 2xx JSON answer, or undefined when it shows none as a list. */
export function answeredCustomers(exchange: Exchange): readonly Json[] | undefined {
  if (exchange.response.status < 200 || exchange.response.status >= 300) return undefined;
  const parsed = parseJson(exchange.response.bodyText);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return undefined;
  const customers = (parsed.value as { readonly [key: string]: Json }).customers;
  if (customers === undefined) return [];
  return Array.isArray(customers) ? customers : undefined;
}

export function countClass(count: number, cap: number = resultCap()): CountClass {
  if (count === 0) return 'none';
  if (count === 1) return 'one';
  return count >= cap ? 'capped' : 'several';
}

const SECONDS_PER_DAY = 86_400;

function headerForm(value: string | undefined): HeaderForm {
  if (value === undefined) return 'absent';
  if (!/^\s*\d+\s*$/.test(value)) return 'text';
  return Number(value) > SECONDS_PER_DAY ? 'epoch' : 'integer';
}

/** The observation of one exchange, the relation outcome given by the caller (it needs the wider answer). */
export function observeExchange(exchange: Exchange, relation?: RelationOutcome): BehaviourObservation {
  const { status, headers, bodyText } = exchange.response;
  const [media, ...parameters] = (headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  const customers = answeredCustomers(exchange);
  return {
    status,
    contentType: media || 'none',
    charset: charset || 'none',
    body: bodyShape(bodyText),
    ...(customers ? { count: countClass(customers.length) } : {}),
    ...(relation ? { relation } : {}),
    headers: Object.fromEntries(OBSERVED_HEADERS.map((name) => [name, headerForm(headers[name])])),
  };
}

/** A customer's identity across two answers: its number, else its whole JSON. */
const identity = (customer: Json): string => {
  const number = customer !== null && typeof customer === 'object' && !Array.isArray(customer) ? (customer as { readonly [key: string]: Json }).customerNumber : undefined;
  return typeof number === 'number' ? `#${number}` : JSON.stringify(customer);
};

/** How the narrower answer relates to the wider one, or undefined when either lists no customers. */
export function relationOutcome(narrower: Exchange, wider: Exchange): RelationOutcome | undefined {
  const inner = answeredCustomers(narrower);
  const outer = answeredCustomers(wider);
  if (!inner || !outer) return undefined;
  const known = new Set(outer.map(identity));
  if (inner.some((customer) => !known.has(identity(customer)))) return 'widened';
  return new Set(inner.map(identity)).size < known.size ? 'narrowed' : 'unchanged';
}

/** JSON with sorted keys: two bodies with the same members in another order are the same search. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The body of the wider search a case narrows: its own `wider`, else (a relation case) its body less the field its contract path names. */
export function widerBody(result: CaseResult): unknown {
  if (result.case.wider) return result.case.wider.body;
  const field = /\/properties\/([^/]+)$/.exec(result.case.contractPath)?.[1];
  const body = result.case.request.body;
  if (!result.case.title.startsWith('relation:') || !field || body === null || typeof body !== 'object') return undefined;
  const { [field]: _added, ...rest } = body as Record<string, unknown>;
  return rest;
}
