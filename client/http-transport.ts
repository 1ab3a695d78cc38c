import { TransportError } from './transport-error';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline for the whole exchange, body included, in milliseconds. */
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** Milliseconds from sending to the last body byte. */
  readonly durationMs: number;
}

/**
 * One HTTP exchange. The contract suite plugs in Playwright's APIRequestContext, the monitor plugs
 * in fetch; both throw TransportError when no response arrives.
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

export interface FetchTransportOptions {
  /** Largest body read before giving up, in bytes. Default 1 MiB: a search answers at most 5 customers. */
  readonly maxBodyBytes?: number;
}

/** HttpTransport over Node's fetch, with a deadline and a body-size cap so a faulty target cannot stall or bloat a probe. */
export function createFetchTransport(options: FetchTransportOptions = {}): HttpTransport {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return async (request) => {
    const started = performance.now();
    const signal = AbortSignal.timeout(request.timeoutMs);
    const where = `${request.method} ${describeUrl(request.url)}`;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        signal,
      });
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBodyBytes) {
            await reader.cancel().catch(() => undefined);
            throw new TransportError('body-too-large', `${where}: body larger than ${maxBodyBytes} bytes`);
          }
          chunks.push(value);
        }
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return {
        status: response.status,
        headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
        durationMs: performance.now() - started,
      };
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (signal.aborted) {
        throw new TransportError('timeout', `${where}: no response within ${request.timeoutMs} ms`, { cause: error });
      }
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new TransportError('network', `${where}: ${code ?? 'network error'}`, { cause: error });
    }
  };
}
