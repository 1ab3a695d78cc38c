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

/** The request's headers with Content-Length set, so a body is never sent chunked. */
function withLength(request: HttpRequest): Record<string, string> {
  return request.body === undefined ? { ...request.headers } : { ...request.headers, 'content-length': String(request.body.byteLength) };
}

/** The last URL parsed, kept: a monitor sends every search to the same URL. */
let lastParsed: { readonly text: string; readonly url: URL } | undefined;

function parsedUrl(text: string): URL {
  if (lastParsed?.text !== text) lastParsed = { text, url: new URL(text) };
  return lastParsed.url;
}

export interface NodeTransportOptions {
  /** Largest body read before giving up, in bytes. Default 1 MiB: a search answers at most 5 customers. */
  readonly maxBodyBytes?: number;
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
      let url: URL;
      try {
        url = parsedUrl(request.url);
      } catch (error) {
        reject(new TransportError('network', `${where()}: not a URL`, { cause: error }));
        return;
      }
      const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
      if (!client) {
        reject(new TransportError('network', `${where()}: unsupported protocol ${url.protocol}`));
        return;
      }
      let settled = false;
      const fail = (error: TransportError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outgoing.destroy();
        reject(error);
      };
      const outgoing = client.request(url, { method: request.method, headers: withLength(request), agent: agents[url.protocol as 'http:' | 'https:'] }, (incoming) => {
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
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          const bytes = Buffer.concat(chunks);
          resolve({ status: incoming.statusCode ?? 0, headers, ...decodedBody(bytes), durationMs: performance.now() - started });
        });
      });
      const timer = setTimeout(() => fail(new TransportError('timeout', `${where()}: no response within ${request.timeoutMs} ms`)), request.timeoutMs);
      outgoing.on('error', (error) => fail(new TransportError('network', `${where()}: ${(error as NodeJS.ErrnoException).code ?? 'network error'}`, { cause: error })));
      outgoing.end(request.body);
    });
}
