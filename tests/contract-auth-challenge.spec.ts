import { expect, test } from '@playwright/test';
import { challengeSchemes, parseChallenges } from '../contracts/auth-challenge';

/* WWW-Authenticate is a list of challenges whose parameters hold commas and scheme-like words in quotes. */
test('the schemes a WWW-Authenticate value offers: one per challenge, never a parameter or quoted text', () => {
  expect(challengeSchemes('Basic realm="connectid"')).toEqual(['basic']);
  expect(challengeSchemes('Bearer realm="api", error="invalid_client"')).toEqual(['bearer']);
  expect(challengeSchemes('Bearer realm="a, Basic b", Basic realm="x"')).toEqual(['bearer', 'basic']);
  expect(challengeSchemes('Newauth realm="apps", type=1, title="Login to \\"apps\\", Basic", Basic realm="simple"')).toEqual(['newauth', 'basic']);
  expect(challengeSchemes('BASIC')).toEqual(['basic']);
  expect(challengeSchemes('realm="Basic"')).toEqual([]);
  expect(challengeSchemes('')).toEqual([]);
});

test('a challenge keeps its auth-params, unquoted, wherever the list splits them', () => {
  expect(parseChallenges('Bearer realm="capi", error="invalid_token", error_description="a \\"quoted\\", comma"')).toEqual([
    {
      scheme: 'bearer',
      params: [
        ['realm', 'capi'],
        ['error', 'invalid_token'],
        ['error_description', 'a "quoted", comma'],
      ],
    },
  ]);
  expect(parseChallenges('Basic realm=simple, Bearer scope="read write"')).toEqual([
    { scheme: 'basic', params: [['realm', 'simple']] },
    { scheme: 'bearer', params: [['scope', 'read write']] },
  ]);
  expect(parseChallenges('Bearer')).toEqual([{ scheme: 'bearer', params: [] }]);
});
