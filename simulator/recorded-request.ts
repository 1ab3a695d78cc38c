/** What the simulator saw of one request (credentials reduced to their scheme). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Token requests only: how the client authenticated. */
  readonly clientAuth?: 'body' | 'basic' | 'none';
  readonly status: number;
  /** Search requests with `recordBodies`: the body exactly as received, in base64. */
  readonly body?: string;
}
