import { documentationContradictions } from '../contracts/documentation-contradictions';
import { documentedRequestExample } from '../contracts/documented-request-example';

/**
 * The page's request example with the repair of every recorded decision applied (postalCode "0179"
 * for postal-code-type): the page's own values, as the contract accepts them. Cases take their
 * realistic values from it instead of a list of their own.
 */
export const decidedRequestExample: Readonly<Record<string, unknown>> = Object.assign(
  {},
  documentedRequestExample,
  ...documentationContradictions.map((item) => item.exampleRepair?.request ?? {}),
);
