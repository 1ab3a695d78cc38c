import { clientCredentialsScheme } from '../contracts/contract-reader';
import { readClientAuth } from './client-auth-setting';
import { ConfigError, type ConfigProblem } from './config-error';
import { readFlag, readInteger, unknownVariables, type Environment } from './environment-reader';
import { nearestName } from './nearest-name';
import { MAX_RATE_LIMIT_WAIT_MS } from './rate-limit-delay';

export type { Environment } from './environment-reader';
import type { TargetEndpoint } from './target-endpoint';
import { documentedProfile, readTargetProfile, type TargetProfile } from './target-profile';
import type { ClientAuthMethod } from './token-client';

/** Where the requests go: the embedded simulator, or a real environment. */
export type TargetConfig = SimulatorTarget | ExternalTarget;

interface CommonTarget {
  readonly profile: TargetProfile;
  /** The target answers `Prefer: code=NNN` with that documented status. */
  readonly faultInjection: boolean;
  /** Show customer data in reports unmasked. Default false. */
  readonly showPii: boolean;
  /** Deadline of one request, in milliseconds. Default 10000. */
  readonly timeoutMs: number;
  /** Calls per rolling second the client allows itself. Default 90 (documented limit: 100). */
  readonly maxPerSecond: number;
  /** Calls per rolling minute the client allows itself. Default 1800 (documented limit: 2000). */
  readonly maxPerMinute: number;
  /**
   * Time one search may spend waiting out 429s, counted from its first 429, in milliseconds. Default
   * 60000 (60 s): the longest single wait the client honours, so a provider that counts its limit in
   * fixed minutes, and asks for the rest of the minute, is waited out within the run's deadline.
   */
  readonly rateLimitWaitMs: number;
}

export interface SimulatorTarget extends CommonTarget {
  readonly kind: 'simulator';
  /** Fault the embedded simulator starts with; undefined for a correct provider. */
  readonly simulatorFault: string | undefined;
  /** Correct variant the embedded simulator starts with; undefined for its default choices. */
  readonly simulatorVariant: string | undefined;
}

export interface ExternalTarget extends CommonTarget, TargetEndpoint {
  readonly kind: 'external';
  /** Client authentication pinned by CONNECTID_CLIENT_AUTH; undefined: negotiated. */
  readonly authMethod: ClientAuthMethod | undefined;
  readonly scope: string | undefined;
  /** A token known to be expired, for the expired-token case; without one that case is skipped. */
  readonly expiredToken: string | undefined;
}

/** Every variable this family reads; others with these prefixes are refused as typos. */
export const TARGET_VARIABLES = [
  'CAPI_BASE_URL',
  'CONNECTID_TOKEN_URL',
  'CONNECTID_CLIENT_ID',
  'CONNECTID_CLIENT_SECRET',
  'CONNECTID_CLIENT_AUTH',
  'CONNECTID_AUTH_METHOD',
  'CONNECTID_SCOPE',
  'CONTRACT_FAULT_INJECTION',
  'CONTRACT_PROFILE',
  'CONTRACT_SHOW_PII',
  'CONTRACT_EXPIRED_TOKEN',
  'CONTRACT_SIMULATOR_FAULT',
  'CONTRACT_SIMULATOR_VARIANT',
  'CONTRACT_TIMEOUT_MS',
  'CONTRACT_MAX_RPS',
  'CONTRACT_MAX_RPM',
  'CONTRACT_RATE_LIMIT_WAIT_S',
  // Read by playwright.config.ts: where reports go (default reports/).
  'CONTRACT_REPORT_DIR',
] as const;

const TEST_TOKEN_URL = 'https://api-test.mediaconnect.no/login/oauth/token';
/** The documented hosts, each with the token endpoint that belongs to it. */
const DOCUMENTED_HOSTS: Readonly<Record<string, () => string>> = {
  'api.mediaconnect.no': () => clientCredentialsScheme().tokenUrl,
  'api-test.mediaconnect.no': () => TEST_TOKEN_URL,
};


