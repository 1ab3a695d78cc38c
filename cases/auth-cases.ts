import { clientCredentialsScheme } from '../contracts/contract-reader';
import type { AuthMode } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

type BadToken = Exclude<AuthMode, 'valid' | 'lowercase-scheme' | 'two-spaces' | 'basic' | 'issued' | 'wrong-secret' | 'empty-scope' | 'unrecognized-parameter'>;

/** Every way of searching without a good token, keyed by the union so that a new mode cannot be left out. */
const WITHOUT_A_GOOD_TOKEN: { readonly [M in BadToken]: { readonly auth: M; readonly label: string } } = {
  none: { auth: 'none', label: 'without a token' },
  malformed: { auth: 'malformed', label: 'with a malformed token' },
  unknown: { auth: 'unknown', label: 'with a token the provider never issued' },
  tampered: { auth: 'tampered', label: 'with an issued token one character of which was changed' },
  expired: { auth: 'expired', label: 'with an expired token' },
};

/**
 * A search without a good token is refused, whatever is wrong with the token; and a token asked for
 * with HTTP Basic client authentication, which every authorization server must support (RFC 6749
 * §2.3.1), is issued and accepted, whatever the client negotiates for itself; and a token answer is
 * never to be stored by a cache (RFC 6749 §5.1); and HTTP Basic client authentication with a wrong
 * secret is refused 401 with a Basic challenge (RFC 6749 §5.2), one failed attempt per run; and a
 * token request with `scope=` or a parameter no server defines is answered as the client's own
 * (RFC 6749 §3.2).
 */
export function authCases(profile: TargetProfile): ContractCase[] {
  const scheme = `#/components/securitySchemes/${clientCredentialsScheme().name}`;
  const basic: ContractCase = {
    title: 'auth: a search with a token issued for HTTP Basic client authentication accepted',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'basic' },
    expectation: { kind: 'accepted', rule: 'client-basic-auth' },
    contractPath: scheme,
  };
  const issued: ContractCase = {
    title: 'auth: a token answer is marked Cache-Control: no-store',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'issued' },
    expectation: { kind: 'accepted', rule: 'token-no-store' },
    contractPath: scheme,
  };
  const wrongSecret: ContractCase = {
    title: 'auth: a token request with a wrong client secret refused 401 with a Basic challenge',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'wrong-secret' },
    expectation: { kind: 'unauthorized', rule: 'invalid-client-challenge' },
    contractPath: scheme,
  };
  // RFC 9110 §11.1: the scheme name is case-insensitive, so a good token under `bearer` is a good token.
  const lowercaseScheme: ContractCase = {
    title: 'auth: a search with a good token under the scheme name "bearer" in lower case accepted',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'lowercase-scheme' },
    expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
    contractPath: scheme,
  };
  // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, and resource servers MUST support it.
  const twoSpaces: ContractCase = {
    title: 'auth: a search with a good token parted from "Bearer" by two spaces accepted',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'two-spaces' },
    expectation: { kind: 'accepted', rule: 'valid-search-accepted' },
    contractPath: scheme,
  };
  const emptyScope: ContractCase = {
    title: 'auth: a token request with scope= (a parameter without a value) issues a token, as without it',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'empty-scope' },
    expectation: { kind: 'accepted', rule: 'token-request-parameters' },
    contractPath: scheme,
    needs: 'no-client-scope',
  };
  const unrecognizedParameter: ContractCase = {
    title: 'auth: a token request with a parameter no server defines issues a token, as without it',
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'unrecognized-parameter' },
    expectation: { kind: 'accepted', rule: 'token-request-parameters' },
    contractPath: scheme,
  };
  return [basic, issued, wrongSecret, lowercaseScheme, twoSpaces, emptyScope, unrecognizedParameter, ...badTokenCases(profile, scheme)];
}

function badTokenCases(profile: TargetProfile, scheme: string): ContractCase[] {
  return Object.values(WITHOUT_A_GOOD_TOKEN).map(({ auth, label }) => ({
    title: `auth: a search ${label} refused`,
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth },
    expectation: { kind: 'unauthorized', rule: 'auth-required' },
    contractPath: scheme,
    ...(auth === 'expired' ? { needs: 'expired-token' as const } : {}),
  }));
}
