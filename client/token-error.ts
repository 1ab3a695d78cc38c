/**
 * Why no token came: refused (a 4xx other than 429: the credentials or the request), throttled (429:
 * the endpoint's rate limit, RFC 6585 §4, which says nothing of the credentials), unavailable (5xx),
 * malformed (200 without a token), or no answer at all.
 */
export type TokenFailure = 'rejected' | 'throttled' | 'unavailable' | 'malformed' | 'transport';

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
  /** The answer's headers (names in lower case) when it was throttled: its Retry-After says when to come back. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: TokenFailure, message: string, options?: { status?: number; code?: string; headers?: Readonly<Record<string, string>>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options?.status;
    this.code = options?.code;
    this.headers = options?.headers ?? {};
  }
}
