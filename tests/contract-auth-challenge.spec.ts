import { expect, test } from '@playwright/test';
import { challengeSchemes } from '../contracts/auth-challenge';

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
