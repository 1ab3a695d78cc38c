import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { Counter, Gauge, Registry, Summary, type OpenMetricsContentType } from 'prom-client';
import { CachedExposition } from '../monitor/cached-exposition';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames } from '../monitor/monitor-probes';
import { probeOutcomes, tokenOutcomes } from '../monitor/probe-outcome';
import { ruleNames } from '../contracts/contract-rules';

/* /metrics serves each metric as prom-client renders it, rendered again only after it changed. */

/** The exposition without Node's process metrics, which move between any two reads by themselves. */
const ownMetrics = (text: string): string =>
  text
    .split('\n\n')
    .filter((block) => !/^# HELP (process|nodejs)_/.test(block))
    .join('\n\n');

const newMetrics = (): MonitorMetrics => new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 });

test('after any sequence of changes, every scrape is byte for byte what prom-client renders', async () => {
  const change = fc.oneof(
    fc.record({ kind: fc.constant('probe' as const), probe: fc.constantFrom(...probeNames), outcome: fc.constantFrom(...probeOutcomes), seconds: fc.double({ min: 0, max: 20, noNaN: true }), rules: fc.subarray([...ruleNames], { maxLength: 3 }), status: fc.option(fc.constantFrom(200, 400, 429, 500), { nil: undefined }) }),
    fc.record({ kind: fc.constant('token' as const), outcome: fc.constantFrom(...tokenOutcomes), seconds: fc.double({ min: 0, max: 20, noNaN: true }) }),
    fc.record({ kind: fc.constant('deviation' as const), rule: fc.constantFrom(...ruleNames) }),
    fc.record({ kind: fc.constant('remaining' as const), value: fc.integer({ min: -1, max: 100 }) }),
    fc.record({ kind: fc.constant('scrape' as const) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(change, { maxLength: 30 }), async (changes) => {
      const metrics = newMetrics();
      for (const step of [...changes, { kind: 'scrape' as const }]) {
        if (step.kind === 'probe') metrics.recordProbe(step.probe, step.outcome, step.seconds, step.rules, new Date(0), step.status);
        else if (step.kind === 'token') metrics.recordTokenFetch(step.outcome, step.seconds);
        else if (step.kind === 'deviation') metrics.acceptedDeviations.inc({ rule: step.rule });
        else if (step.kind === 'remaining') metrics.rateLimitRemaining.set(step.value);
        else if (ownMetrics(await metrics.exposition()) !== ownMetrics(await metrics.registry.metrics())) return false;
      }
      return true;
    }),
    { seed: 20261207, numRuns: 60 },
  );
});

test('a metric that did not change is not rendered again; one that changed, or reads its values at scrape time, is', async () => {
  const registry = new Registry();
  const steady = new Counter({ name: 'steady_total', help: 'h', labelNames: ['rule'] as const, registers: [registry] });
  const moving = new Counter({ name: 'moving_total', help: 'h', registers: [registry] });
  let reading = 1;
  new Gauge({ name: 'read_value', help: 'h', registers: [registry], collect() { this.set(reading); } });
  new Summary({ name: 'windowed_seconds', help: 'h', maxAgeSeconds: 60, ageBuckets: 2, registers: [registry] });
  steady.inc({ rule: 'a' }, 0);
  const exposition = new CachedExposition(registry);
  const rendered: string[] = [];
  const render = registry.getSingleMetricAsString.bind(registry);
  registry.getSingleMetricAsString = (name: string) => (rendered.push(name), render(name));
  expect(await exposition.text()).toBe(await registry.metrics());
  rendered.length = 0;
  moving.inc();
  reading = 7;
  const second = await exposition.text();
  expect(rendered.sort()).toEqual(['moving_total', 'read_value', 'windowed_seconds']);
  expect(second).toContain('moving_total 1\n');
  expect(second).toContain('read_value 7\n');
  expect(second).toContain('steady_total{rule="a"} 0\n');
  // A child handed out by labels() changes values unseen: that metric is rendered at every scrape from then on.
  steady.labels({ rule: 'b' }).inc(2);
  expect(await exposition.text()).toContain('steady_total{rule="b"} 2\n');
  steady.labels({ rule: 'b' }).inc(3);
  expect(await exposition.text()).toContain('steady_total{rule="b"} 5\n');
});

test('a metric removed and registered again under its name is rendered as the new metric, not from the old one\'s cache', async () => {
  const registry = new Registry();
  new Counter({ name: 'searches_total', help: 'h', registers: [registry] }).inc(3);
  const exposition = new CachedExposition(registry);
  expect(await exposition.text()).toContain('searches_total 3\n');
  registry.removeSingleMetric('searches_total');
  new Counter({ name: 'searches_total', help: 'h', registers: [registry] }).inc(1);
  expect(await exposition.text()).toBe(await registry.metrics());
});

test('the OpenMetrics format, which renders counters differently, is refused at construction', () => {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  expect(() => new CachedExposition(registry as unknown as Registry)).toThrow('CachedExposition renders the Prometheus text format only');
});
