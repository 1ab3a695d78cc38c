import { expect, test } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTargetConfig, type Environment, type TargetConfigOptions } from '../client/target-config';
import { documentedProfile } from '../client/target-profile';
import { configErrorMessage } from './fixtures/config-error-message';

const problemsOf = (env: Environment, options: TargetConfigOptions = {}): string => configErrorMessage(() => loadTargetConfig(env, options));

test('nothing set means the embedded simulator with Prefer fault injection', () => {
  const config = loadTargetConfig({});
  expect(config.kind).toBe('simulator');
  expect(config.faultInjection).toBe(true);
  expect(config.profile.knownCustomer.customerNumber).toBe(563457);
});

test('a real target takes the token URL of its environment by default', () => {
  const base = { CONNECTID_CLIENT_ID: 'id', CONNECTID_CLIENT_SECRET: 's' };
  const testEnv = loadTargetConfig({ ...base, CAPI_BASE_URL: 'https://api-test.mediaconnect.no/capi/' });
  expect(testEnv).toMatchObject({ kind: 'external', baseUrl: 'https://api-test.mediaconnect.no/capi', tokenUrl: 'https://api-test.mediaconnect.no/login/oauth/token', faultInjection: false, authMethod: undefined });
  const prod = loadTargetConfig({ ...base, CAPI_BASE_URL: 'https://api.mediaconnect.no/capi', CONNECTID_CLIENT_AUTH: 'basic' });
  expect(prod).toMatchObject({ tokenUrl: 'https://connectid.no/user/oauth/token', authMethod: 'basic' });
});

test('a base URL off the documented hosts needs CONNECTID_TOKEN_URL, so the secret never goes to a default it was not meant for', () => {
  const base = { CONNECTID_CLIENT_ID: 'id', CONNECTID_CLIENT_SECRET: 's' };
  for (const url of ['http://127.0.0.1:8080/capi', 'https://capi-proxy.example.com/capi', 'https://api-test.mediaconnect.se/capi']) {
    expect(problemsOf({ ...base, CAPI_BASE_URL: url })).toBe(
      `Invalid configuration: CONNECTID_TOKEN_URL: is required when CAPI_BASE_URL is on ${new URL(url).hostname} (a default exists only for api.mediaconnect.no and api-test.mediaconnect.no), so the client secret never goes to a login server it was not meant for`,
    );
  }
  // Loopback, a proxy or the simulator work as soon as the token URL is named.
  const local = loadTargetConfig({ ...base, CAPI_BASE_URL: 'http://127.0.0.1:8080/capi', CONNECTID_TOKEN_URL: 'http://127.0.0.1:8080/user/oauth/token' });
  expect(local).toMatchObject({ kind: 'external', tokenUrl: 'http://127.0.0.1:8080/user/oauth/token' });
});

test('a secret without an id names CONNECTID_CLIENT_ID', () => {
  expect(problemsOf({ CAPI_BASE_URL: 'https://api.mediaconnect.no/capi', CONNECTID_CLIENT_SECRET: 'hush' })).toBe(
    'Invalid configuration: CONNECTID_CLIENT_ID: is required with CAPI_BASE_URL',
  );
});

test('credentials without a base URL name CAPI_BASE_URL', () => {
  expect(problemsOf({ CONNECTID_CLIENT_ID: 'id' })).toBe(
    'Invalid configuration: CAPI_BASE_URL: is required when CONNECTID_CLIENT_ID is set (without it the embedded simulator is used)',
  );
});

test('a URL that carries a query or credentials is refused without echoing it', () => {
  const message = problemsOf({ CAPI_BASE_URL: 'https://user:pw@api.mediaconnect.no/capi', CONNECTID_CLIENT_ID: 'i', CONNECTID_CLIENT_SECRET: 's' });
  expect(message).toBe('Invalid configuration: CAPI_BASE_URL: must not carry credentials or a query string');
});

test('an unreadable profile names CONTRACT_PROFILE', () => {
  expect(problemsOf({ CONTRACT_PROFILE: '/nonexistent/profile.json' })).toBe(
    'Invalid configuration: CONTRACT_PROFILE: cannot read /nonexistent/profile.json (ENOENT)',
  );
});

