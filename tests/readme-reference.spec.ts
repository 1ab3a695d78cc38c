import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ruleNames } from '../contracts/contract-rules';
import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedProfile, readTargetProfile } from '../client/target-profile';
import { TARGET_VARIABLES } from '../client/target-config';
import { MONITOR_VARIABLES } from '../monitor/monitor-config';
import { CAMPAIGN_VARIABLES } from '../engine/campaign-config';
import { MonitorMetrics } from '../monitor/monitor-metrics';
import { probeNames } from '../monitor/monitor-probes';
import { faultModes } from '../simulator/fault-modes';

/* The README is the front door: every rule, contradiction, variable, probe and metric has its row. */
const readme = readFileSync('README.md', 'utf8');

test('every rule has a README row naming the fault mode that breaks it', () => {
  for (const rule of ruleNames) {
    const mode = Object.entries(faultModes).find(([, fault]) => fault.breaks === rule)?.[0];
    expect(readme, rule).toMatch(new RegExp(`\\| \`${rule}\` \\|.*\\| \`${mode}\` \\|`));
  }
});

test('every contradiction, variable and probe is in the README', () => {
  for (const { id } of documentationContradictions) expect(readme, id).toContain(`| \`${id}\` |`);
  for (const variable of [...TARGET_VARIABLES, ...CAMPAIGN_VARIABLES, ...MONITOR_VARIABLES]) expect(readme, variable).toContain(`| \`${variable}\` |`);
  for (const probe of probeNames) expect(readme, probe).toContain(`\`${probe}\``);
});

test('every metric family of the monitor is in the README metrics table', async () => {
  const text = await new MonitorMetrics(probeNames, { degradedMs: 2000, timeoutMs: 10_000 }).registry.metrics();
  const families = [...text.matchAll(/^# TYPE (customer_search_\S+)/gm)].map(([, name]) => name ?? '');
  expect(families.length).toBe(13);
  for (const family of families) expect(readme, family).toContain(`| \`${family}\` |`);
});

test('the example profile the README points to is the documented profile and loads', () => {
  expect(readTargetProfile('tests/fixtures/example-profile.json')).toEqual(documentedProfile);
});

test('every alert\'s runbook link points at a README heading', () => {
  const rules = ['monitor/prometheus/alert-rules.yml', 'monitor/prometheus/slo-rules.yml'].map((file) => readFileSync(file, 'utf8')).join('\n');
  const anchors = [...rules.matchAll(/runbook_url: 'README\.md#([a-z]+)'/g)].map(([, anchor]) => anchor ?? '');
  expect(anchors.length).toBe([...rules.matchAll(/- alert: /g)].length);
  const headings = [...readme.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => (heading ?? '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
  for (const anchor of anchors) expect(headings, anchor).toContain(anchor);
});
