import type { MonitorLog } from './monitor-log';
import type { TokenOutcome } from './probe-outcome';

/** Whether the token endpoint accepts the configured client: unknown until the first fetch answers. */
export type CredentialState = 'unknown' | 'accepted' | 'refused';

/** What an operator must check when the token endpoint refuses the client. */
export const CREDENTIALS_HINT = 'check CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET';

/**
 * Follows the token fetches. The run at start fetches the first token, so wrong credentials show at
 * once: one error line naming the variables to check, when they are first refused and each time
 * they are refused again after having been accepted, never once per probe; the page shows the
 * state. Probing goes on (every probe reports `auth_error`), so a rotated secret is picked up
 * without a restart. Other token failures (endpoint down, malformed answer) say nothing about the
 * credentials and leave the state as it was.
 */
export class CredentialWatch {
  private current: CredentialState = 'unknown';

  constructor(private readonly log: MonitorLog) {}

  get state(): CredentialState {
    return this.current;
  }

  observe(outcome: TokenOutcome): void {
    if (outcome === 'rejected' && this.current !== 'refused') {
      this.current = 'refused';
      this.log({ level: 'error', msg: `credentials refused by the token endpoint: ${CREDENTIALS_HINT}; probing goes on, every probe reports auth_error` });
    } else if (outcome === 'success') {
      if (this.current === 'refused') this.log({ level: 'info', msg: 'credentials accepted again by the token endpoint' });
      this.current = 'accepted';
    }
  }
}
