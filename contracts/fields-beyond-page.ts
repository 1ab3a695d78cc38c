import { searchCustomerContract } from './search-customer-contract';
import { documentationContradictions, type DocumentationContradiction } from './documentation-contradictions';
import type { DocumentedField } from './documentation-page';

/** Which side of the exchange a field is on: a request field or a property of a returned Customer. */
export type FieldSide = 'request' | 'response';

/** A field the contract carries and the documentation page does not print. */
export interface FieldBeyondPage {
  readonly name: string;
  readonly side: FieldSide;
  /** JSON pointer of the field's schema in the contract. */
  readonly pointer: string;
  /** The recorded decision to carry it (its `x-decision`, or the contradiction that id names); undefined: none. */
  readonly decision: string | undefined;
}

type Properties = Readonly<Record<string, unknown>>;

const SCHEMA_OF_SIDE: Readonly<Record<FieldSide, 'SearchCustomerRequest' | 'Customer'>> = { request: 'SearchCustomerRequest', response: 'Customer' };
const LABEL_OF_SIDE: Readonly<Record<FieldSide, string>> = { request: 'Request field', response: 'Response field (Customer property)' };
const { schemas } = searchCustomerContract.components;
const PROPERTIES_OF_SIDE: Readonly<Record<FieldSide, Properties>> = {
  request: schemas.SearchCustomerRequest.properties as Properties,
  response: schemas.Customer.properties as Properties,
};

/** A decision in words is a sentence at least, like the contradictions' own (their test asks 20 characters). */
const MIN_DECISION_LENGTH = 20;

function decisionOf(schema: unknown, contradictions: readonly DocumentationContradiction[]): string | undefined {
  const recorded = (schema as { 'x-decision'?: unknown } | null)?.['x-decision'];
  if (typeof recorded !== 'string') return undefined;
  const named = contradictions.find((item) => item.id === recorded.trim());
  if (named) return named.decision;
  return recorded.trim().length >= MIN_DECISION_LENGTH ? recorded.trim() : undefined;
}

/**
 * The fields of one side of the contract that the page lacks, each with its recorded decision. The
 * drift check fails on any without one, naming it; with one, the field is a decision, not drift.
 * `properties` and `contradictions` default to the contract's and the registry's (tests hand in edited copies).
 */
export function fieldsBeyondPage(
  side: FieldSide,
  pageFields: readonly DocumentedField[],
  properties: Properties = PROPERTIES_OF_SIDE[side],
  contradictions: readonly DocumentationContradiction[] = documentationContradictions,
): FieldBeyondPage[] {
  const onPage = new Set(pageFields.map((field) => field.name));
  return Object.entries(properties)
    .filter(([name]) => !onPage.has(name))
    .map(([name, schema]) => ({
      name,
      side,
      pointer: `#/components/schemas/${SCHEMA_OF_SIDE[side]}/properties/${name}`,
      decision: decisionOf(schema, contradictions),
    }));
}

/** The request fields beyond the page (see `fieldsBeyondPage`). */
export function requestFieldsBeyondPage(pageFields: readonly DocumentedField[], properties?: Properties, contradictions?: readonly DocumentationContradiction[]): FieldBeyondPage[] {
  return fieldsBeyondPage('request', pageFields, properties, contradictions);
}

/** The Customer properties beyond the page's response fields (see `fieldsBeyondPage`). */
export function responseFieldsBeyondPage(pageFields: readonly DocumentedField[], properties?: Properties, contradictions?: readonly DocumentationContradiction[]): FieldBeyondPage[] {
  return fieldsBeyondPage('response', pageFields, properties, contradictions);
}

/** The drift check's message for fields beyond the page without a decision; undefined when there are none. */
export function undecidedFieldsMessage(fields: readonly FieldBeyondPage[]): string | undefined {
  const undecided = fields.filter((field) => field.decision === undefined);
  if (undecided.length === 0) return undefined;
  return undecided
    .map(
      (field) =>
        `${LABEL_OF_SIDE[field.side]} ${field.name} (${field.pointer}) is in the contract but not on the documentation page, with no recorded decision: ` +
        "wrap its schema in beyondPage(…, '<why the contract carries it>') or name a contradiction id there",
    )
    .join('\n');
}
