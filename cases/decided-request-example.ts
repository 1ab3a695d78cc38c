import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedRequestExample } from '../contracts/documented-request-example';

/**
 * The page's request example with the repair of every recorded decision applied (postalCode "0179"
 * for postal-code-type): the page's own values, as the contract accepts them. Cases take their
 * realistic values from it instead of a list of their own.
 */
export const decidedRequestExample: Readonly<Record<string, unknown>> = { ...documentedRequestExample, ...exampleRepairs() };

/** The fields every recorded decision repairs in the page's request example, with their repaired values. */
export function exampleRepairs(): Record<string, unknown> {
  return Object.assign({}, ...documentationContradictions.map((item) => item.exampleRepair?.request ?? {})) as Record<string, unknown>;
}
