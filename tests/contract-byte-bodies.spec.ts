import { expect, test } from '@playwright/test';
import { requestBodyBytes } from '../contracts/exchange';
import { createNodeTransport, type HttpTransport } from '../client/http-transport';
import { openTarget } from '../client/open-target';
import { documentedProfile } from '../client/target-profile';
import { loadTargetConfig } from '../client/target-config';
import { buildContractCases } from '../engine/contract-cases';
import { parsesAsJson } from '../engine/coverage-cases';
import { runCampaign } from '../engine/run-campaign';
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
