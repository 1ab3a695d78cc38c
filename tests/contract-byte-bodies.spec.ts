import { expect, test } from '@playwright/test';
import { requestBodyBytes } from '../contracts/exchange';
import { createNodeTransport, type HttpTransport } from '../client/http-transport';
import { openTarget } from '../client/open-target';
import { documentedProfile } from '../client/target-profile';
import { loadTargetConfig } from '../client/target-config';
import { buildContractCases } from '../cases/contract-cases';
import { parsesAsJson } from '../cases/coverage-cases';
import { runCampaign } from '../gate/run-campaign';
import { curlLine } from '../gate/reproduction';
import { execSync } from 'node:child_process';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { createPlaywrightTransport } from './fixtures/playwright-transport';

/*
 * Bodies are bytes: what the gate means to send is what the target receives, byte for byte, over
 * both transports (Playwright's for the gate, Node's for the monitor). A "not JSON" case that
 * reached the target as valid JSON (a string serialised once more) would prove nothing.
 */
const cases = buildContractCases(documentedProfile);
const bodyCases = cases.filter((item) => item.title.startsWith('invalid body:'));
const notJson = bodyCases.filter((item) => item.request.rawBody !== undefined && item.expectation.kind === 'refused');

test('the "not JSON" cases are there, and none of them parses as UTF-8 JSON', () => {
  expect(notJson.length).toBeGreaterThanOrEqual(4);
  expect(notJson.filter((item) => parsesAsJson(item.request.rawBody as NonNullable<typeof item.request.rawBody>)).map((item) => item.title)).toEqual([]);
});

test('a curl line sends bytes that are not UTF-8 through base64, and hides them when masked', () => {
  const latin1 = bodyCases.find((item) => item.request.rawBody !== undefined && 'base64' in item.request.rawBody);
  expect(latin1).toBeDefined();
  const item = latin1 as (typeof bodyCases)[number];
  const line = curlLine('http://127.0.0.1:1/capi', item, item.request, true);
  const pipe = /^(printf %s '[A-Za-z0-9+/=]+' \| base64 -d) \| curl .* --data-binary @-$/.exec(line);
  expect(pipe, line).not.toBeNull();
  const decoded = execSync((pipe as RegExpExecArray)[1] as string, { shell: '/bin/sh' });
  expect(decoded.equals(requestBodyBytes(item.request) as Buffer)).toBe(true);
  const masked = curlLine('http://127.0.0.1:1/capi', item, item.request, false);
  expect(masked).not.toContain('base64');
  expect(masked).toMatch(/--data-binary @request\.bin {2}# \d+ bytes that are not UTF-8 text {2}# customer data masked/);
});

for (const transportName of ['playwright', 'node'] as const) {
  test(`every body reaches the simulator byte for byte over the ${transportName} transport`, async ({ playwright }) => {
    const context = transportName === 'playwright' ? await playwright.request.newContext() : undefined;
    const transport: HttpTransport = context ? createPlaywrightTransport(context) : createNodeTransport();
    const target = await openTarget(loadTargetConfig({ CONTRACT_MAX_RPS: '10000', CONTRACT_MAX_RPM: '1000000' }), {
      transport,
      startEmbedded: embeddedSimulator({ recordBodies: true, rateLimit: false }),
    });
    try {
      // One at a time, so the simulator's records line up with the cases.
      await runCampaign(target, bodyCases, { concurrency: 1 });
      const received = (target.simulator?.requests ?? []).filter((request) => request.path.endsWith('/search')).map((request) => Buffer.from(request.body ?? '', 'base64'));
      expect(received.length).toBe(bodyCases.length);
      bodyCases.forEach((item, index) => {
        const sent = requestBodyBytes(item.request) ?? Buffer.alloc(0);
        expect((received[index] as Buffer).toString('hex'), item.title).toBe(sent.toString('hex'));
      });
      const parsedByTarget = notJson.filter((item) => {
        try {
          JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(received[bodyCases.indexOf(item)]));
          return true;
        } catch {
          return false;
        }
      });
      expect(parsedByTarget.map((item) => item.title)).toEqual([]);
      // The string body is a JSON string on the wire, not the object it spells.
      const stringCase = bodyCases.findIndex((item) => typeof item.request.body === 'string');
      expect(typeof JSON.parse((received[stringCase] as Buffer).toString('utf8'))).toBe('string');
    } finally {
      await target.close();
      await context?.dispose();
    }
  });
}

for (const transportName of ['playwright', 'node'] as const) {
  test(`a search without Accept arrives without it, one expecting 100-continue holds its body for it, and one sent chunked has no Content-Length, over the ${transportName} transport`, async ({ playwright }) => {
    const context = transportName === 'playwright' ? await playwright.request.newContext() : undefined;
    const transport: HttpTransport = context ? createPlaywrightTransport(context) : createNodeTransport();
    const target = await openTarget(loadTargetConfig({ CONTRACT_MAX_RPS: '10000', CONTRACT_MAX_RPM: '1000000' }), {
      transport,
      startEmbedded: embeddedSimulator({ rateLimit: false }),
    });
    try {
      const body = { phoneNumber: documentedProfile.knownCustomer.phoneNumber };
      const plain = await target.search.send({ body, auth: 'valid', accept: null });
      const expecting = await target.search.send({ body, auth: 'valid', expectContinue: true });
      const chunked = await target.search.send({ body, auth: 'valid', chunked: true });
      expect([plain.response.status, expecting.response.status, expecting.response.continueUnanswered, chunked.response.status]).toEqual([200, 200, undefined, 200]);
      const searches = (target.simulator?.requests ?? []).filter((request) => request.path.endsWith('/search'));
      expect(searches.map((request) => [request.headers.accept, request.headers.expect, request.headers['transfer-encoding'], request.headers['content-length'] === undefined])).toEqual([
        [undefined, undefined, undefined, false],
        ['application/json', '100-continue', undefined, false],
        ['application/json', undefined, 'chunked', true],
      ]);
    } finally {
      await target.close();
      await context?.dispose();
    }
  });
}
