import type { FoundOperation } from './find-operation';
import { items, member, type Located, type OpenApiDocument } from './openapi-document';

/** One difference between our operation and theirs, classified for a consumer of the API. */
export interface Difference {
  /** Stable identifier in oasdiff's style, e.g. `request-property-max-length-decreased`. */
  readonly id: string;
  /** True when an integration built on our contract may fail against theirs. */
  readonly breaking: boolean;
  readonly what: string;
  readonly ours?: { readonly pointer: string; readonly value: unknown };
  readonly theirs?: { readonly pointer: string; readonly value: unknown };
}

type Side = 'request' | 'response';

interface Sides {
  readonly ours: OpenApiDocument;
  readonly theirs: OpenApiDocument;
}

const at = (node: Located | undefined, value?: unknown): { pointer: string; value: unknown } | undefined =>
  node ? { pointer: node.pointer, value: value === undefined ? node.value : value } : undefined;

/** The non-null types of a schema, for 3.0 (`nullable`) and 3.1 (type lists) alike. */
function types(node: Located | undefined): string[] {
  const type = (node?.value as { type?: unknown } | undefined)?.type;
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return list.filter((entry): entry is string => typeof entry === 'string' && entry !== 'null').sort();
}

function numberAt(node: Located | undefined, key: string): number | undefined {
  const value = member(node, key)?.value;
  return typeof value === 'number' ? value : undefined;
}

