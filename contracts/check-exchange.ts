import type { Customer } from './search-customer-types';
import { contractRules, type RuleName } from './contract-rules';
import { documentedStatuses, RESULT_CAP_POINTER, resultCap } from './contract-reader';
import { validateHeader, validateSchema, type HeaderName, type SchemaViolation } from './contract-validator';
import type { Exchange, Expectation, ResultExpectation, RuleViolation } from './exchange';

export interface CheckResult {
  /** Every rule this exchange was judged by, broken or not (so passes can be counted per rule). */
  readonly rulesChecked: readonly RuleName[];
  readonly violations: readonly RuleViolation[];
}

// Read once: checkExchange runs on every answer of the suite and of every monitor probe.
const DOCUMENTED_STATUSES = documentedStatuses();
const RESULT_CAP = resultCap();

const RATE_LIMIT_HEADERS: readonly HeaderName[] = ['X-Mediaconnect-Api-Version', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Digits only, so "+47 123 45 678" and "+4712345678" compare equal. */
function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}

function describeStatus(exchange: Exchange): string {
  const { status, headers, bodyText } = exchange.response;
  // Only the exception type is quoted: error messages may echo request values, which are customer data.
  const parsed = isJsonContentType(headers['content-type']) ? parseJson(bodyText) : { ok: false as const };
  const type =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && 'exceptionType' in parsed.value
      ? ` (${String((parsed.value as { exceptionType: unknown }).exceptionType)})`
      : '';
  const attempts = exchange.response.attempts > 1 ? ` after ${exchange.response.attempts} attempts` : '';
  return `${status}${type}${attempts}`;
}

function expectedStatuses(expectation: Expectation): number[] {
  switch (expectation.kind) {
    case 'accepted':
      return [200];
    case 'refused':
      return [400];
    case 'unauthorized':
      // 401 is tolerated: see contradiction forbidden-vs-unauthorized.
      return [403, 401];
    case 'forced':
      return [expectation.status];
  }
}

function checkResults(customers: Customer[], results: ResultExpectation, push: (v: RuleViolation) => void): RuleName[] {
  const checked: RuleName[] = [];
  if (results.phoneNumber !== undefined) {
    checked.push('results-match-criteria');
    const wanted = phoneDigits(results.phoneNumber);
    const strays = customers.filter(
      (customer) => !(customer.phoneNumbers ?? []).some((phone) => phoneDigits(phone.phoneNumber ?? '') === wanted),
    );
    if (strays.length > 0) {
      push({
        rule: 'results-match-criteria',
        contractPath: '#/components/schemas/Customer/properties/phoneNumbers',
        expected: 'every customer holds the searched phone number',
        received: `${strays.length} of ${customers.length} customers without it`,
      });
    }
  }
  if (results.email !== undefined) {
    checked.push('results-match-criteria');
    const wanted = results.email.toLowerCase();
    const strays = customers.filter(
      (customer) => !(customer.emails?.email ?? []).some((email) => String(email).toLowerCase() === wanted),
    );
    if (strays.length > 0) {
      push({
        rule: 'results-match-criteria',
        contractPath: '#/components/schemas/Customer/properties/emails',
        expected: 'every customer holds the searched email',
        received: `${strays.length} of ${customers.length} customers without it`,
      });
    }
  }
  if (results.customerNumber !== undefined) {
    checked.push('known-customer-found');
    if (!customers.some((customer) => customer.customerNumber === results.customerNumber)) {
      push({
        rule: 'known-customer-found',
        contractPath: contractRules['known-customer-found'].contractPath,
        expected: "the profile's known customer among the results",
        received: `${customers.length} customers, none of them the known one`,
      });
    }
  }
  if (results.overCap) {
    checked.push('result-cap');
    if (customers.length === 0) {
      push({
        rule: 'result-cap',
        contractPath: RESULT_CAP_POINTER,
        expected: `between 1 and ${RESULT_CAP} customers for a search known to match more`,
        received: '0 customers',
      });
    }
  }
  return checked;
}

/**
 * Judges one exchange by the rules every response must meet and by what its case expects.
 * Pure and synchronous: the contract suite, its self-check and the monitor all call it.
 *
 * @param casePath contract path the case exercises (e.g. a field's maxLength); defaults to the rule's own.
 */