/**
 * Whether the environment means a real target: CAPI_BASE_URL set, valid or not (an invalid one is
 * then reported by `loadTargetConfig`). Without it the embedded simulator is the target.
 */
export function namesRealTarget(env: Environment): boolean {
  return Boolean(env.CAPI_BASE_URL?.trim());
}

/** Reads an absolute http(s) URL, trailing slashes stripped; a problem names the variable, never a query string. */
function readUrl(env: Environment, name: string, problems: ConfigProblem[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push({ variable: name, message: 'is not a URL (expected e.g. https://api-test.mediaconnect.no/capi)' });
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push({ variable: name, message: `must be http(s), got ${url.protocol}` });
    return undefined;
  }
  if (url.username || url.password || url.search) {
    problems.push({ variable: name, message: 'must not carry credentials or a query string' });
    return undefined;
  }
  return raw.replace(/\/+$/, '');
}

/** CONTRACT_PROFILE: the target's test data, read from its file; the documentation's example when unset. */
function readProfile(env: Environment, problems: ConfigProblem[]): TargetProfile {
  const path = env.CONTRACT_PROFILE?.trim();
  if (!path) return documentedProfile;
  try {
    return readTargetProfile(path);
  } catch (error) {
    problems.push({ variable: 'CONTRACT_PROFILE', message: (error as Error).message });
    return documentedProfile;
  }
}

/** A mode of the embedded simulator named by `variable`: one of `known` (a near miss gets "did you mean"), and only without CAPI_BASE_URL. */
function readSimulatorMode(env: Environment, variable: 'CONTRACT_SIMULATOR_FAULT' | 'CONTRACT_SIMULATOR_VARIANT', known: readonly string[], problems: ConfigProblem[]): string | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  if (namesRealTarget(env)) {
    problems.push({ variable, message: 'applies to the embedded simulator only; unset CAPI_BASE_URL' });
  } else if (!known.includes(raw)) {
    const meant = nearestName(raw, known);
    const kind = variable === 'CONTRACT_SIMULATOR_FAULT' ? 'a fault mode' : 'a provider variant';
    problems.push({ variable, message: meant ? `is not ${kind}; did you mean ${meant}?` : `must be one of ${known.join(', ')}` });
  } else {
    return raw;
  }
  return undefined;
}

/**
 * The variables that go together: a real environment (CAPI_BASE_URL, whose presence, valid or not,
 * says the user means one) needs credentials and, off the documented hosts, its own token URL; the
 * embedded simulator takes none of them.
 */
function checkTargetVariables(env: Environment, baseUrl: string | undefined, tokenUrlSet: string | undefined, problems: ConfigProblem[]): void {
  if (!namesRealTarget(env)) {
    const stray = (['CONNECTID_TOKEN_URL', 'CONNECTID_CLIENT_ID', 'CONNECTID_CLIENT_SECRET', 'CONTRACT_EXPIRED_TOKEN'] as const).find((name) => env[name]?.trim());
    if (stray) problems.push({ variable: 'CAPI_BASE_URL', message: `is required when ${stray} is set (without it the embedded simulator is used)` });
    return;
  }
  if (!env.CONNECTID_CLIENT_ID?.trim()) problems.push({ variable: 'CONNECTID_CLIENT_ID', message: 'is required with CAPI_BASE_URL' });
  if (!env.CONNECTID_CLIENT_SECRET) problems.push({ variable: 'CONNECTID_CLIENT_SECRET', message: 'is required with CAPI_BASE_URL' });
  // The secret goes only where it was meant to: a default token URL exists for the documented hosts alone.
  const host = baseUrl ? new URL(baseUrl).hostname : undefined;
  if (host && !tokenUrlSet && !env.CONNECTID_TOKEN_URL?.trim() && !(host in DOCUMENTED_HOSTS)) {
    problems.push({
      variable: 'CONNECTID_TOKEN_URL',
      message: `is required when CAPI_BASE_URL is on ${host} (a default exists only for ${Object.keys(DOCUMENTED_HOSTS).join(' and ')}), so the client secret never goes to a login server it was not meant for`,
    });
  }
}

