import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulatorCampaign } from '../harness/simulator-campaign';
import { buildTargetBaseline, observeCampaign, writeTargetBaseline } from '../gate/behaviour-baseline';
import { embeddedSimulator } from '../simulator/embedded-simulator';
import { sampleValue, startTestMonitor } from './fixtures/monitor-harness';

/*
 * The monitor reads the gate's behaviour baseline of its target and exports drift per probe and
 * severity; the page lists it. A provider that answers errors in another content type is correct
 * (no probe fails) but drifts on every probe it refuses.
 */

/** A baseline of the default simulator, keyed as the monitor keys it ("simulator"), in a fresh file. */
async function defaultSimulatorBaseline(): Promise<string> {
  const observe = async () => observeCampaign((await runSimulatorCampaign({ campaign: { generatedCases: 0 } })).results, false);
  const file = join(mkdtempSync(join(tmpdir(), 'capi-monitor-baseline-')), 'baseline.json');
  writeTargetBaseline(file, 'simulator', buildTargetBaseline(await observe(), await observe(), undefined));
  return file;
}

test('the monitor exports no drift against its own behaviour, and change drift per probe when errors come in another content type', async () => {
  test.setTimeout(120_000);
  const file = await defaultSimulatorBaseline();
  const same = await startTestMonitor({ CONTRACT_BASELINE_FILE: file });
  try {
    await same.monitor.runOnce();
    const text = await same.scrape();
    const drifting = text.split('\n').filter((line) => line.startsWith('customer_search_behaviour_drift{') && !line.endsWith(' 0'));
    expect(drifting).toEqual([]);
    expect(sampleValue(text, 'customer_search_behaviour_drift{probe="phone-search",severity="change"}')).toBe(0);
    expect(await (await fetch(same.monitor.url)).text()).toContain('no drift');
  } finally {
    await same.monitor.stop();
  }

  const other = await startTestMonitor({ CONTRACT_BASELINE_FILE: file }, { startEmbedded: embeddedSimulator({ variant: 'error-body-text' }) });
  try {
    const records = await other.monitor.runOnce();
    expect(records.filter((record) => record.outcome !== 'success').map((record) => record.probe)).toEqual([]);
    const text = await other.scrape();
    const changed = text.split('\n').filter((line) => line.startsWith('customer_search_behaviour_drift{') && line.includes('severity="change"') && !line.endsWith(' 0'));
    expect(changed.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/customer_search_behaviour_drift\{[^}]*severity="breaking"\} [1-9]/);
    const page = await (await fetch(other.monitor.url)).text();
    expect(page).toContain('id="behaviour-drift"');
    expect(page).toMatch(/<strong>change<\/strong>/);
  } finally {
    await other.monitor.stop();
  }
});

test('without a baseline of the target the monitor exports zeros and the page says nothing of drift', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-monitor-baseline-'));
  const { monitor, scrape } = await startTestMonitor({ CONTRACT_BASELINE_FILE: join(dir, 'none.json') }, { startEmbedded: embeddedSimulator({ variant: 'error-body-text' }) });
  try {
    await monitor.runOnce();
    expect((await scrape()).split('\n').filter((line) => line.startsWith('customer_search_behaviour_drift{') && !line.endsWith(' 0'))).toEqual([]);
    expect(await (await fetch(monitor.url)).text()).not.toContain('behaviour-drift');
  } finally {
    await monitor.stop();
  }
});
