import type { RuleName } from '../contracts/contract-rules';
import type { ContractCampaign } from './contract-campaign';
import type { DeviationReport } from './deviation-report';
import type { GateCampaign } from './judged-campaign';
import { curlLine, rerunCommand, reportableRequest } from './reproduction';
import type { CaseResult } from './run-campaign';

/*
 * The gate's words for what a run found: the header lines about cases left unjudged and accepted
 * deviations, and each broken case in full (where, expected, received, how to see it again). The
 * rule tests, the terminal and the reports all say it with these.
 */

/** The run's header lines about cases a cause outside the contract left unjudged: one per rate-limited or unanswered case, one for the deadline. */
export function notJudgedLines(campaign: ContractCampaign, deadlineS: number): string[] {
  const unjudged = campaign.results.filter((result) => result.notJudged);
  const late = unjudged.filter((result) => result.notJudged?.reason === 'deadline');
  return [
    ...unjudged
      .filter((result) => result.notJudged !== undefined && result.notJudged.reason !== 'deadline')
      .map(notJudgedLine),
    ...(late.length > 0 ? [deadlineMessage(late.length, campaign.results.length, deadlineS)] : []),
  ];
}

/** The line of one case a rate limit or the network left unjudged. */
export function notJudgedLine(result: CaseResult): string {
  return `Not judged: ${result.notJudged?.reason ?? ''}: ${result.case.title} (${result.case.expectation.rule}): ${result.notJudged?.detail ?? ''}`;
}

/** The one line naming the deadline when it cut the run short. */
export function deadlineMessage(unjudged: number, total: number, deadlineS: number): string {
  return `Not judged: deadline: CONTRACT_DEADLINE_S=${deadlineS} reached with ${unjudged} of ${total} cases not judged; raise it or lower CONTRACT_GENERATED_CASES`;
}

/** The run's header lines about accepted deviations: what they accepted, which expired, which matched nothing. */
export function deviationLines(report: DeviationReport): string[] {
  return [
    ...[...new Set(report.accepted.map((entry) => entry.accepted.deviation))].map((deviation) => {
      const cases = new Set(report.accepted.filter((entry) => entry.accepted.deviation === deviation).map((entry) => entry.case)).size;
      return `Accepted deviation ${deviation.id}: ${deviation.rule} broken in ${cases} case${cases === 1 ? '' : 's'}, not failing (${deviation.reason}; ${deviation.acceptedBy}, until ${deviation.expires})`;
    }),
    ...report.expired.map((deviation) => `Expired deviation ${deviation.id}: ${deviation.rule}, expired ${deviation.expires}; it accepts nothing until renewed or removed`),
    ...report.unused.map((deviation) => `Unused deviation ${deviation.id}: ${deviation.rule} matched nothing in this run${report.strict ? ' (CONTRACT_DEVIATIONS_STRICT fails the run)' : ''}`),
  ];
}

/** The results a rule has a say on: those that checked it. */
export function resultsFor(campaign: GateCampaign, rule: RuleName): CaseResult[] {
  return campaign.results.filter((result) => result.check.rulesChecked.includes(rule));
}

/** How to see the failure again: the minimal case of a generated failure, a rerun command and a curl line. */
function reproductionLines(result: CaseResult, rule: RuleName, campaign: GateCampaign): string[] {
  const shown = result.minimal ?? result;
  const lines: string[] = [];
  if (result.minimal) {
    const minimalRequest = reportableRequest(result.minimal.case, result.minimal.case.request, campaign.config.showPii);
    const broken = result.minimal.check.violations.find((violation) => violation.rule === rule);
    lines.push(
      `Shrunk to: ${result.minimal.case.title}`,
      // Cut by code points: a cut through a surrogate pair would print half a character.
      Array.from(`Minimal request: ${minimalRequest.rawBody ?? JSON.stringify(minimalRequest.body)}`).slice(0, 2000).join(''),
      ...(broken ? [`Minimal expected: ${broken.expected}`, `Minimal received: ${broken.received}`] : []),
    );
  }
  lines.push(`Rerun: ${rerunCommand(shown.case, rule, campaign.seed, campaign.shaping)}`, `curl: ${curlLine(campaign.baseUrl, shown.case, shown.case.request, campaign.config.showPii)}`);
  lines.push(...traceLines(result));
  return lines;
}

/** The W3C trace ids the case's requests carried, for the provider to find them in its traces. */
function traceLines(result: CaseResult): string[] {
  return [
    ...(result.traceId ? [`Trace: ${result.traceId} (traceparent of every request of the case)`] : []),
    ...(result.minimal?.traceId ? [`Minimal trace: ${result.minimal.traceId}`] : []),
  ];
}

/** Cases of one rule printed in full in the terminal; the others are counted there and listed in the reports. */
export const CASES_SHOWN_IN_FULL = 3;

/**
 * The broken cases of a rule in the order they are shown: shrunk cases first (each is its smallest
 * reproduction, with a CONTRACT_REPLAY rerun), then the others in the campaign's order.
 */
export function brokenCasesOf(results: readonly CaseResult[], rule: RuleName): CaseResult[] {
  const broken = results.filter((result) => result.check.violations.some((violation) => violation.rule === rule));
  return [...broken.filter((result) => result.minimal), ...broken.filter((result) => !result.minimal)];
}

/** One broken case in full: rule, contract path, case, expected, received, then how to see it again. */
export function brokenCaseText(result: CaseResult, rule: RuleName, campaign: GateCampaign): string {
  return [
    ...result.check.violations
      .filter((violation) => violation.rule === rule)
      .map((violation) => `Rule ${rule} broken at ${violation.contractPath}\nCase: ${result.case.title}\nExpected: ${violation.expected}\nReceived: ${violation.received}`),
    reproductionLines(result, rule, campaign).join('\n'),
  ].join('\n');
}

/** One line per broken case, for the JUnit properties and the HTML report: where, what, and the rerun. */
export function brokenCaseLine(result: CaseResult, rule: RuleName, campaign: GateCampaign): string {
  const shown = result.minimal ?? result;
  const violation = result.check.violations.find((item) => item.rule === rule);
  return `${result.case.title} at ${violation?.contractPath ?? ''}: expected ${violation?.expected ?? ''}, received ${violation?.received ?? ''}; Rerun: ${rerunCommand(shown.case, rule, campaign.seed, campaign.shaping)}`;
}
