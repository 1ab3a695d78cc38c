/**
 * A provider started in this process (the embedded simulator), as the client needs to see it:
 * where it listens and which credentials it accepts. The client only knows this shape, so the
 * simulator's code is loaded by the entry points that ask for it, never by a real-target run.
 */
export interface EmbeddedProvider {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A token it issued that has already expired, for the expired-token case. */
  expiredToken(): string;
  close(): Promise<void>;
}

/** Starts an embedded provider, breaking the named fault mode when one is given. */
export type StartEmbeddedProvider<P extends EmbeddedProvider> = (fault: string | undefined) => Promise<P>;
