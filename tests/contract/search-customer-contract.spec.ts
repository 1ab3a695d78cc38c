import { contractRules, ruleNames } from '../../contracts/contract-rules';
import { reportableCase } from '../../gate/reportable-case';
import { brokenCaseLine, brokenCasesOf, CASES_SHOWN_IN_FULL, deadlineMessage, notJudgedLine, resultsFor } from '../../gate/rule-report';
import { expect, test } from '../fixtures/contract-test';
import { writeCaseHar } from '../../gate/case-har';
import { reportDir } from '../../gate/report-dir';

/*
 * The contract suite: one test per rule of the registry, titled with the rule's stable name. Each
 * test judges every answer that the rule has a say on, with one soft assertion for all its broken
 * cases: the terminal shows the first three in full (contract path, expected, received, a rerun line)
 * and counts the rest; every broken case is a JUnit property, an HTML attachment and a summary entry.
 * A case that holds gets no assertion of its own: Playwright records a step for every `expect` call
 * (about a millisecond each), and a few thousand passing ones would cost more than the requests.
 */
for (const rule of ruleNames) {
  test(rule, { annotation: { type: 'contract path', description: contractRules[rule].contractPath } }, async ({ campaign }, testInfo) => {
    testInfo.annotations.push({ type: 'seed', description: `CONTRACT_SEED=${campaign.seed}` });
    const results = resultsFor(campaign, rule);
    const skipped = campaign.results.filter((result) => result.skipped && result.case.expectation.rule === rule);
    for (const result of skipped) testInfo.annotations.push({ type: 'skipped case', description: `${result.case.title}: ${result.skipped}` });
    test.skip(results.length === 0 && skipped.length > 0, `every case of ${rule} was skipped: ${skipped[0]?.skipped ?? ''}`);
    // Rate limits and the deadline fail the run in "every case judged", not under this rule.
    const unjudged = campaign.results.find((result) => result.notJudged);
    test.skip(results.length === 0 && unjudged !== undefined, `no answer was judged by ${rule}: cases were not judged (${unjudged?.notJudged?.reason ?? ''}), see "every case judged"`);
    for (const { case: title, accepted } of campaign.deviations.accepted.filter((entry) => entry.accepted.violation.rule === rule)) {
      const { violation, deviation } = accepted;
      testInfo.annotations.push({
        type: 'accepted deviation',
        description: `${deviation.id}: "${title}" at ${violation.contractPath}: expected ${violation.expected}, received ${violation.received} (${deviation.reason}; ${deviation.acceptedBy}, until ${deviation.expires})`,
      });
    }
    for (const deviation of campaign.deviations.expired.filter((entry) => entry.rule === rule)) {
      expect.soft(deviation.expires, `Accepted deviation ${deviation.id} for ${rule} expired on ${deviation.expires}: renew it with a new date or remove it`).toBe('a date still to come');
    }
    for (const deviation of campaign.deviations.unused.filter((entry) => entry.rule === rule)) {
      testInfo.annotations.push({ type: 'unused deviation', description: `${deviation.id} matched nothing in this run` });
      if (campaign.deviations.strict) expect.soft(deviation.id, `Accepted deviation ${deviation.id} for ${rule} matched nothing (CONTRACT_DEVIATIONS_STRICT=1)`).toBe('used');
    }
    expect(results.length, `no answer was judged by ${rule}`).toBeGreaterThan(0);
    const broken = brokenCasesOf(results, rule);
    expect.soft(broken).toHoldIn(rule, campaign);
    for (const result of broken) {
      testInfo.annotations.push({ type: 'broken case', description: brokenCaseLine(result, rule, campaign) });
      await testInfo.attach(result.case.title, {
        body: JSON.stringify(reportableCase(result, campaign.config.showPii), null, 2),
        contentType: 'application/json',
      });
      // Evidence for the vendor, and the trace to look up on their side (both reach JUnit as properties).
      const har = writeCaseHar(reportDir, result, { showPii: campaign.config.showPii, baseUrl: campaign.baseUrl });
      if (har) testInfo.annotations.push({ type: 'HAR', description: `${result.case.title}: ${har}` });
      if (result.traceId) testInfo.annotations.push({ type: 'trace id', description: `${result.case.title}: ${result.traceId}` });
    }
  });
}

/*
 * Causes outside the contract fail the run as themselves, never under a rule: a case the provider
 * answered only with 429, one that got no answer at all (the network), and the run's deadline. The
 * rate-limited and unanswered cases are one failure: the first
 * three named in full, the rest counted (every one has its line in the run's header, its annotation
 * and its summary entry).
 */
test('every case judged', async ({ campaign }, testInfo) => {
  const unjudged = campaign.results.filter((result) => result.notJudged);
  const limited = unjudged.filter((item) => item.notJudged !== undefined && item.notJudged.reason !== 'deadline');
  for (const result of limited) testInfo.annotations.push({ type: 'not judged', description: notJudgedLine(result) });
  if (limited.length > 0) {
    const more = limited.length - CASES_SHOWN_IN_FULL;
    const shown = [...limited.slice(0, CASES_SHOWN_IN_FULL).map(notJudgedLine), ...(more > 0 ? [`... and ${more} more case${more === 1 ? '' : 's'} not judged: each is listed in the run's header, the JUnit properties and contract-summary.json`] : [])];
    expect.soft(limited.length, shown.join('\n')).toBe(0);
  }
  const late = unjudged.filter((result) => result.notJudged?.reason === 'deadline');
  if (late.length > 0) {
    expect.soft(late.length, deadlineMessage(late.length, campaign.results.length, campaign.deadlineS)).toBe(0);
  }
});
