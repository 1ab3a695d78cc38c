import type { CaseResult } from './run-campaign';
import { maskPii } from './mask-pii';
import { reportableRequest } from './reproduction';

/** Response headers worth showing; others (cookies, tracing ids) stay out of reports. */
const REPORTED_HEADERS = ['content-type', 'content-length', 'retry-after', 'x-mediaconnect-api-version', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** A report-safe copy of a case's exchange: no credentials, customer data masked unless asked for. */
export function reportableCase(result: CaseResult, showPii: boolean): object {
  const exchange = result.exchange;
  let body: unknown = exchange?.response.bodyText;
  try {
    body = JSON.parse(exchange?.response.bodyText ?? '');
  } catch {
    // not JSON: reported as text, cut short
    body = typeof body === 'string' ? body.slice(0, 500) : body;
  }
  return {
    case: result.case.title,
    ...(result.case.origin ? { origin: result.case.origin } : {}),
    ...(result.traceId ? { traceId: result.traceId } : {}),
    request: exchange
      ? { auth: exchange.request.auth, prefer: exchange.request.prefer, ...reportableRequest(result.case, exchange.request, showPii) }
      : undefined,
    response: exchange
      ? {
          status: exchange.response.status,
          headers: Object.fromEntries(Object.entries(exchange.response.headers).filter(([name]) => REPORTED_HEADERS.includes(name))),
          attempts: exchange.response.attempts,
          // Response bodies hold customer data whatever the request was.
          body: showPii ? body : maskPii(body),
        }
      : undefined,
    violations: result.check.violations,
    ...(result.minimal ? { minimal: reportableCase(result.minimal, showPii) } : {}),
  };
}