test('a profile whose searches break the contract is refused, naming what is wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  const path = join(dir, 'profile.json');
  writeFileSync(path, JSON.stringify({ knownCustomer: { customerNumber: 1, phoneNumber: '12', email: 'x@y.no', nameAddressSearch: { lastName: 'A' } }, broadSearch: { email: 'x@y.no' } }));
  expect(problemsOf({ CONTRACT_PROFILE: path })).toBe(
    `Invalid configuration: CONTRACT_PROFILE: ${path}: knownCustomer.phoneNumber must be an E.164 number the contract accepts, knownCustomer.nameAddressSearch must be a valid search request`,
  );
});

test('a profile whose product codes the contract refuses is refused, naming productCodes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  const path = join(dir, 'profile.json');
  writeFileSync(path, JSON.stringify({ ...documentedProfile, productCodes: ['CO27409', 'A PRODUCT CODE PAST TWELVE'] }));
  expect(problemsOf({ CONTRACT_PROFILE: path })).toBe(`Invalid configuration: CONTRACT_PROFILE: ${path}: productCodes must be a list of product codes the contract accepts`);
  writeFileSync(path, JSON.stringify({ ...documentedProfile, productCodes: undefined }));
  expect(loadTargetConfig({ CONTRACT_PROFILE: path }).profile.productCodes).toBeUndefined();
});

test('every problem is reported at once, typos included', () => {
  expect(problemsOf({ CONTRACT_TIMEOUT_MS: 'soon', CONTRACT_SHOW_PII: 'maybe', CONNECTID_CLIENT_AUTH: 'jwt' })).toBe(
    'Invalid configuration: CONNECTID_CLIENT_AUTH: must be basic or body (unset: negotiated), got "jwt"; CONTRACT_SHOW_PII: must be 1 or 0, got "maybe"; ' +
      'CONTRACT_TIMEOUT_MS: must be a whole number from 100 to 120000, got "soon"',
  );
  expect(problemsOf({ CONTRACT_PROFIL: 'x.json' })).toBe('Invalid configuration: CONTRACT_PROFIL: is not a known setting; did you mean CONTRACT_PROFILE?');
  expect(problemsOf({ CONNECTID_CLIENTSECRET: 'x' })).toBe('Invalid configuration: CONNECTID_CLIENTSECRET: is not a known setting; did you mean CONNECTID_CLIENT_SECRET?');
  // Nothing close: the known names, rather than a guess.
  expect(problemsOf({ CONTRACT_WHATEVER: '1' })).toMatch(/^Invalid configuration: CONTRACT_WHATEVER: is not a known setting \(known: CAPI_BASE_URL, /);
});

test('a mistyped fault mode gets the nearest one; a name close to none gets the list', () => {
  const modes = ['six-customers', 'max-length-unenforced', 'text-content-type'];
  expect(problemsOf({ CONTRACT_SIMULATOR_FAULT: 'six-customer' }, { faultModes: modes })).toBe('Invalid configuration: CONTRACT_SIMULATOR_FAULT: is not a fault mode; did you mean six-customers?');
  expect(problemsOf({ CONTRACT_SIMULATOR_FAULT: 'Max-Length-Unenforce' }, { faultModes: modes })).toContain('did you mean max-length-unenforced?');
  expect(problemsOf({ CONTRACT_SIMULATOR_FAULT: 'slow' }, { faultModes: modes })).toBe(`Invalid configuration: CONTRACT_SIMULATOR_FAULT: must be one of ${modes.join(', ')}`);
});

test('CONNECTID_CLIENT_AUTH pins the client authentication; the older CONNECTID_AUTH_METHOD still works, and the two may not disagree', () => {
  const base = { CONNECTID_CLIENT_ID: 'id', CONNECTID_CLIENT_SECRET: 's', CAPI_BASE_URL: 'https://api.mediaconnect.no/capi' };
  expect(loadTargetConfig({ ...base, CONNECTID_CLIENT_AUTH: 'Body' })).toMatchObject({ authMethod: 'body' });
  expect(loadTargetConfig({ ...base, CONNECTID_AUTH_METHOD: 'basic' })).toMatchObject({ authMethod: 'basic' });
  expect(loadTargetConfig({ ...base, CONNECTID_AUTH_METHOD: 'basic', CONNECTID_CLIENT_AUTH: 'basic' })).toMatchObject({ authMethod: 'basic' });
  expect(problemsOf({ ...base, CONNECTID_AUTH_METHOD: 'body', CONNECTID_CLIENT_AUTH: 'basic' })).toBe(
    'Invalid configuration: CONNECTID_AUTH_METHOD: says body but CONNECTID_CLIENT_AUTH, which replaces it, says basic',
  );
});
