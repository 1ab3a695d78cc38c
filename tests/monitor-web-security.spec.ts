import { expect, test } from '@playwright/test';
import { hashSync } from 'bcryptjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../client/config-error';
import { loadWebConfig } from '../monitor/web-config';
import { startTestMonitor } from './fixtures/monitor-harness';
import { startPrometheus } from './fixtures/prometheus-server';
import { requireBinary } from './fixtures/system-binary';

/*
 * MONITOR_WEB_CONFIG, the exporter-toolkit web configuration: bad files fail at start naming the
 * key; with TLS and basic auth a real Prometheus scrapes the monitor over HTTPS with credentials,
 * and a request without them is refused with 401. The certificate is made at test time for
 * 127.0.0.1, in a temporary folder.
 */
const USER = 'prometheus';
const PASSWORD = 'scrape-pa55word';

function makeCertificate(dir: string): { cert: string; key: string } {
  const openssl = requireBinary('openssl', 'openssl');
  const cert = join(dir, 'monitor.crt');
  const key = join(dir, 'monitor.key');
  const made = spawnSync(
    openssl,
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { encoding: 'utf8' },
  );
  expect(made.status, made.stderr).toBe(0);
  return { cert, key };
}

function configMessage(dir: string, yaml: string): string {
  const file = join(dir, `web-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yaml);
  try {
    loadWebConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'no error';
}

/** A GET over HTTPS trusting the test certificate, with optional Basic credentials. */
function get(url: string, ca: Buffer, credentials?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, { ca, headers: credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {} }, (incoming) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('a bad web configuration fails at start, naming MONITOR_WEB_CONFIG and the key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-web-config-'));
  const { cert, key } = makeCertificate(dir);
  const prefix = 'Invalid configuration: MONITOR_WEB_CONFIG: ';
  expect(configMessage(dir, 'tls_server_config:\n  cert_file: monitor.crt\n')).toBe(`${prefix}tls_server_config.key_file: is required`);
  expect(configMessage(dir, 'tls_server_config:\n  cert_file: missing.crt\n  key_file: monitor.key\n')).toBe(
    `${prefix}tls_server_config.cert_file: cannot read ${join(dir, 'missing.crt')} (ENOENT)`,
  );
  expect(configMessage(dir, `tls_server_config:\n  cert_file: ${cert}\n  key_file: ${cert}\n`)).toMatch(
    new RegExp(`^${prefix}tls_server_config\\.key_file: is not the PEM private key of cert_file`),
  );
  expect(configMessage(dir, `tls_server_config:\n  cert_file: ${key}\n  key_file: ${key}\n`)).toMatch(new RegExp(`^${prefix}tls_server_config\\.cert_file: is not a PEM certificate`));
  expect(configMessage(dir, 'tls_server_config:\n  cert_file: monitor.crt\n  key_file: monitor.key\n  min_version: TLS14\n  client_auth_type: RequireAndVerifyClientCert\n')).toBe(
    `${prefix}tls_server_config.client_auth_type: is not supported by this monitor; MONITOR_WEB_CONFIG: tls_server_config.min_version: must be one of TLS10, TLS11, TLS12, TLS13, got "TLS14"`,
  );
  expect(configMessage(dir, `basic_auth_users:\n  alice: plain-password\n  bob: ${hashSync('x', 4)}\n`)).toBe(
    `${prefix}basic_auth_users.alice: is not a bcrypt hash ($2y$10$ followed by 53 characters; e.g. htpasswd -nBC 10 user)`,
  );
  expect(configMessage(dir, 'basic_auth_user:\n  alice: x\n')).toBe(`${prefix}basic_auth_user: is not a known key (known: tls_server_config, basic_auth_users)`);
  expect(configMessage(dir, 'tls_server_config: [\n')).toMatch(new RegExp(`^${prefix}is not valid YAML \\(`));
  expect(configMessage(dir, '- a list\n')).toBe(`${prefix}must hold a YAML mapping (tls_server_config, basic_auth_users)`);
  // An empty file is an empty configuration, as in exporter-toolkit.
  expect(configMessage(dir, '')).toBe('no error');
  // The plain password never appears in a message.
  expect(configMessage(dir, 'basic_auth_users:\n  alice: plain-password\n')).not.toContain('plain-password');
});

test('a real Prometheus scrapes the monitor over TLS with basic auth; without credentials the monitor answers 401', async () => {
  test.setTimeout(90_000);
  const prometheus = requireBinary('prometheus', 'prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'capi-web-config-'));
  const { cert } = makeCertificate(dir);
  const webConfig = join(dir, 'web.yml');
  // Relative paths resolve against the configuration file's folder, as in exporter-toolkit.
  writeFileSync(webConfig, `tls_server_config:\n  cert_file: monitor.crt\n  key_file: monitor.key\nbasic_auth_users:\n  ${USER}: ${hashSync(PASSWORD, 10)}\n`);
  const ca = readFileSync(cert);
  const { monitor, logs } = await startTestMonitor({ MONITOR_WEB_CONFIG: webConfig });
  try {
    expect(monitor.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.find((entry) => entry.msg === 'monitor started')).toMatchObject({ tls: true, basic_auth: true });
    await monitor.runOnce();

    for (const path of ['/', '/metrics', '/evidence/broad-search.har', '/healthz']) {
      const refused = await get(`${monitor.url}${path}`, ca);
      expect(refused.status, path).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Basic realm="customer-search-monitor"');
      expect(refused.body).not.toContain('customer_search');
      expect((await get(`${monitor.url}${path}`, ca, `${USER}:wrong-password`)).status, path).toBe(401);
      expect((await get(`${monitor.url}${path}`, ca, `nobody:${PASSWORD}`)).status, path).toBe(401);
    }
    expect((await get(`${monitor.url}/metrics`, ca, `${USER}:${PASSWORD}`)).body).toContain('customer_search_probe_success');
    // No evidence yet: authenticated, then not found.
    expect((await get(`${monitor.url}/evidence/broad-search.har`, ca, `${USER}:${PASSWORD}`)).status).toBe(404);
    // Plain HTTP to the TLS port gets no page.
    await expect(fetch(monitor.url.replace('https:', 'http:'))).rejects.toThrow();

    const server = await startPrometheus({
      binary: prometheus,
      targets: [{ address: new URL(monitor.url).host, labels: { location: 'oslo' } }],
      job: 'customer-search-monitor',
      ruleFiles: [],
      secure: { caFile: cert, username: USER, password: PASSWORD },
    });
    try {
      const value = async (expr: string): Promise<string | undefined> => {
        const answer = await server.query(expr);
        return ((answer.data?.result ?? []) as { value: [number, string] }[])[0]?.value[1];
      };
      await expect.poll(() => value('up{job="customer-search-monitor",location="oslo"}'), { timeout: 30_000, intervals: [500] }).toBe('1');
      // The scraped series carry the scrape's labels: the maintenance gauge among them.
      expect(await value('customer_search_maintenance{location="oslo"}')).toBe('0');
      expect(await value('customer_search_probe_success{location="oslo",probe="broad-search"}')).toBe('1');
    } finally {
      await server.stop();
    }
  } finally {
    await monitor.stop();
  }
});