export function checkExchange(exchange: Exchange, expectation: Expectation, casePath?: string): CheckResult {
  const violations: RuleViolation[] = [];
  const checked = new Set<RuleName>();
  const push = (violation: RuleViolation): void => {
    violations.push(violation);
  };
  const { request, response } = exchange;
  const contentType = response.headers['content-type'];

  checked.add('status-code-documented');
  const documented = DOCUMENTED_STATUSES;
  const tolerated401 = response.status === 401 && request.auth !== 'valid';
  if (!documented.includes(response.status) && !tolerated401) {
    push({
      rule: 'status-code-documented',
      contractPath: contractRules['status-code-documented'].contractPath,
      expected: `one of ${documented.join(', ')}`,
      received: String(response.status),
    });
  }

  checked.add('rate-limit-headers');
  for (const header of RATE_LIMIT_HEADERS) {
    const value = response.headers[header.toLowerCase()];
    if (value === undefined) continue;
    for (const violation of validateHeader(header, value)) {
      push({
        rule: 'rate-limit-headers',
        contractPath: violation.contractPath,
        expected: `${header} ${violation.message}`,
        received: JSON.stringify(value),
      });
    }
  }

  checked.add(expectation.rule);
  const wanted = expectedStatuses(expectation);
  if (!wanted.includes(response.status)) {
    push({
      rule: expectation.rule,
      contractPath: casePath ?? contractRules[expectation.rule].contractPath,
      expected: wanted.join(' or '),
      received: describeStatus(exchange),
    });
  }

  if (response.status === 200) {
    checked.add('content-type-json');
    if (!isJsonContentType(contentType)) {
      push({
        rule: 'content-type-json',
        contractPath: contractRules['content-type-json'].contractPath,
        expected: 'application/json',
        received: contentType ?? '(no Content-Type)',
      });
    }
    checked.add('response-schema');
    checked.add('result-cap');
    const parsed = parseJson(response.bodyText);
    if (!parsed.ok) {
      push({
        rule: 'response-schema',
        contractPath: contractRules['response-schema'].contractPath,
        expected: 'a JSON body',
        received: `${response.bodyText.length} bytes that do not parse as JSON`,
      });
    } else {
      // One violation per broken contract path: five customers with a numeric postalCode are one finding.
      const byPath = new Map<string, SchemaViolation[]>();
      for (const violation of validateSchema('SearchCustomerResponse', parsed.value)) {
        byPath.set(violation.contractPath, [...(byPath.get(violation.contractPath) ?? []), violation]);
      }
      for (const [contractPath, group] of byPath) {
        const first = group[0] as SchemaViolation;
        const isCap = contractPath === RESULT_CAP_POINTER;
        const more = group.length > 1 ? ` (and ${group.length - 1} more)` : '';
        push({
          rule: isCap ? 'result-cap' : 'response-schema',
          contractPath,
          expected: `${first.instancePath || '(body)'} ${first.message}`,
          received: isCap
            ? `${(parsed.value as { customers: unknown[] }).customers.length} customers`
            : `${describeValueType(parsed.value, first.instancePath)}${more}`,
        });
      }
      const customers = (parsed.value as { customers?: unknown })?.customers;
      // An absent list is an empty result (contradiction empty-result-shape); a malformed one is
      // already a response-schema violation and is not matched.
      const found = customers === undefined ? [] : Array.isArray(customers) ? (customers as Customer[]) : undefined;
      if (expectation.kind === 'accepted' && expectation.results && found) {
        for (const rule of checkResults(found, expectation.results, push)) checked.add(rule);
      }
    }
  } else if (isJsonContentType(contentType) && response.bodyText.trim() !== '') {
    checked.add('error-body');
    const parsed = parseJson(response.bodyText);
    const problems = parsed.ok
      ? validateSchema('ErrorResponse', parsed.value).map((v) => ({
          contractPath: v.contractPath,
          expected: `${v.instancePath || '(body)'} ${v.message}`,
          received: describeValueType(parsed.value, v.instancePath),
        }))
      : [
          {
            contractPath: contractRules['error-body'].contractPath,
            expected: 'a body that parses as the JSON it declares',
            received: `${response.bodyText.length} bytes that do not parse`,
          },
        ];
    for (const problem of problems) push({ rule: 'error-body', ...problem });
  }

  return { rulesChecked: [...checked], violations };
}

/**
 * Names the JSON type found at a pointer without quoting the value: values are customer data.
 */
function describeValueType(root: unknown, pointer: string): string {
  let node: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === null) return 'null';
  if (Array.isArray(node)) return `an array of ${node.length}`;
  if (typeof node === 'string') return `a string of ${node.length} characters`;
  if (typeof node === 'number') return Number.isInteger(node) ? 'an integer' : 'a number';
  if (node === undefined) return 'nothing';
  return `a ${typeof node}`;
}
