export type TokenFailure = 'rejected' | 'unavailable' | 'malformed' | 'transport';

/**
 * The token endpoint did not hand out a usable token. The message carries the status and the
 * RFC 6749 `error` code at most: never the client secret, never a token.
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  readonly kind: TokenFailure;
  readonly status: number | undefined;

  constructor(kind: TokenFailure, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options?.status;
  }
}
