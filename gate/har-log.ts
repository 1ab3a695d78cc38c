import { STATUS_CODES } from 'node:http';
import { OPERATION_PATH } from '../contracts/contract-reader';
import type { RuleViolation } from '../contracts/check-exchange';
import { requestBodyBytes, requestMethod, type Exchange } from '../contracts/exchange';
import { redactedHeaders } from '../client/redacted-headers';
import type { ContractCase } from '../cases/contract-case';
import { maskPii } from './mask-pii';
import { reportableRequest } from './reproduction';

/** One exchange to put in evidence, with the case that sent it (which decides what is customer data). */
export interface HarEvidence {
  readonly case: ContractCase;
  readonly exchange: Exchange;
  /** The rules the exchange broke, written as the entry's comment. */
  readonly violations?: readonly RuleViolation[];
}

export interface HarOptions {
  /** Customer data unmasked (CONTRACT_SHOW_PII=1); default masked. Credentials are redacted regardless. */
  readonly showPii?: boolean;
  /** API base as the target configuration reads it (no trailing slash), for exchanges recorded without their URL; default none. */
  readonly baseUrl?: string;
}

interface HarHeader {
  readonly name: string;
  readonly value: string;
}

/** The subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) this project writes. */
export interface HarDocument {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly entries: readonly object[];
    readonly comment?: string;
  };
}

const headerList = (headers: Readonly<Record<string, string>>): HarHeader[] =>
  Object.entries(redactedHeaders(headers)).map(([name, value]) => ({ name, value }));

/** A response body as evidence: JSON masked value by value (shapes and lengths stay), other text masked whole. */
function shownBody(text: string, showPii: boolean): string {
  if (showPii) return text;
  try {
    return JSON.stringify(maskPii(JSON.parse(text)));
  } catch {
    return maskPii(text);
  }
}

function entry(evidence: HarEvidence, options: HarOptions): object {
  const { exchange } = evidence;
  const showPii = options.showPii ?? false;
  const shown = reportableRequest(evidence.case, exchange.request, showPii);
  const sentBytes = requestBodyBytes(exchange.request)?.length ?? 0;
  const requestText = shown.rawBody ?? JSON.stringify(shown.body) ?? '';
  const headers = exchange.sent?.headers ?? { 'content-type': 'application/json', accept: 'application/json' };
  const { response } = exchange;
  const durationMs = Math.max(0, Math.round(response.durationMs * 1000) / 1000);
  const comment = [
    `Case: ${evidence.case.title}`,
    ...(evidence.violations ?? []).map((violation) => `Rule ${violation.rule} broken at ${violation.contractPath}: expected ${violation.expected}, received ${violation.received}`),
    showPii ? 'Authorization redacted.' : 'Customer data masked (first character and length kept); Authorization redacted.',
  ].join('\n');
  return {
    startedDateTime: exchange.sent?.startedAt ?? new Date(0).toISOString(),
    time: durationMs,
    request: {
      method: requestMethod(exchange.request),
      url: exchange.sent?.url ?? `${options.baseUrl ?? ''}${OPERATION_PATH}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(headers),
      queryString: [],
      // GET and HEAD go without content: their entry has no postData.
      ...(requestBodyBytes(exchange.request) !== undefined || requestMethod(exchange.request) === 'POST' ? { postData: { mimeType: headers['content-type'] ?? 'application/json', text: requestText } } : {}),
      headersSize: -1,
      bodySize: sentBytes,
    },
    response: {
      status: response.status,
      statusText: STATUS_CODES[response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(response.headers),
      content: {
        size: Buffer.byteLength(response.bodyText),
        mimeType: response.headers['content-type'] ?? 'application/octet-stream',
        text: shownBody(response.bodyText, showPii),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: Buffer.byteLength(response.bodyText),
    },
    cache: {},
    timings: { send: 0, wait: durationMs, receive: 0 },
    comment,
    // Custom fields start with an underscore (HAR 1.2): the trace to look up on the provider's side.
    ...(exchange.traceId ? { _traceId: exchange.traceId } : {}),
    _attempts: response.attempts,
  };
}

/**
 * Exchanges as an HTTP Archive (HAR 1.2) for a vendor's support: request and response as sent and
 * received, traceparent included, the Authorization header (and any cookie) redacted, customer data
 * masked unless `showPii`.
 */
export function harLog(evidence: readonly HarEvidence[], options: HarOptions = {}): HarDocument {
  return {
    log: {
      version: '1.2',
      creator: { name: 'capi-contract', version: process.env.npm_package_version ?? '0' },
      entries: evidence.map((item) => entry(item, options)),
    },
  };
}
