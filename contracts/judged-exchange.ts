import { validateSchema, type SchemaViolation } from './contract-validator';
import type { Exchange, Expectation } from './exchange';

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** True for `application/json` and `application/<anything>+json`, parameters ignored. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * A parameter of a media type, by name without regard to case (RFC 9110 §8.3.1: parameter names are
 * case-insensitive), its value unquoted; undefined when absent.
 */
export function mediaTypeParameter(contentType: string | undefined, name: string): string | undefined {
  for (const part of (contentType ?? '').split(';').slice(1)) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim().toLowerCase() !== name.toLowerCase()) continue;
    const value = part.slice(at + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return undefined;
}

/**
 * One exchange as the rules see it: the evidence plus what is derived from it (the parsed body, its
 * schema violations, its customers), each computed once, on first use, whichever rule asks first.
 */
export class JudgedExchange {
  private parsedBody: Parsed | undefined;
  private responseViolations: readonly SchemaViolation[] | undefined;
  private customerList: { readonly value: readonly Readonly<Record<string, unknown>>[] | undefined } | undefined;

  constructor(
    readonly exchange: Exchange,
    readonly expectation: Expectation,
    /** Contract path the case exercises (e.g. a field's maxLength); a rule's own path when absent. */
    readonly casePath: string | undefined,
    /** The answer to the same search without its narrowing criteria, for relation rules. */
    readonly wider: JudgedExchange | undefined,
  ) {}

  get status(): number {
    return this.exchange.response.status;
  }

  get contentType(): string | undefined {
    return this.exchange.response.headers['content-type'];
  }

  /** The body parsed as JSON (whatever its declared type). */
  get json(): Parsed {
    this.parsedBody ??= parseJson(this.exchange.response.bodyText);
    return this.parsedBody;
  }

  /** A 200's violations of the response schema (empty when the body does not parse). */
  get responseSchemaViolations(): readonly SchemaViolation[] {
    if (this.responseViolations === undefined) {
      const json = this.json;
      this.responseViolations = json.ok ? validateSchema('SearchCustomerResponse', json.value) : [];
    }
    return this.responseViolations;
  }

  /**
   * The customers of a 200 whose list is readable: an absent list is an empty result (contradiction
   * empty-result-shape); entries that are not objects are left out (response-schema reports them).
   * Undefined when the body has no readable list.
   */
  get customers(): readonly Readonly<Record<string, unknown>>[] | undefined {
    this.customerList ??= { value: this.readCustomers() };
    return this.customerList.value;
  }

  private readCustomers(): readonly Readonly<Record<string, unknown>>[] | undefined {
    const json = this.json;
    if (this.status !== 200 || (this.exchange.request.method ?? 'POST') !== 'POST' || !json.ok || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) return undefined;
    const list = (json.value as { customers?: unknown }).customers;
    if (list === undefined) return [];
    if (!Array.isArray(list)) return undefined;
    return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
  }

  /** The status with the error's exception type, when it has one, and the attempts it took. */
  describeStatus(): string {
    const json = isJsonContentType(this.contentType) ? this.json : { ok: false as const };
    // Only the exception type is quoted: error messages may echo request values, which are customer data.
    const type =
      json.ok && typeof json.value === 'object' && json.value !== null && typeof (json.value as { exceptionType?: unknown }).exceptionType === 'string'
        ? ` (${(json.value as { exceptionType: string }).exceptionType.slice(0, 80)})`
        : '';
    const attempts = this.exchange.response.attempts > 1 ? ` after ${this.exchange.response.attempts} attempts` : '';
    return `${this.status}${type}${attempts}`;
  }
}

/** Names the JSON type found at a pointer without quoting the value: values are customer data. */
export function describeValueType(root: unknown, pointer: string): string {
  let node: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === null) return 'null';
  if (Array.isArray(node)) return `an array of ${node.length}`;
  if (typeof node === 'string') return `a string of ${[...node].length} characters`;
  if (typeof node === 'number') return Number.isInteger(node) ? 'an integer' : 'a number';
  if (node === undefined) return 'nothing';
  return `a ${typeof node}`;
}
