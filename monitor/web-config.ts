import { createHash, timingSafeEqual, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSecureContext, type SecureVersion } from 'node:tls';
import { compare } from 'bcryptjs';
import { parseDocument } from 'yaml';
import { ConfigError } from '../client/config-error';

/*
 * MONITOR_WEB_CONFIG: the Prometheus exporter-toolkit web configuration file
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), so the
 * monitor is secured like node_exporter or blackbox_exporter, with the same file. Loaded only when
 * the variable is set: a monitor without it never loads the YAML parser or bcrypt.
 */
export const WEB_CONFIG_VARIABLE = 'MONITOR_WEB_CONFIG';

/** What the server needs: TLS material, and a check of an Authorization header. */
export interface WebSecurity {
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly minVersion: SecureVersion; readonly maxVersion?: SecureVersion };
  /** Resolves true when the header carries valid Basic credentials; absent when no users are configured. */
  readonly authorize?: (authorization: string | undefined) => Promise<boolean>;
}

const TLS_VERSIONS: Record<string, SecureVersion> = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };
/** Keys of the toolkit's format this monitor does not implement: refused by name rather than ignored. */
const UNSUPPORTED: Record<string, readonly string[]> = {
  '': ['http_server_config', 'rate_limit'],
  tls_server_config: ['cert', 'key', 'client_auth_type', 'client_ca_file', 'client_allowed_sans', 'cipher_suites', 'curve_preferences', 'prefer_server_cipher_suites'],
};
const KNOWN: Record<string, readonly string[]> = {
  '': ['tls_server_config', 'basic_auth_users'],
  tls_server_config: ['cert_file', 'key_file', 'min_version', 'max_version'],
};
// bcrypt's modular crypt format: $2a$, $2b$ or $2y$, a two-digit cost, 53 characters of salt and hash.
const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
/** Successful logins remembered (by user and a SHA-256 of the password), as exporter-toolkit does: a scrape every few seconds must not cost a bcrypt each. */
const AUTH_CACHE_SIZE = 100;

class Problems {
  readonly list: { variable: string; message: string }[] = [];
  add(key: string, message: string): void {
    this.list.push({ variable: WEB_CONFIG_VARIABLE, message: `${key ? `${key}: ` : ''}${message}` });
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkKeys(section: string, value: Record<string, unknown>, problems: Problems): void {
  for (const key of Object.keys(value)) {
    const where = section ? `${section}.${key}` : key;
    if (UNSUPPORTED[section]?.includes(key)) problems.add(where, 'is not supported by this monitor');
    else if (!KNOWN[section]?.includes(key)) problems.add(where, `is not a known key (known: ${(KNOWN[section] ?? []).join(', ')})`);
  }
}

function readPem(base: string, key: string, value: unknown, problems: Problems): Buffer | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    problems.add(key, 'must be a file path');
    return undefined;
  }
  const path = resolve(base, value);
  try {
    return readFileSync(path);
  } catch (error) {
    problems.add(key, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    return undefined;
  }
}

function readVersion(key: string, value: unknown, problems: Problems): SecureVersion | undefined {
  if (value === undefined) return undefined;
  const version = typeof value === 'string' ? TLS_VERSIONS[value] : undefined;
  if (!version) problems.add(key, `must be one of ${Object.keys(TLS_VERSIONS).join(', ')}, got ${JSON.stringify(value)}`);
  return version;
}

function loadTls(base: string, section: unknown, problems: Problems): WebSecurity['tls'] {
  if (section === undefined || section === null) return undefined;
  if (!isMapping(section)) {
    problems.add('tls_server_config', 'must be a mapping');
    return undefined;
  }
  checkKeys('tls_server_config', section, problems);
  if (section.cert_file === undefined) problems.add('tls_server_config.cert_file', 'is required');
  if (section.key_file === undefined) problems.add('tls_server_config.key_file', 'is required');
  const cert = section.cert_file === undefined ? undefined : readPem(base, 'tls_server_config.cert_file', section.cert_file, problems);
  const key = section.key_file === undefined ? undefined : readPem(base, 'tls_server_config.key_file', section.key_file, problems);
  const minVersion = readVersion('tls_server_config.min_version', section.min_version, problems) ?? 'TLSv1.2';
  const maxVersion = readVersion('tls_server_config.max_version', section.max_version, problems);
  if (!cert || !key) return undefined;
  try {
    new X509Certificate(cert);
  } catch (error) {
    problems.add('tls_server_config.cert_file', `is not a PEM certificate (${(error as Error).message})`);
    return undefined;
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    problems.add('tls_server_config.key_file', `is not the PEM private key of cert_file (${(error as Error).message})`);
    return undefined;
  }
  return { cert, key, minVersion, ...(maxVersion ? { maxVersion } : {}) };
}

function loadUsers(section: unknown, problems: Problems): Map<string, string> | undefined {
  if (section === undefined || section === null) return undefined;
  if (!isMapping(section)) {
    problems.add('basic_auth_users', 'must be a mapping of user name to bcrypt hash');
    return undefined;
  }
  const users = new Map<string, string>();
  for (const [user, hash] of Object.entries(section)) {
    // The name only, never the value: a mistyped hash may be a password.
    if (user.includes(':')) problems.add(`basic_auth_users.${user}`, 'a user name cannot contain ":"');
    else if (typeof hash !== 'string' || !BCRYPT_HASH.test(hash)) problems.add(`basic_auth_users.${user}`, 'is not a bcrypt hash ($2y$10$ followed by 53 characters; e.g. htpasswd -nBC 10 user)');
    else users.set(user, hash);
  }
  return users;
}

/** Checks Basic credentials against the users' bcrypt hashes, remembering recent successes. */
function basicAuthorizer(users: ReadonlyMap<string, string>): (authorization: string | undefined) => Promise<boolean> {
  const remembered = new Map<string, Buffer>();
  // A user that does not exist costs a bcrypt too, so timing does not tell which names exist.
  const absent = '$2b$10$' + '.'.repeat(53);
  return async (authorization) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const digest = createHash('sha256').update(decoded.slice(colon + 1)).digest();
    const known = remembered.get(user);
    if (known && timingSafeEqual(known, digest)) return true;
    const hash = users.get(user);
    const valid = await compare(decoded.slice(colon + 1), hash ?? absent);
    if (!valid || !hash) return false;
    if (remembered.size >= AUTH_CACHE_SIZE) remembered.delete(remembered.keys().next().value ?? '');
    remembered.set(user, digest);
    return true;
  };
}

/**
 * Reads and checks the web configuration file. Relative paths in it are relative to the file, as in
 * exporter-toolkit. Throws one ConfigError naming MONITOR_WEB_CONFIG and every bad key.
 */
export function loadWebConfig(file: string): WebSecurity {
  const problems = new Problems();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([{ variable: WEB_CONFIG_VARIABLE, message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError([{ variable: WEB_CONFIG_VARIABLE, message: `is not valid YAML (${document.errors[0]?.message.split('\n')[0] ?? 'unparsable'})` }]);
  }
  const config: unknown = document.toJS() ?? {};
  if (!isMapping(config)) throw new ConfigError([{ variable: WEB_CONFIG_VARIABLE, message: 'must hold a YAML mapping (tls_server_config, basic_auth_users)' }]);
  checkKeys('', config, problems);
  const tls = loadTls(dirname(resolve(file)), config.tls_server_config, problems);
  const users = loadUsers(config.basic_auth_users, problems);
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return { ...(tls ? { tls } : {}), ...(users && users.size > 0 ? { authorize: basicAuthorizer(users) } : {}) };
}
