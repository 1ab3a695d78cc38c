import { contractRules, type ContractRule, type Finding, type RuleName } from './contract-rules';
import type { Exchange, Expectation } from './exchange';
import { JudgedExchange } from './judged-exchange';

/** A rule broken by one exchange. */
export interface RuleViolation {
  readonly rule: RuleName;
  /** The precise contract path broken, e.g. `#/components/schemas/Customer/properties/postalCode/type`. */
  readonly contractPath: string;
  readonly expected: string;
  readonly received: string;
}

/** A rule whose check threw: a defect of the checker, not of the target. */
export interface CheckerFault {
  readonly rule: RuleName;
  /** The error's name and message: what the check tripped over. */
  readonly error: string;
}

export interface CheckResult {
  /** Every rule this exchange was judged by, broken or not (so passes can be counted per rule). */
  readonly rulesChecked: readonly RuleName[];
  readonly violations: readonly RuleViolation[];
}

/** What `checkExchange` returns: the result, and the checks that threw on the way. */
export interface CheckReport extends CheckResult {
  /**
   * Checks that threw. Each also stands as a violation of its rule, so nothing passes unjudged;
   * listed apart so the project's own tests fail on any, whatever the target answered.
   */
  readonly checkerFaults: readonly CheckerFault[];
}

export interface CheckOptions {
  /** Contract path the case exercises (e.g. a field's maxLength); defaults to the rule's own. */
  readonly casePath?: string;
  /** The answer to the same search without its narrowing criteria, for `criteria-narrow-results`. */
  readonly wider?: Exchange;
  /** The rules to judge by: the registry, unless a test hands in others (e.g. one whose check throws). */
  readonly rules?: Readonly<Record<RuleName, ContractRule>>;
}

/**
 * Judges one exchange by every rule of the registry. Pure, synchronous, and never throws whatever
 * the body: a check that trips over an answer shape nobody foresaw reports that as a finding of
 * its own rule, so the suite still names a rule and the monitor still sees an answer, and as a
 * checker fault, so the checker's own tests cannot pass over it.
 */
export function checkExchange(exchange: Exchange, expectation: Expectation, options: CheckOptions = {}): CheckReport {
  const judged = new JudgedExchange(
    exchange,
    expectation,
    options.casePath,
    options.wider ? new JudgedExchange(options.wider, { kind: 'accepted', rule: 'valid-search-accepted' }, undefined, undefined) : undefined,
  );
  const rules = options.rules ?? contractRules;
  const checked: RuleName[] = [];
  const violations: RuleViolation[] = [];
  const checkerFaults: CheckerFault[] = [];
  for (const rule of Object.keys(rules) as RuleName[]) {
    const { contractPath, check } = rules[rule];
    let findings: readonly Finding[] | undefined;
    try {
      findings = check(judged);
    } catch (error) {
      // Only the error's name reaches the finding: a message may quote the body, which is customer data.
      checkerFaults.push({ rule, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      findings = [{ expected: 'an answer this rule can judge', received: `an answer its check could not read (${error instanceof Error ? error.name : 'error'})` }];
    }
    if (findings === undefined) continue;
    checked.push(rule);
    for (const finding of findings) {
      violations.push({ rule, contractPath: finding.contractPath ?? contractPath, expected: finding.expected, received: finding.received });
    }
  }
  return { rulesChecked: checked, violations, checkerFaults };
}
