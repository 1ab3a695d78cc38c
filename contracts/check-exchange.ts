import { contractRules, ruleNames, type Finding, type RuleName } from './contract-rules';
import type { Exchange, Expectation, RuleViolation } from './exchange';
import { JudgedExchange } from './judged-exchange';

export interface CheckResult {
  /** Every rule this exchange was judged by, broken or not (so passes can be counted per rule). */
  readonly rulesChecked: readonly RuleName[];
  readonly violations: readonly RuleViolation[];
}

export interface CheckOptions {
  /** Contract path the case exercises (e.g. a field's maxLength); defaults to the rule's own. */
  readonly casePath?: string;
  /** The answer to the same search without its narrowing criteria, for `criteria-narrow-results`. */
  readonly wider?: Exchange;
}

/**
 * Judges one exchange by every rule of the registry. Pure, synchronous, and never throws whatever
 * the body: a check that trips over an answer shape nobody foresaw reports that as a finding of
 * its own rule, so the suite still names a rule and the monitor still sees an answer.
 */
export function checkExchange(exchange: Exchange, expectation: Expectation, options: CheckOptions = {}): CheckResult {
  const judged = new JudgedExchange(
    exchange,
    expectation,
    options.casePath,
    options.wider ? new JudgedExchange(options.wider, { kind: 'accepted', rule: 'valid-search-accepted' }, undefined, undefined) : undefined,
  );
  const checked: RuleName[] = [];
  const violations: RuleViolation[] = [];
  for (const rule of ruleNames) {
    const { contractPath, check } = contractRules[rule];
    let findings: readonly Finding[] | undefined;
    try {
      findings = check(judged);
    } catch (error) {
      findings = [{ expected: 'an answer this rule can judge', received: `an answer its check could not read (${error instanceof Error ? error.name : 'error'})` }];
    }
    if (findings === undefined) continue;
    checked.push(rule);
    for (const finding of findings) {
      violations.push({ rule, contractPath: finding.contractPath ?? contractPath, expected: finding.expected, received: finding.received });
    }
  }
  return { rulesChecked: checked, violations };
}
