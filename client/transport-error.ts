export type TransportFailure = 'timeout' | 'network' | 'body-too-large';

/** The request got no usable HTTP response. The message names the host, never a query or header. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportFailure;

  constructor(kind: TransportFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
