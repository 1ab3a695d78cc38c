/**
 * Where a target is reached and with which client credentials: the API base and the OAuth 2.0
 * token endpoint. The one shape a configured environment, the embedded simulator and a simulator
 * aimed at as a real target all share.
 */
export interface TargetEndpoint {
  /** API base without a trailing slash, e.g. https://api.mediaconnect.no/capi (secret-free; safe to print). */
  readonly baseUrl: string;
  /** The OAuth 2.0 token endpoint (RFC 6749 section 3.2). */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** Never logged, reported, traced or exported as a metric. */
  readonly clientSecret: string;
}
