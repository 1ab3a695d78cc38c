import { ruleNames, type RuleName } from '../contracts/contract-rules';
import { faultModes, type FaultMode, type FaultModeDefinition } from '../simulator/fault-modes';

/** The head of the README's table of fault modes beyond the first of each rule. */
export const FAULT_TABLE_HEAD = '| fault mode | rule | what the provider does | caught by |\n| --- | --- | --- | --- |\n';

/** The fault mode the rules table names for a rule: the first of the registry that breaks it. */
export function firstFaultOf(rule: RuleName): FaultMode | undefined {
  return (Object.keys(faultModes) as FaultMode[]).find((mode) => faultModes[mode].breaks === rule);
}

/** The table's rows, from the registry: every fault mode that is not the first of its rule, with its README words. */
export function furtherFaultRows(): string[] {
  const first = new Set(ruleNames.map(firstFaultOf));
  return (Object.keys(faultModes) as FaultMode[])
    .filter((mode) => !first.has(mode))
    .map((mode) => {
      const { breaks, readme }: FaultModeDefinition = faultModes[mode];
      if (!readme) throw new Error(`Fault mode ${mode} is not the first of rule ${breaks}: give it readme { does, caughtBy } for the README's table`);
      return `| \`${mode}\` | \`${breaks}\` | ${readme.does} | ${readme.caughtBy} |`;
    });
}

/** The page with the table's rows as the registry gives them (a page without the table unchanged). */
export function withFaultTable(page: string): string {
  const start = page.indexOf(FAULT_TABLE_HEAD);
  if (start < 0) return page;
  const body = start + FAULT_TABLE_HEAD.length;
  const rest = page.slice(body);
  const end = rest.search(/^(?!\|)/m);
  return `${page.slice(0, body)}${furtherFaultRows().map((row) => `${row}\n`).join('')}${end < 0 ? '' : rest.slice(end)}`;
}
