import { runSimulatorCampaign } from './harness/simulator-campaign';
import { faultModes } from './simulator/fault-modes';
for (const mode of ['crash-on-undocumented-field','crash-on-non-object-body','limit-counted-in-bytes','limit-counted-in-utf16','product-code-widens'] as const) {
  const { results } = await runSimulatorCampaign({ simulator: { fault: mode, rateLimit: { perSecond: 100_000, perMinute: 10_000_000 } }, clientPerSecond: 10_000 });
  const rule = faultModes[mode].breaks;
  console.log('==', mode, rule);
  const failing = results.filter(r => r.check.violations.length);
  const rules = new Set(failing.flatMap(r => r.check.violations.map(v => v.rule)));
  console.log('rules broken:', [...rules].join(', '));
  for (const r of failing.filter(r => !r.case.origin).slice(0, 4)) console.log('  fixed:', r.case.title, JSON.stringify(r.check.violations.filter(v=>v.rule===rule)));
  for (const r of failing.filter(r => r.case.origin).slice(0, 2)) console.log('  gen:', r.case.title, JSON.stringify(r.check.violations.filter(v=>v.rule===rule)), r.minimal?.case.title, JSON.stringify(r.minimal?.case.request));
}
