import { failsOn } from '../../gate/behaviour-drift';
import { expect, test } from '../fixtures/contract-test';

/*
 * Drift from the target's recorded behaviour (CONTRACT_BASELINE), apart from the rule tests: a
 * provider that now decides otherwise where the page leaves the choice breaks no rule, yet an
 * integration may depend on what it did. Drift at or above CONTRACT_BASELINE_FAIL_ON fails here, one
 * soft assertion per case; the rest is annotated.
 */
test('behaviour baseline', async ({ campaign }, testInfo) => {
  const outcome = campaign.baseline;
  // Nothing to compare is no skip: the run has no baseline of its target yet, or was told to leave it.
  if (!outcome || outcome.mode === 'off' || outcome.mode === 'absent') {
    const why = outcome?.mode === 'absent' ? `no behaviour baseline of this target in ${outcome.file}; CONTRACT_BASELINE=record npm run contract records one` : 'CONTRACT_BASELINE=off';
    testInfo.annotations.push({ type: 'baseline not compared', description: why });
    return;
  }
  if (outcome.mode === 'unreadable') expect(outcome.problem, 'the behaviour baseline cannot be read').toBe('a readable baseline');
  if (outcome.mode === 'recorded') {
    testInfo.annotations.push({ type: 'baseline recorded', description: `${outcome.cases} cases, ${outcome.noisy} with noise, in ${outcome.file}` });
    return;
  }
  if (outcome.mode !== 'checked') return;
  for (const entry of outcome.entries) {
    const changes = entry.changes.map((change) => `${change.aspect} (${change.severity}): ${change.old} -> ${change.new}`).join('\n');
    if (!failsOn(entry.severity, outcome.failOn)) {
      testInfo.annotations.push({ type: `drift (${entry.severity})`, description: `${entry.case}: ${changes.replaceAll('\n', '; ')}` });
      continue;
    }
    expect
      .soft(entry.new, `Behaviour drift (${entry.severity}) from ${outcome.file}\nCase: ${entry.case}\n${changes}\nAccept it: ${outcome.accept}`)
      .toEqual(entry.old);
  }
});
