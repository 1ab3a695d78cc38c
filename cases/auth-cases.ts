import { clientCredentialsScheme } from '../contracts/contract-reader';
import type { AuthMode, Expectation } from '../contracts/exchange';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

/** The ways of asking the token endpoint for a token, or of presenting the client's own, that each have a case of their own. */
type TokenWay = 'basic' | 'issued' | 'wrong-secret' | 'secret-past-colon' | 'lowercase-scheme' | 'two-spaces' | 'empty-scope' | 'unrecognized-parameter';
type BadToken = Exclude<AuthMode, 'valid' | TokenWay>;

/** Every way of searching without a good token, keyed by the union so that a new mode cannot be left out. */
const WITHOUT_A_GOOD_TOKEN: { readonly [M in BadToken]: { readonly auth: M; readonly label: string } } = {
  none: { auth: 'none', label: 'without a token' },
  malformed: { auth: 'malformed', label: 'with a malformed token' },
  unknown: { auth: 'unknown', label: 'with a token the provider never issued' },
  tampered: { auth: 'tampered', label: 'with an issued token one character of which was changed' },
  expired: { auth: 'expired', label: 'with an expired token' },
};

/**
 * Each token way's case, keyed by the union too: a token asked for with HTTP Basic client
 * authentication, which every authorization server must support (RFC 6749 §2.3.1), is issued and
 * accepted, whatever the client negotiates for itself; a token answer is never to be stored by a
 * cache (RFC 6749 §5.1); HTTP Basic client authentication with a wrong secret is refused 401 with a
 * Basic challenge (RFC 6749 §5.2), the secret changed in its last character or followed by a colon
 * and more (RFC 7617 §2: the password is all after the first colon), two failed attempts per run; a good token is a good token under
 * `bearer` (RFC 9110 §11.1: the scheme name is case-insensitive) and after two spaces (RFC 6750 §2.1:
 * `"Bearer" 1*SP b64token`); and a token request with `scope=` or a parameter no server defines is
 * answered as the client's own (RFC 6749 §3.2).
 */
const TOKEN_WAYS: { readonly [M in TokenWay]: { readonly title: string; readonly expectation: Expectation; readonly needs?: ContractCase['needs'] } } = {
  basic: { title: 'a search with a token issued for HTTP Basic client authentication accepted', expectation: { kind: 'accepted', rule: 'client-basic-auth' } },
  issued: { title: 'a token answer is marked Cache-Control: no-store', expectation: { kind: 'accepted', rule: 'token-no-store' } },
  'wrong-secret': { title: 'a token request with a wrong client secret refused 401 with a Basic challenge', expectation: { kind: 'unauthorized', rule: 'invalid-client-challenge' } },
  'secret-past-colon': {
    title: 'a token request whose Basic password is the client secret, a colon and more refused 401 with a Basic challenge',
    expectation: { kind: 'unauthorized', rule: 'invalid-client-challenge' },
  },
  'lowercase-scheme': { title: 'a search with a good token under the scheme name "bearer" in lower case accepted', expectation: { kind: 'accepted', rule: 'valid-search-accepted' } },
  'two-spaces': { title: 'a search with a good token parted from "Bearer" by two spaces accepted', expectation: { kind: 'accepted', rule: 'valid-search-accepted' } },
  'empty-scope': {
    title: 'a token request with scope= (a parameter without a value) issues a token, as without it',
    expectation: { kind: 'accepted', rule: 'token-request-parameters' },
    needs: 'no-client-scope',
  },
  'unrecognized-parameter': {
    title: 'a token request with a parameter no server defines issues a token, as without it',
    expectation: { kind: 'accepted', rule: 'token-request-parameters' },
  },
};

/** A search without a good token is refused, whatever is wrong with the token; and each token way has its case (`TOKEN_WAYS`). */
export function authCases(profile: TargetProfile): ContractCase[] {
  const scheme = `#/components/securitySchemes/${clientCredentialsScheme().name}`;
  const ways = (Object.entries(TOKEN_WAYS) as [TokenWay, (typeof TOKEN_WAYS)[TokenWay]][]).map(([auth, { title, expectation, needs }]) => ({
    title: `auth: ${title}`,
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth },
    expectation,
    contractPath: scheme,
    ...(needs ? { needs } : {}),
  }));
  return [...ways, ...badTokenCases(profile, scheme)];
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
