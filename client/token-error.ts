export type TokenFailure = 'rejected' | 'unavailable' | 'malformed' | 'transport';

/**
 * The token endpoint did not hand out a usable token. The message carries the status and the
 * RFC 6749 `error` code at most: never the client secret, never a token.
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  readonly kind: TokenFailure;
  readonly status: number | undefined;
  /** The RFC 6749 §5.2 `error` code of the answer, when it had a well-formed one. */
  readonly code: string | undefined;

  constructor(kind: TokenFailure, message: string, options?: { status?: number; code?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options?.status;
    this.code = options?.code;
  }
}
