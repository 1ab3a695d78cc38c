import { expect, test } from '@playwright/test';
import { probeNames } from '../monitor/monitor-probes';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { harSchemaErrors } from './fixtures/har-schema-validator';
import { startTestMonitor } from './fixtures/monitor-harness';

/*
 * Evidence for the vendor: each probe's last violating exchange as HAR 1.2 at
 * /evidence/<probe>.har, linked from the page, valid against the HAR schema, with the traceparent
 * sent, the Authorization header redacted and customer data masked. No client secret and no token
 * the simulator issued reaches any HAR.
 */
const SECRET = 'evidence-s3cret-7f2a91';

interface HarEntry {
  request: { url: string; headers: { name: string; value: string }[]; postData: { text: string } };
  response: { status: number; content: { text: string } };
  comment: string;
  _traceId: string;
}

test('a violation is downloadable as HAR 1.2 from the page, redacted and masked; nothing before it', async () => {
  const { monitor } = await startTestMonitor({ MONITOR_ROTATION_RUNS: '0' }, { startEmbedded: embeddedSimulator({ clientSecret: SECRET }) });
  try {
    await monitor.runOnce();
    const none = await fetch(`${monitor.url}/evidence/broad-search.har`);
    expect(none.status).toBe(404);
    // The 404 says why: a known probe without a violation yet, or a probe that does not exist.
    expect(await none.text()).toBe('no violation recorded yet for probe "broad-search" since the monitor started: evidence is the last answer that broke a rule, kept in memory\n');
    expect(await (await fetch(monitor.url)).text()).not.toContain('/evidence/');

    monitor.target.simulator?.setFault('six-customers');
    const records = await monitor.runOnce();
    const broad = records.find((record) => record.probe === 'broad-search');
    expect(broad?.outcome).toBe('contract_violation');

    const page = await (await fetch(monitor.url)).text();
    const row = page.split('<tr').find((segment) => segment.includes('data-probe="broad-search"') && segment.includes('class="violation"'));
    expect(row).toContain('<a class="evidence" href="/evidence/broad-search.har" download>HAR</a>');

    const response = await fetch(`${monitor.url}/evidence/broad-search.har`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="broad-search.har"');
    const har = (await response.json()) as { log: { version: string; entries: HarEntry[] } };
    expect(harSchemaErrors(har)).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(1);
    const [entry] = har.log.entries;
    const header = (name: string): string | undefined => entry?.request.headers.find((candidate) => candidate.name === name)?.value;
    expect(entry?.request.url).toBe(`${monitor.target.baseUrl}/v1/client/customer/search`);
    expect(header('authorization')).toBe('Bearer [redacted]');
    expect(header('traceparent')).toMatch(new RegExp(`^00-${broad?.traceId}-[0-9a-f]{16}-01$`));
    expect(entry?._traceId).toBe(broad?.traceId);
    expect(entry?.response.status).toBe(200);
    expect(entry?.comment).toContain('Rule result-cap broken at #/components/schemas/SearchCustomerResponse/properties/customers/maxItems');
    // Masked value by value: shapes and lengths stay, names do not.
    expect(entry?.response.content.text).toContain('"N*******"');
    expect(entry?.response.content.text).not.toContain('Nordmann');
    const unknown = await fetch(`${monitor.url}/evidence/nothing-here.har`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/^unknown probe "nothing-here": the probes are phone-search, .*rotation\n$/);
  } finally {
    await monitor.stop();
  }
});

test('a narrowing violation keeps both searches of the probe in one trace', async () => {
  const { monitor } = await startTestMonitor({ MONITOR_ROTATION_RUNS: '0' }, { startEmbedded: embeddedSimulator({ clientSecret: SECRET, fault: 'product-code-widens' }) });
  try {
    const records = await monitor.runOnce();
    const narrowing = records.find((record) => record.probe === 'narrowing-holds');
    expect(narrowing?.rules).toContain('criteria-narrow-results');
    const har = (await (await fetch(`${monitor.url}/evidence/narrowing-holds.har`)).json()) as { log: { entries: HarEntry[] } };
    expect(harSchemaErrors(har)).toEqual([]);
    expect(har.log.entries.map((entry) => entry._traceId)).toEqual([narrowing?.traceId, narrowing?.traceId]);
    // The wider search first, then the narrowed one that broke the rule.
    expect(har.log.entries[0]?.comment).not.toContain('criteria-narrow-results');
    expect(har.log.entries[1]?.comment).toContain('Rule criteria-narrow-results broken');
  } finally {
    await monitor.stop();
  }
});

test('no client secret and no issued token reaches any probe\'s HAR, whatever the fault', async () => {
  const faults = ['six-customers', 'postal-code-as-number', 'no-token-accepted', 'crash-on-undocumented-field', 'error-body-not-json'] as const;
  const { monitor } = await startTestMonitor({}, { startEmbedded: embeddedSimulator({ clientSecret: SECRET }) });
  try {
    const hars: { name: string; text: string }[] = [];
    for (const fault of faults) {
      monitor.target.simulator?.setFault(fault);
      await monitor.runOnce();
      for (const probe of probeNames) {
        const response = await fetch(`${monitor.url}/evidence/${probe}.har`);
        if (response.status === 200) hars.push({ name: `${fault}/${probe}`, text: await response.text() });
      }
    }
    expect(hars.length).toBeGreaterThan(faults.length);
    const tokens = monitor.target.simulator?.issuedTokens() ?? [];
    expect(tokens.length).toBeGreaterThan(0);
    for (const { name, text } of hars) {
      expect(harSchemaErrors(JSON.parse(text)), name).toEqual([]);
      expect(text.includes(SECRET), `client secret in ${name}`).toBe(false);
      for (const token of tokens) expect(text.includes(token), `access token in ${name}`).toBe(false);
      expect(text.includes('Nordmann'), `unmasked customer name in ${name}`).toBe(false);
      const entries = (JSON.parse(text) as { log: { entries: HarEntry[] } }).log.entries;
      for (const entry of entries) {
        const authorization = entry.request.headers.find((header) => header.name === 'authorization')?.value;
        expect([undefined, 'Bearer [redacted]'], name).toContain(authorization);
      }
    }
    expect(hars.some(({ text }) => text.includes('"Bearer [redacted]"'))).toBe(true);
  } finally {
    await monitor.stop();
  }
});
