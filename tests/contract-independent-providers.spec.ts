import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createNodeTransport } from '../client/http-transport';
import { openTarget } from '../client/open-target';
import { loadTargetConfig } from '../client/target-config';
import type { RuleName } from '../contracts/contract-rules';
import { runContractCampaign } from '../gate/contract-campaign';
import { freePort } from '../harness/free-port';
import { DEFAULT_TEST_CAMPAIGN } from '../harness/simulator-campaign';
import { startTestMonitor } from './fixtures/monitor-harness';

/*
 * Providers written from the documentation page and the RFCs alone, by authors who had not seen this
 * suite, each with one fault of its own choosing (its file's first lines say which). Each made its own
 * choices where the page is silent, so beside its fault each is a correct provider nobody here wrote:
 * the gate must break exactly the rule of its fault, judge every case, and the monitor report that
 * rule and nothing else (nothing, when production probes cannot reach the fault). The first made
 * the gate cry wolf before RFC 6750 §3.1's 400 was allowed; the sixth's fault went unseen before
 * invalid-client-challenge.
 */
interface IndependentProvider {
  /** The rules its fault breaks: one, or each a fault of that kind breaks at once; none for a provider correct by the suite's recorded decisions. */
  readonly breaks: RuleName | readonly RuleName[];
  /** Its profile (CONTRACT_PROFILE), beside it in the fixtures; default the documentation's example. */
  readonly profile?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Why the monitor cannot see the fault (as a fault mode's unseenInProduction): it must then report every probe correct. */
  readonly unseenInProduction?: string;
}

// Seven refuse a token request with scope= as invalid_scope, which RFC 6749 §3.2 forbids (a parameter
// without a value is as if omitted): a fault none was written for, found when token-request-parameters
// came with the sixth round, so each breaks that rule beside its own.
const providers: Readonly<Record<string, IndependentProvider>> = {
  'incomplete-name-search-accepted': { breaks: ['search-requirement', 'token-request-parameters'] },
  'single-phone-number-as-object': { breaks: ['response-schema', 'token-request-parameters'] },
  // Its 120 calls a minute would take a gate run past its deadline: the limit is the provider's choice, not its fault.
  'limits-counted-in-bytes': { breaks: 'valid-search-accepted', env: { RATE_LIMIT: '100000' } },
  // Allows 60 searches per 10 s, so its gate run takes about a minute: kept, as the strictest limit here.
  'result-cap-off-by-one': { breaks: ['result-cap', 'token-request-parameters'] },
  'company-search-uncapped': { breaks: ['result-cap', 'token-request-parameters'] },
  'token-refusal-challenges-bearer': { breaks: 'invalid-client-challenge', unseenInProduction: 'the monitor never sends a wrong secret' },
  'method-refusal-without-allow': { breaks: 'allow-header-on-405', unseenInProduction: 'the monitor sends the documented POST only' },
  'json-sent-as-latin1': { breaks: 'json-utf8' },
  'challenge-description-in-norwegian': { breaks: 'bearer-challenge' },
  'postal-address-code-as-number': { breaks: 'response-schema' },
  'media-type-case-sensitive': { breaks: ['valid-search-accepted', 'status-code-documented', 'token-request-parameters'] },
  'single-email-as-string': { breaks: 'response-schema' },
  'error-message-unescaped': { breaks: 'error-body' },
  'email-search-first-address-only': { breaks: 'known-customer-found', unseenInProduction: "the monitor searches by the profile's email, the first" },
  // Its author meant the epoch as a fault; the vendor's words allow it (decision rate-limit-reset-unit): no alarm.
  'rate-limit-reset-as-epoch': { breaks: [] },
  // Its author meant the truncated fraction as a fault; decision scalar-coercion allows it, as common binders do it: no alarm.
  'street-number-fraction-truncated': { breaks: [] },
  'json-escapes-lowercase-only': { breaks: 'valid-search-accepted' },
  'retry-after-in-fractions': { breaks: ['rate-limit-headers', 'token-request-parameters'], unseenInProduction: 'the monitor keeps under the limit and never bursts' },
  // Before the byte order mark was read as RFC 8259 §8.1 lets a parser, it broke response-schema and left six rules judging nothing.
  'success-body-with-byte-order-mark': { breaks: 'json-utf8' },
  'phone-number-past-fifteen-digits': { breaks: 'field-format' },
  'cap-before-product-filter': { breaks: 'criteria-narrow-results', unseenInProduction: "the broad search narrowed by the profile's products is the gate's relation phase" },
  'bearer-scheme-case-sensitive': { breaks: 'valid-search-accepted' },
  'bearer-one-space-only': { breaks: 'valid-search-accepted' },
  'postal-place-of-post-box': { breaks: 'results-match-criteria', unseenInProduction: "the searches by another address's value are the gate's relation phase" },
  'retry-after-as-iso-timestamp': { breaks: 'rate-limit-headers', unseenInProduction: 'the monitor keeps under the limit and never bursts' },
  'answers-cached-without-product': { breaks: 'known-customer-found' },
  'expect-continue-unanswered': { breaks: 'expect-continue', unseenInProduction: 'the monitor sends no Expect' },
  'token-answer-no-cache': { breaks: 'token-no-store', unseenInProduction: "the token endpoint's own answers are the gate's to judge" },
  'phone-matched-by-last-eight-digits': { breaks: 'results-match-criteria' },
  'empty-scope-refused': { breaks: 'token-request-parameters', unseenInProduction: 'the monitor asks for its token as configured' },
  'empty-result-as-null': { breaks: 'response-schema' },
  // Its 300 searches a token per fixed minute end in a 429 asking for the rest of the minute: the gate waits it out (CONTRACT_RATE_LIMIT_WAIT_S, 60 s from the first 429), where 30 s left cases unjudged.
  'token-extension-parameter-refused': { breaks: 'token-request-parameters', unseenInProduction: 'the monitor asks for its token as configured' },
  // Its author meant reading credentials from the URI as a fault; RFC 6749 §2.3.1 forbids the client to send them there (clause rfc6749-2.3.1-credentials-not-in-uri): no alarm.
  'token-credentials-read-from-uri': { breaks: [] },
  'blank-criterion-meets-requirement': { breaks: 'search-requirement' },
  // Its 100 searches a token per fixed minute would hold a gate run for minutes: the limit is the provider's choice, not its fault.
  'bare-bearer-challenge': { breaks: 'bearer-challenge', env: { SEARCH_LIMIT: '100000' } },
  // The next three allow 100 searches a token per fixed minute, which would hold a gate run for minutes: the limit is the provider's choice, not its fault.
  'expires-in-as-string': { breaks: 'token-response', env: { SEARCH_LIMIT: '100000' }, unseenInProduction: "the token endpoint's own answers are the gate's to judge" },
  // Its author meant postalPlace ignored beside postalCode as a fault; the suite reads the two as alternatives, either of which a customer may meet (decision name-address-matching): no alarm.
  'postal-place-ignored-beside-code': { breaks: [], env: { SEARCH_LIMIT: '100000' } },
  'chunked-request-body-ignored': { breaks: 'valid-search-accepted', env: { SEARCH_LIMIT: '100000' } },
  'leading-whitespace-refused': { breaks: 'valid-search-accepted' },
  'null-body-server-error': { breaks: ['invalid-body-refused', 'no-server-error'] },
  'over-cap-search-answered-empty': { breaks: ['result-cap', 'known-customer-found', 'criteria-narrow-results'] },
  // Its author meant a token issued without grant_type as a fault; RFC 6749 §5.2 names the code of such a refusal but asks for none (decision rfc6749-5.2-missing-parameter), and the client always sends the grant (§4.4.2): no alarm.
  'grant-type-defaulted': { breaks: [] },
  // Its author also checks countryCode against ISO 3166-1, which decision code-field-content allows: generated searches send listed codes alone.
  'phone-country-code-zero-accepted': { breaks: 'field-format' },
  'postal-place-alternative-refused': { breaks: 'valid-search-accepted' },
  // A shown customer searched by its own first name, as shown, is not found again: the escapes change the name.
  'non-ascii-escaped-by-byte': { breaks: 'criteria-narrow-results', unseenInProduction: "relation cases are built from the gate's answers" },
  // The secret followed by a colon and more, unencoded: RFC 7617 §2 makes all after the first colon the password.
  'basic-password-cut-at-colon': { breaks: 'invalid-client-challenge' },
  'company-name-search-refused': { breaks: 'valid-search-accepted' },
  'absent-fields-sent-as-null': { breaks: 'response-schema' },
  'media-type-parameters-need-space': { breaks: ['valid-search-accepted', 'status-code-documented'] },
  // Its other customers include Swedes: the relation phase adds one's country code to the known customer's phone search.
  'country-code-ignored-beside-phone': { breaks: 'results-match-criteria', unseenInProduction: "relation cases are built from the gate's answers" },
  // Only a second token request while the first token lives shows it: the gate's own token cases ask for one.
  'expires-in-fraction-on-reuse': { breaks: 'token-response', unseenInProduction: 'the monitor asks for a token once and again only near its expiry' },
  // Its fault shows only for a product another holder of a name has: its profile names one, as a user names their environment's.
  'product-code-widens-by-name': {
    breaks: ['results-match-criteria', 'criteria-narrow-results', 'token-request-parameters'],
    profile: 'product-code-widens-by-name.profile.json',
    unseenInProduction: "the profile's products narrow searches in the gate's relation phase only",
  },
};

/** Starts a provider on a free loopback port and waits for its "listening" line (its endpoints answer only POST). */
async function startProvider(name: string, env: Readonly<Record<string, string>>, profile: string | undefined): Promise<{ env: Record<string, string>; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures', 'independent-providers', `${name}.mjs`)], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 10 s`)), 10_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('listening')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    env: {
      CAPI_BASE_URL: `${base}/capi`,
      CONNECTID_TOKEN_URL: `${base}/oauth/token`,
      CONNECTID_CLIENT_ID: 'blind-client',
      CONNECTID_CLIENT_SECRET: 'blind-secret',
      ...(profile ? { CONTRACT_PROFILE: join(import.meta.dirname, 'fixtures', 'independent-providers', profile) } : {}),
    },
  };
}

