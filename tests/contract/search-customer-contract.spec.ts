import { contractRules, ruleNames } from '../../contracts/contract-rules';
import { reportableCase } from '../../engine/reportable-case';
import { expect, resultsFor, test } from '../fixtures/contract-test';

/*
 * The contract suite: one test per rule of the registry, titled with the rule's stable name. Each
 * test judges every answer that the rule has a say on, with one soft assertion per case, so a
 * failing run lists every broken case with its contract path, expected, received and a rerun line.
 */
for (const rule of ruleNames) {
  test(rule, { annotation: { type: 'contract path', description: contractRules[rule].contractPath } }, async ({ campaign }, testInfo) => {
    testInfo.annotations.push({ type: 'seed', description: `CONTRACT_SEED=${campaign.seed}` });
    const results = resultsFor(campaign, rule);
    const skipped = campaign.results.filter((result) => result.skipped && result.case.expectation.rule === rule);
    for (const result of skipped) testInfo.annotations.push({ type: 'skipped case', description: `${result.case.title}: ${result.skipped}` });
    test.skip(results.length === 0 && skipped.length > 0, `every case of ${rule} was skipped: ${skipped[0]?.skipped ?? ''}`);
    expect(results.length, `no answer was judged by ${rule}`).toBeGreaterThan(0);
    for (const result of results) {
      expect.soft(result).toPassRule(rule, campaign);
      if (result.check.violations.some((violation) => violation.rule === rule)) {
        await testInfo.attach(result.case.title, {
          body: JSON.stringify(reportableCase(result, campaign.config.showPii), null, 2),
          contentType: 'application/json',
        });
      }
    }
  });
}
