/**
 * Ways for the simulator to fail as a service rather than break a contract rule. The monitor must
 * turn each into an outcome and keep going.
 */
export const outageModes = {
  slow: 'Answers searches after a delay longer than any sensible deadline (30 s).',
  garbage: 'Answers searches 200 with a body that is not JSON.',
  'huge-body': 'Answers searches 200 with a 5 MiB body.',
  'rate-limit-storm': 'Answers every search 429.',
  'server-error': 'Answers every search 500 with a non-JSON body.',
  'token-endpoint-down': 'Answers the token endpoint 503.',
  'token-rejected': 'Answers the token endpoint 401 invalid_client.',
  'hang-up': 'Closes the connection without answering.',
} as const;

export type OutageMode = keyof typeof outageModes;

export function isOutageMode(name: string): name is OutageMode {
  return Object.hasOwn(outageModes, name);
}