/** Parses the target variables, collecting every problem into one ConfigError. */
export interface TargetConfigOptions {
  /**
   * Fault modes of the embedded simulator, for checking CONTRACT_SIMULATOR_FAULT. Passed by entry
   * points that can start the simulator; default none, so the client never loads simulator code.
   */
  readonly faultModes?: readonly string[];
  /** Correct variants of the embedded simulator, for checking CONTRACT_SIMULATOR_VARIANT; default none. */
  readonly providerVariants?: readonly string[];
  /** Further CONTRACT_ variables that another part reads (the engine's campaign settings); default none. */
  readonly knownVariables?: readonly string[];
}

export function loadTargetConfig(env: Environment, options: TargetConfigOptions = {}): TargetConfig {
  const problems: ConfigProblem[] = unknownVariables(env, ['CAPI_', 'CONNECTID_', 'CONTRACT_'], [...TARGET_VARIABLES, ...(options.knownVariables ?? [])]);
  const baseUrl = readUrl(env, 'CAPI_BASE_URL', problems);
  const tokenUrlSet = readUrl(env, 'CONNECTID_TOKEN_URL', problems);
  const clientId = env.CONNECTID_CLIENT_ID?.trim() || undefined;
  const clientSecret = env.CONNECTID_CLIENT_SECRET || undefined;

  const profile = readProfile(env, problems);

  const authMethod = readClientAuth(env, problems);
  const injectionRaw = env.CONTRACT_FAULT_INJECTION?.trim().toLowerCase();
  if (injectionRaw && injectionRaw !== 'prefer' && injectionRaw !== 'off') {
    problems.push({ variable: 'CONTRACT_FAULT_INJECTION', message: `must be prefer or off, got ${JSON.stringify(injectionRaw)}` });
  }
  const showPii = readFlag(env, 'CONTRACT_SHOW_PII', problems) ?? false;
  const timeoutMs = readInteger(env, 'CONTRACT_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }, problems);
  const maxPerSecond = readInteger(env, 'CONTRACT_MAX_RPS', 90, { min: 1, max: 100_000 }, problems);
  const maxPerMinute = readInteger(env, 'CONTRACT_MAX_RPM', 1800, { min: 1, max: 6_000_000 }, problems);
  const rateLimitWaitMs = readInteger(env, 'CONTRACT_RATE_LIMIT_WAIT_S', MAX_RATE_LIMIT_WAIT_MS / 1000, { min: 0, max: 600 }, problems) * 1000;

  const simulatorFault = readSimulatorMode(env, 'CONTRACT_SIMULATOR_FAULT', options.faultModes ?? [], problems);
  const simulatorVariant = readSimulatorMode(env, 'CONTRACT_SIMULATOR_VARIANT', options.providerVariants ?? [], problems);
  checkTargetVariables(env, baseUrl, tokenUrlSet, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const common = {
    profile,
    showPii,
    timeoutMs,
    maxPerSecond,
    maxPerMinute,
    rateLimitWaitMs,
  };
  if (!baseUrl) {
    return { kind: 'simulator', ...common, faultInjection: injectionRaw !== 'off', simulatorFault, simulatorVariant };
  }
  const tokenUrl = tokenUrlSet ?? DOCUMENTED_HOSTS[new URL(baseUrl).hostname]?.();
  if (!tokenUrl) throw new ConfigError([{ variable: 'CONNECTID_TOKEN_URL', message: 'is required for this CAPI_BASE_URL' }]);
  if (clientId === undefined || clientSecret === undefined) throw new Error('unreachable: checkTargetVariables refuses a real target without credentials');
  return {
    kind: 'external',
    ...common,
    faultInjection: injectionRaw === 'prefer',
    baseUrl,
    tokenUrl,
    clientId,
    clientSecret,
    authMethod,
    scope: env.CONNECTID_SCOPE?.trim() || undefined,
    expiredToken: env.CONTRACT_EXPIRED_TOKEN?.trim() || undefined,
  };
}
