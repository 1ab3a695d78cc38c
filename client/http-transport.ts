import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import type { RequestMethod } from '../contracts/exchange';
import { TransportError } from './transport-error';

export interface HttpRequest {
  readonly method: RequestMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent byte for byte: the transport never re-encodes or re-serialises it. */
  readonly body?: Uint8Array;
  /** Deadline for the whole exchange, body included, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Send `Expect: 100-continue` and hold the body back until the server answers 100 or a final
   * status, or this many milliseconds pass (then it goes all the same, as RFC 9110 §10.1.1 lets a
   * client). Default none: the body goes with the headers.
   */
  readonly expectContinueMs?: number;
  /** Send the body with `Transfer-Encoding: chunked`, in two chunks, and no Content-Length. Default false. */
  readonly chunked?: true;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** Set when the body's bytes are not valid UTF-8 (bodyText holds U+FFFD in their place): json-utf8 judges it. */
  readonly invalidUtf8?: true;
  /** Set when the body began with a UTF-8 byte order mark, left out of bodyText (RFC 8259 §8.1: a parser MAY ignore it): json-utf8 judges it. */
  readonly byteOrderMark?: true;
  /** Set when the server answered an `Expect: 100-continue` neither with 100 nor with a final status within `expectContinueMs`. */
  readonly continueUnanswered?: true;
  /** Milliseconds from sending to the last body byte. */
  readonly durationMs: number;
}

/**
 * One HTTP exchange. The contract suite plugs in Playwright's APIRequestContext, the monitor Node's
 * http module; both throw TransportError when no response arrives.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Host and path of a URL, for messages: never its query, which may carry credentials. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A body's text, whether its bytes were UTF-8 at all (the text alone cannot tell a sent U+FFFD from
 * a replaced byte), and whether it began with a byte order mark. The mark is left out of the text, as
 * RFC 8259 §8.1 lets a parser ignore it, so that a provider who adds it (a MUST NOT) breaks the one
 * rule that says so, not every rule that reads the body.
 */
export function decodedBody(bytes: Buffer): { bodyText: string; invalidUtf8?: true; byteOrderMark?: true } {
  const marked = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const content = marked ? bytes.subarray(3) : bytes;
  return { bodyText: content.toString('utf8'), ...(isUtf8(content) ? {} : { invalidUtf8: true as const }), ...(marked ? { byteOrderMark: true as const } : {}) };
}

/** The request's headers with Content-Length set, so a body is never sent chunked unless the request asks for it. */
function withLength(request: HttpRequest): Record<string, string> {
  if (request.body === undefined) return { ...request.headers };
  return request.chunked ? { ...request.headers, 'transfer-encoding': 'chunked' } : { ...request.headers, 'content-length': String(request.body.byteLength) };
}


export interface NodeTransportOptions {
  /** Largest body read before giving up, in bytes. Default 1 MiB: a search answers at most 5 customers. */
  readonly maxBodyBytes?: number;
}

type RequestTarget = { readonly url: URL; readonly client: typeof http | typeof https } | { readonly problem: string; readonly cause?: unknown };

/** The last request target worked out, kept: a monitor sends every search to the same URL. */
let lastTarget: { readonly text: string; readonly target: RequestTarget } | undefined;

/** The URL and module a request goes over, or why it cannot go. */
function requestTarget(text: string): RequestTarget {
  if (lastTarget?.text !== text) lastTarget = { text, target: resolveTarget(text) };
  return lastTarget.target;
}

function resolveTarget(text: string): RequestTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    return { problem: 'not a URL', cause: error };
  }
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  return client ? { url, client } : { problem: `unsupported protocol ${url.protocol}` };
}

/** How a request's body goes out: with its headers, or, under `Expect: 100-continue`, on 100 or when the wait runs out. */
interface BodySending {
  readonly sent: () => boolean;
  /** Whether the wait ran out before 100 or a final status came. */
  readonly unanswered: () => boolean;
  /** A final status came: the body, if not sent yet, never will be. */
  readonly stop: () => void;
}