async function stopProvider(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Rules judged on token requests the gate's cases add: the monitor asks for its token as configured, so it never judges them. */
const GATE_ONLY: ReadonlySet<RuleName> = new Set(['token-request-parameters', 'invalid-client-challenge', 'expect-continue']);

for (const [name, { breaks, env = {}, unseenInProduction, profile }] of Object.entries(providers)) {
  const rules: readonly RuleName[] = typeof breaks === 'string' ? [breaks] : breaks;
  const monitorRules = rules.filter((rule) => !GATE_ONLY.has(rule));
  const quiet = unseenInProduction !== undefined || monitorRules.length === 0;
  const monitorSees = !quiet ? `the monitor reports ${monitorRules.join(' and ')} alone` : `the monitor reports nothing${unseenInProduction ? ` (${unseenInProduction})` : ''}`;
  const gateBreaks = rules.length === 0 ? 'no rule' : `${rules.join(' and ')} alone`;
  test(`independent provider ${name}: the gate breaks ${gateBreaks} and judges every case, ${monitorSees}`, async () => {
    test.setTimeout(240_000);
    const provider = await startProvider(name, env, profile);
    try {
      const config = loadTargetConfig({ ...provider.env, CONTRACT_MAX_RPS: '100000', CONTRACT_MAX_RPM: '1000000' });
      const target = await openTarget(config, { transport: createNodeTransport() });
      try {
        const { results } = await runContractCampaign(target, config.profile, DEFAULT_TEST_CAMPAIGN);
        expect(results.filter((result) => result.notJudged).map((result) => `${result.case.title}: ${result.notJudged?.detail}`)).toEqual([]);
        expect([...new Set(results.flatMap((result) => result.check.violations.map((violation) => violation.rule)))].sort()).toEqual([...rules].sort());
      } finally {
        await target.close();
      }

      const { monitor } = await startTestMonitor({ ...provider.env, MONITOR_ROTATION_RUNS: '1' });
      try {
        const records = await monitor.runOnce();
        const failing = records.filter((record) => record.outcome !== 'success');
        if (quiet) {
          expect(failing.map((record) => `${record.probe}: ${record.outcome} ${record.rules.join(',')}`)).toEqual([]);
          return;
        }
        expect(failing.length).toBeGreaterThan(0);
        // Each failing probe breaks the fault's rules and no other (one probe may see one of several);
        // a 5xx among them is the provider failing as a service, whatever else it breaks.
        const described = (record: (typeof failing)[number], ruleList: readonly string[]): string => `${record.probe}: ${record.outcome} ${ruleList.join(',')}`;
        const expectedRules = (record: (typeof failing)[number]): readonly string[] => (record.rules.length > 0 ? record.rules.filter((rule) => monitorRules.includes(rule)) : monitorRules);
        expect(failing.map((record) => described(record, record.rules))).toEqual(
          failing.map((record) => described({ ...record, outcome: expectedRules(record).includes('no-server-error') ? 'http_error' : 'contract_violation' }, expectedRules(record))),
        );
      } finally {
        await monitor.stop();
      }
    } finally {
      await stopProvider(provider.child);
    }
  });
}