function stringAt(node: Located | undefined, key: string): string | undefined {
  const value = member(node, key)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A bound of one schema compared: which direction breaks a consumer depends on the side. A request
 * limit that tightens refuses what we send; a response limit that loosens returns what we cannot hold.
 */
function compareBound(differences: Difference[], side: Side, name: string, key: 'maxLength' | 'maxItems', ours: Located, theirs: Located): void {
  const a = numberAt(ours, key);
  const b = numberAt(theirs, key);
  if (a === b) return;
  const kebab = key === 'maxLength' ? 'max-length' : 'max-items';
  const subject = side === 'request' ? 'request-property' : 'response-property';
  const tighter = b !== undefined && (a === undefined || b < a);
  const breaking = side === 'request' ? tighter : !tighter;
  const change = a === undefined ? 'set' : b === undefined ? 'removed' : b < a ? 'decreased' : 'increased';
  differences.push({
    id: `${subject}-${kebab}-${change}`,
    breaking,
    what: `${side} ${name} ${key} ${a ?? 'none'} → ${b ?? 'none'}`,
    ...(member(ours, key) ? { ours: at(member(ours, key)) } : { ours: at(ours, 'no limit') }),
    ...(member(theirs, key) ? { theirs: at(member(theirs, key)) } : { theirs: at(theirs, 'no limit') }),
  } as Difference);
}

/** Format and pattern: a request constraint added or changed refuses what we send; on a response it is information. */
function compareConstraint(differences: Difference[], side: Side, name: string, key: 'format' | 'pattern', ours: Located, theirs: Located): void {
  const a = stringAt(ours, key);
  const b = stringAt(theirs, key);
  if (a === b) return;
  const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
  differences.push({
    id: `${side}-property-${key}-${change}`,
    breaking: side === 'request' && change !== 'removed',
    what: `${side} ${name} ${key} ${a ?? 'none'} → ${b ?? 'none'}`,
    ours: at(member(ours, key) ?? ours, a ?? 'none') as Difference['ours'],
    theirs: at(member(theirs, key) ?? theirs, b ?? 'none') as Difference['theirs'],
  });
}

/** Compares two schemas of one side, recursing into properties and items. */
function compareSchemas(sides: Sides, differences: Difference[], side: Side, name: string, oursRaw: Located, theirsRaw: Located): void {
  const ours = sides.ours.resolve(oursRaw);
  const theirs = sides.theirs.resolve(theirsRaw);
  const a = types(ours);
  const b = types(theirs);
  if (a.length > 0 && b.length > 0 && a.join('|') !== b.join('|')) {
    differences.push({ id: `${side}-property-type-changed`, breaking: true, what: `${side} ${name} type ${a.join('|')} → ${b.join('|')}`, ours: at(member(ours, 'type')), theirs: at(member(theirs, 'type')) } as Difference);
    return;
  }
  compareBound(differences, side, name, 'maxLength', ours, theirs);
  if (a.includes('array') || b.includes('array')) compareBound(differences, side, name, 'maxItems', ours, theirs);
  compareConstraint(differences, side, name, 'format', ours, theirs);
  compareConstraint(differences, side, name, 'pattern', ours, theirs);

  const oursProperties = member(ours, 'properties');
  const theirsProperties = member(theirs, 'properties');
  const oursNames = Object.keys((oursProperties?.value as Record<string, unknown> | undefined) ?? {});
  const theirsNames = Object.keys((theirsProperties?.value as Record<string, unknown> | undefined) ?? {});
  const prefix = name === '(body)' ? '' : `${name}.`;
  for (const property of oursNames) {
    const oursProperty = member(oursProperties, property) as Located;
    const theirsProperty = member(theirsProperties, property);
    if (!theirsProperty) {
      // A response field we read is gone; a request field we send is no longer documented.
      differences.push({ id: `${side}-property-removed`, breaking: true, what: `${side} field ${prefix}${property} removed`, ours: at(oursProperty), theirs: at(theirsProperties ?? theirs, 'absent') } as Difference);
    } else {
      compareSchemas(sides, differences, side, `${prefix}${property}`, oursProperty, theirsProperty);
    }
  }
  for (const property of theirsNames.filter((candidate) => !oursNames.includes(candidate))) {
    const required = items(member(theirs, 'required')).some((entry) => entry.value === property);
    differences.push({
      id: `${side}-property-added`,
      // A new optional field is additive; a new required request field is one we never send.
      breaking: side === 'request' && required,
      what: `${side} field ${prefix}${property} added${required ? ' as required' : ''}`,
      ours: at(oursProperties ?? ours, 'absent'),
      theirs: at(member(theirsProperties, property)),
    } as Difference);
  }
  const oursItems = member(ours, 'items');
  const theirsItems = member(theirs, 'items');
  if (oursItems && theirsItems) compareSchemas(sides, differences, side, `${name}[]`, oursItems, theirsItems);
}

/**
 * The search requirement as its minimal sufficient field sets, expanded from the schema's
 * required/allOf/anyOf/oneOf tree (disjunctive normal form).
 */
export function requirementCombinations(document: OpenApiDocument, schema: Located): string[][] {
  const expand = (raw: Located): string[][] => {
    const node = document.resolve(raw);
    let result: string[][] = [items(member(node, 'required')).map((entry) => String(entry.value))];
    for (const part of items(member(node, 'allOf'))) {
      const options = expand(part);
      result = result.flatMap((left) => options.map((right) => [...left, ...right]));
    }
    for (const key of ['anyOf', 'oneOf']) {
      const branches = items(member(node, key));
      if (branches.length === 0) continue;
      const options = branches.flatMap(expand);
      result = result.flatMap((left) => options.map((right) => [...left, ...right]));
    }
    return result.map((fields) => [...new Set(fields)].sort());
  };
  return expand(schema);
}

function compareRequirement(sides: Sides, differences: Difference[], ours: Located, theirs: Located): void {
  const a = requirementCombinations(sides.ours, ours);
  const b = requirementCombinations(sides.theirs, theirs);
  const covers = (set: string[], by: string[][]): boolean => by.some((needed) => needed.every((field) => set.includes(field)));
  for (const combination of a.filter((set) => !covers(set, b))) {
    differences.push({
      id: 'request-search-requirement-narrowed',
      breaking: true,
      what: `search by ${combination.join(' + ') || 'nothing'} no longer meets the requirement`,
      ours: at(member(ours, 'anyOf') ?? ours, combination),
      theirs: at(member(theirs, 'anyOf') ?? member(theirs, 'required') ?? theirs, b) as Difference['theirs'],
    } as Difference);
  }
  for (const combination of b.filter((set) => !covers(set, a))) {
    differences.push({
      id: 'request-search-requirement-widened',
      breaking: false,
      what: `search by ${combination.join(' + ') || 'nothing'} newly meets the requirement`,
      ours: at(member(ours, 'anyOf') ?? ours, a) as Difference['ours'],
      theirs: at(member(theirs, 'anyOf') ?? theirs, combination),
    } as Difference);
  }
}

function compareStatuses(differences: Difference[], ours: FoundOperation, theirs: FoundOperation): void {
  const a = Object.keys((ours.responses?.value as Record<string, unknown> | undefined) ?? {});
  const b = Object.keys((theirs.responses?.value as Record<string, unknown> | undefined) ?? {});
  for (const status of a.filter((code) => !b.includes(code))) {
    const success = status.startsWith('2');
    differences.push({
      id: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
      breaking: success,
      what: `status ${status} no longer documented`,
      ours: at(member(ours.responses, status)),
      theirs: at(theirs.responses, 'absent'),
    } as Difference);
  }
  for (const status of b.filter((code) => !a.includes(code))) {
    differences.push({ id: 'response-status-added', breaking: false, what: `status ${status} newly documented`, ours: at(ours.responses, 'absent'), theirs: at(member(theirs.responses, status)) } as Difference);
  }
}

interface Scheme {
  readonly name: string;
  readonly node: Located;
  readonly type: unknown;
  readonly tokenUrl: unknown;
  readonly scopes: string[];
}

function schemes(document: OpenApiDocument, found: FoundOperation): Scheme[] {
  const all = member(member(document.root, 'components'), 'securitySchemes');
  return items(found.security).flatMap((requirement) =>
    Object.entries((requirement.value as Record<string, unknown>) ?? {}).flatMap(([name, scopes]) => {
      const raw = member(all, name);
      if (!raw) return [];
      const node = document.resolve(raw);
      const flow = member(member(node, 'flows'), 'clientCredentials');
      return [{ name, node, type: member(node, 'type')?.value, tokenUrl: member(flow, 'tokenUrl')?.value, scopes: Array.isArray(scopes) ? scopes.map(String) : [] }];
    }),
  );
}

function compareSecurity(sides: Sides, differences: Difference[], ours: FoundOperation, theirs: FoundOperation): void {
  const theirSchemes = schemes(sides.theirs, theirs);
  for (const scheme of schemes(sides.ours, ours)) {
    const match = theirSchemes.find((candidate) => candidate.type === scheme.type && (scheme.tokenUrl === undefined) === (candidate.tokenUrl === undefined));
    if (!match) {
      differences.push({ id: 'security-scheme-removed', breaking: true, what: `security ${String(scheme.type)} scheme ${scheme.name} no longer accepted`, ours: at(scheme.node), theirs: at(theirs.security ?? theirs.operation, theirSchemes.map((candidate) => candidate.name)) } as Difference);
      continue;
    }
    if (match.tokenUrl !== scheme.tokenUrl) {
      differences.push({ id: 'security-token-url-changed', breaking: true, what: `token URL ${String(scheme.tokenUrl)} → ${String(match.tokenUrl)}`, ours: at(scheme.node, scheme.tokenUrl), theirs: at(match.node, match.tokenUrl) } as Difference);
    }
    for (const scope of match.scopes.filter((candidate) => !scheme.scopes.includes(candidate))) {
      differences.push({ id: 'security-scope-added', breaking: true, what: `scope ${scope} now required`, ours: at(scheme.node, scheme.scopes), theirs: at(match.node, match.scopes) } as Difference);
    }
    for (const scope of scheme.scopes.filter((candidate) => !match.scopes.includes(candidate))) {
      differences.push({ id: 'security-scope-removed', breaking: false, what: `scope ${scope} no longer required`, ours: at(scheme.node, scheme.scopes), theirs: at(match.node, match.scopes) } as Difference);
    }
  }
}

/** Every difference between our operation and theirs that matters to a consumer, classified as oasdiff does. */
export function compareOperations(sides: Sides, ours: FoundOperation, theirs: FoundOperation): Difference[] {
  const differences: Difference[] = [];
  if (ours.requestSchema && theirs.requestSchema) {
    compareSchemas(sides, differences, 'request', '(body)', ours.requestSchema, theirs.requestSchema);
    compareRequirement(sides, differences, ours.requestSchema, theirs.requestSchema);
  } else if (ours.requestSchema) {
    differences.push({ id: 'request-body-removed', breaking: true, what: 'the JSON request body is no longer documented', ours: at(ours.requestSchema), theirs: at(theirs.operation, 'absent') } as Difference);
  }
  if (ours.responseSchema && theirs.responseSchema) {
    compareSchemas(sides, differences, 'response', '(body)', ours.responseSchema, theirs.responseSchema);
  } else if (ours.responseSchema) {
    differences.push({ id: 'response-body-removed', breaking: true, what: 'the JSON body of 200 is no longer documented', ours: at(ours.responseSchema), theirs: at(theirs.operation, 'absent') } as Difference);
  }
  compareStatuses(differences, ours, theirs);
  compareSecurity(sides, differences, ours, theirs);
  return differences;
}