/** A body sent with its headers: one object for every such request, as the monitor sends thousands. */
const SENT_WITH_HEADERS: BodySending = { sent: () => true, unanswered: () => false, stop: () => undefined };

function sendBody(outgoing: http.ClientRequest, request: HttpRequest, expecting: boolean): BodySending {
  if (!expecting) {
    if (request.chunked && request.body !== undefined) {
      // Two chunks, so that a reader of the first alone is seen too.
      const half = Math.ceil(request.body.byteLength / 2);
      outgoing.write(request.body.subarray(0, half));
      outgoing.end(request.body.subarray(half));
    } else outgoing.end(request.body);
    return SENT_WITH_HEADERS;
  }
  let sent = false;
  let unanswered = false;
  const send = (): void => {
    clearTimeout(wait);
    if (sent) return;
    sent = true;
    outgoing.end(request.body);
  };
  const wait = setTimeout(() => {
    unanswered = true;
    send();
  }, request.expectContinueMs);
  outgoing.on('continue', send);
  outgoing.flushHeaders();
  return { sent: () => sent, unanswered: () => unanswered, stop: () => clearTimeout(wait) };
}

/** A response's header fields, names in lower case, repeated ones joined. */
function responseHeaders(incoming: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * HttpTransport over Node's own http and https modules, with keep-alive, a deadline for the whole
 * exchange and a body-size cap, so a faulty target can neither stall nor bloat a probe. Chosen over
 * fetch for the long-running monitor: the same work in a fraction of fetch's memory.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): HttpTransport {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const started = performance.now();
      // Said only when the exchange fails: parsing the URL again for every answered request cost CPU time.
      const where = (): string => `${request.method} ${describeUrl(request.url)}`;
      const target = requestTarget(request.url);
      if ('problem' in target) {
        reject(new TransportError('network', `${where()}: ${target.problem}`, target.cause === undefined ? undefined : { cause: target.cause }));
        return;
      }
      let settled = false;
      // Set once the request is made: its body goes out with the headers or when 100 Continue comes.
      let body: BodySending | undefined;
      const fail = (error: TransportError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        body?.stop();
        outgoing.destroy();
        reject(error);
      };
      const expecting = request.expectContinueMs !== undefined && request.body !== undefined;
      const headers = expecting ? { ...withLength(request), expect: '100-continue' } : withLength(request);
      // A connection whose announced body may never be sent is not kept for the next request.
      const agent = expecting ? false : agents[target.url.protocol as 'http:' | 'https:'];
      const outgoing = target.client.request(target.url, { method: request.method, headers, agent }, (incoming) => {
        // A final status before 100 answers the expectation: the body is not sent (RFC 9110 §10.1.1).
        body?.stop();
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBodyBytes) {
            incoming.destroy();
            fail(new TransportError('body-too-large', `${where()}: body larger than ${maxBodyBytes} bytes`));
          } else chunks.push(chunk);
        });
        incoming.on('error', (error) => fail(new TransportError('network', `${where()}: ${(error as NodeJS.ErrnoException).code ?? 'network error'}`, { cause: error })));
        incoming.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (body && !body.sent()) outgoing.destroy();
          const unanswered = body?.unanswered() === true ? { continueUnanswered: true as const } : {};
          resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders(incoming), ...decodedBody(Buffer.concat(chunks)), ...unanswered, durationMs: performance.now() - started });
        });
      });
      const timer = setTimeout(() => fail(new TransportError('timeout', `${where()}: no response within ${request.timeoutMs} ms`)), request.timeoutMs);
      outgoing.on('error', (error) => fail(new TransportError('network', `${where()}: ${(error as NodeJS.ErrnoException).code ?? 'network error'}`, { cause: error })));
      body = sendBody(outgoing, request, expecting);
    });
}
