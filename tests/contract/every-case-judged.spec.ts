import { deadlineMessage, expect, test } from '../fixtures/contract-test';

/*
 * Causes outside the contract fail the run as themselves, never under a rule: a case the provider
 * answered only with 429, and the run's deadline. Each rate-limited case has its own line.
 */
test('every case judged', async ({ campaign }) => {
  const unjudged = campaign.results.filter((result) => result.notJudged);
  for (const result of unjudged.filter((item) => item.notJudged?.reason === 'rate-limited')) {
    expect.soft(result.notJudged?.detail, `Not judged: rate-limited: ${result.case.title} (${result.case.expectation.rule})`).toBe('judged');
  }
  const late = unjudged.filter((result) => result.notJudged?.reason === 'deadline');
  if (late.length > 0) {
    expect.soft(late.map((result) => result.case.title), deadlineMessage(late.length, campaign.results.length, campaign.deadlineS)).toEqual([]);
  }
});
