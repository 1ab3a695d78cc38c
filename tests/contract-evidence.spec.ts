import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../simulator/provider-simulator';
import { harSchemaErrors } from './fixtures/har-schema-validator';
import { runContractCli } from './fixtures/run-contract-cli';

/*
 * The gate's evidence for the vendor: one HAR 1.2 file per failing case in reports/har/, named in
 * the JUnit report, valid against the HAR schema, carrying the case's traceparent, never the client
 * secret or a token the simulator issued, and customer data masked unless CONTRACT_SHOW_PII=1.
 */
const SECRET = 'g4te-s3cret-c0ffee';
// Each test runs the whole gate as a child process, twice in the first: time for a busy machine.
test.describe.configure({ timeout: 180_000 });

function externalTarget(simulator: RunningSimulator): Record<string, string> {
  return {
    CAPI_BASE_URL: simulator.baseUrl,
    CONNECTID_TOKEN_URL: simulator.tokenUrl,
    CONNECTID_CLIENT_ID: simulator.clientId,
    CONNECTID_CLIENT_SECRET: SECRET,
    CONTRACT_FAULT_INJECTION: 'prefer',
    CONTRACT_EXPIRED_TOKEN: simulator.expiredToken(),
  };
}

interface HarEntry {
  request: { headers: { name: string; value: string }[] };
  _traceId: string;
}

function readHars(reportDir: string): { path: string; text: string }[] {
  const folder = join(reportDir, 'har');
  return existsSync(folder) ? readdirSync(folder).map((name) => ({ path: join(folder, name), text: readFileSync(join(folder, name), 'utf8') })) : [];
}

test('one HAR per failing case, valid, traced, redacted and masked; none when the contract holds', async () => {
  const simulator = await startSimulator({ clientSecret: SECRET, fault: 'postal-code-as-number' });
  try {
    const run = await runContractCli(externalTarget(simulator));
    expect(run.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'contract-summary.json'), 'utf8')) as Record<string, { violations: { case: string }[] }>;
    const failing = new Set(Object.values(summary).flatMap((rule) => rule.violations.map((violation) => violation.case)));
    expect(failing.size).toBeGreaterThan(1);
    const hars = readHars(run.reportDir);
    expect(hars).toHaveLength(failing.size);

    const tokens = [...simulator.issuedTokens(), simulator.expiredToken()];
    expect(tokens.length).toBeGreaterThan(2);
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
    for (const { path, text } of hars) {
      const har = JSON.parse(text) as { log: { version: string; entries: HarEntry[] } };
      expect(harSchemaErrors(har), path).toEqual([]);
      expect(har.log.version).toBe('1.2');
      expect(text.includes(SECRET), `client secret in ${path}`).toBe(false);
      for (const token of tokens) expect(text.includes(token), `token in ${path}`).toBe(false);
      expect(text.includes('Nordmann'), `unmasked customer name in ${path}`).toBe(false);
      for (const entry of har.log.entries) {
        const header = (name: string): string | undefined => entry.request.headers.find((candidate) => candidate.name === name)?.value;
        expect(header('traceparent')).toBe(`00-${entry._traceId}-${header('traceparent')?.slice(36, 52)}-01`);
        // The scheme is kept as sent (one case sends it in lower case, RFC 9110 §11.1); the token never.
        expect(header('authorization') ?? 'Bearer [redacted]').toMatch(/^bearer \[redacted\]$/i);
      }
      expect(junit, `${path} named in JUnit`).toContain(path);
    }
    // Inside the HAR's JSON, the masked body is itself a JSON string.
    expect(hars.some(({ text }) => text.includes('\\"N*******\\"'))).toBe(true);
  } finally {
    await simulator.close();
  }

  const correct = await startSimulator({ clientSecret: SECRET });
  try {
    const run = await runContractCli(externalTarget(correct));
    expect(run.code).toBe(0);
    expect(readHars(run.reportDir)).toEqual([]);
  } finally {
    await correct.close();
  }
});

test('with CONTRACT_SHOW_PII=1 the HAR shows customer data, and still no secret or token', async () => {
  const simulator = await startSimulator({ clientSecret: SECRET, fault: 'six-customers' });
  try {
    const run = await runContractCli({ ...externalTarget(simulator), CONTRACT_SHOW_PII: '1' }, ['--grep', 'result-cap']);
    expect(run.code).toBe(1);
    const hars = readHars(run.reportDir);
    expect(hars.length).toBeGreaterThan(0);
    const tokens = [...simulator.issuedTokens(), simulator.expiredToken()];
    for (const { path, text } of hars) {
      expect(harSchemaErrors(JSON.parse(text)), path).toEqual([]);
      expect(text.includes(SECRET), `client secret in ${path}`).toBe(false);
      for (const token of tokens) expect(text.includes(token), `token in ${path}`).toBe(false);
    }
    expect(hars.some(({ text }) => text.includes('Nordmann'))).toBe(true);
  } finally {
    await simulator.close();
  }
});
