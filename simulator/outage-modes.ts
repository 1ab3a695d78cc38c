import { modeRegistry, type ModeDefinition } from './mode-registry';

/**
 * Ways for the simulator to fail as a service rather than break a contract rule, each the hook it
 * bends. The monitor must turn each into an outcome and keep going.
 */
export const outageModes = {
  slow: {
    description: 'Answers searches after a delay longer than any sensible deadline (30 s).',
    behaviour: { stallsSearchMs: 30_000 },
  },
  garbage: {
    description: 'Answers searches 200 with a body that is not JSON.',
    behaviour: { failsSearch: () => ({ status: 200, body: '<<<not json>>>', contentType: 'application/json' }) },
  },
  'huge-body': {
    description: 'Answers searches 200 with a 5 MiB body.',
    // Built per answer, so the 5 MiB are held only while one is sent.
    behaviour: { failsSearch: () => ({ status: 200, body: `{"customers":[],"padding":"${'x'.repeat(5 * 1024 * 1024)}"}` }) },
  },
  'rate-limit-storm': {
    description: 'Answers every search 429.',
    behaviour: {
      failsSearch: () => ({
        status: 429,
        body: '{"exceptionType":"TooManyRequestsException","errorMessage":"Storm"}',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' },
      }),
    },
  },
  'server-error': {
    description: 'Answers every search 500 with a non-JSON body.',
    behaviour: { failsSearch: () => ({ status: 500, body: 'Internal Server Error', contentType: 'text/plain' }) },
  },
  'token-endpoint-down': {
    description: 'Answers the token endpoint 503.',
    behaviour: { failsToken: () => ({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' }) },
  },
  'token-rejected': {
    description: 'Answers the token endpoint 401 invalid_client.',
    behaviour: { failsToken: () => ({ status: 401, body: JSON.stringify({ error: 'invalid_client' }), headers: { 'cache-control': 'no-store', 'www-authenticate': 'Basic realm="simulator"' } }) },
  },
  'token-throttled': {
    description: 'Answers the token endpoint 429 with Retry-After: 30, as when other callers of the same client spent its limit.',
    behaviour: { failsToken: () => ({ status: 429, body: JSON.stringify({ error: 'rate_limited' }), headers: { 'cache-control': 'no-store', 'retry-after': '30' } }) },
  },
  'hang-up': {
    description: 'Closes the connection without answering.',
    behaviour: { hangsUp: true },
  },
} as const satisfies Record<string, ModeDefinition>;

export type OutageMode = keyof typeof outageModes;

const outages = modeRegistry<OutageMode>(outageModes);
export const isOutageMode = outages.is;
/** The behaviour of an outage mode, or none. */
export const outageBehaviour = outages.behaviour;
