import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The stored copy of the vendor's documentation page this contract was written from. */
export const DOCUMENTATION_PAGE = fileURLToPath(new URL('./documentation/search-customer-client-mode.txt', import.meta.url));

/** A field as the page's parameter tables describe it. */
export interface DocumentedField {
  readonly name: string;
  /** The type word as printed: string, integer, object, array, boolean. */
  readonly type: string;
  readonly maxLength?: number;
  /** `string <email>` on the page. */
  readonly format?: string;
}

/** What the page states, read from the page itself so the drift check follows a newer copy. */
export interface DocumentationPage {
  readonly requestExample: unknown;
  readonly responseExample: unknown;
  readonly requestFields: readonly DocumentedField[];
  /** Fields of one customer in the 200 body. */
  readonly customerFields: readonly DocumentedField[];
  readonly statuses: readonly number[];
  /** "Number of customers in response are limited to N customers." */
  readonly resultCap: number;
}

const TYPE_LINE = /^(string|integer|object|array|boolean)\b/;
const NAME_LINE = /^[a-z][A-Za-z]*$/;

/** Takes the first balanced JSON object that starts at or after `from`. */
function jsonObjectAt(text: string, from: number): unknown {
  const start = text.indexOf('{', from);
  if (start < 0) throw new Error('No JSON object after the marker');
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error('Unbalanced JSON object');
}

/** Reads a parameter table: a name line, then a type line, then free text up to the next name. */
function fieldTable(lines: readonly string[]): DocumentedField[] {
  const isFieldStart = (index: number): boolean =>
    NAME_LINE.test(lines[index] ?? '') && TYPE_LINE.test(lines[index + 1] ?? '');
  const fields: DocumentedField[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (!isFieldStart(i)) continue;
    const typeLine = lines[i + 1] ?? '';
    let maxLength: number | undefined;
    for (let j = i + 2; j < lines.length && !isFieldStart(j); j++) {
      const limit = /^<= (\d+) characters$/.exec(lines[j] ?? '')?.[1];
      if (limit) maxLength = Number(limit);
    }
    const format = /<(\w+)>/.exec(typeLine)?.[1];
    fields.push({
      name: lines[i] ?? '',
      type: TYPE_LINE.exec(typeLine)?.[1] ?? '',
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(format ? { format } : {}),
    });
  }
  return fields;
}

function between(lines: readonly string[], start: (line: string) => boolean, end: (line: string) => boolean): string[] {
  const from = lines.findIndex(start);
  if (from < 0) throw new Error('The documentation page lacks an expected section');
  const to = lines.findIndex((line, index) => index > from && end(line));
  return lines.slice(from + 1, to < 0 ? undefined : to);
}

export function readDocumentationPage(page = readFileSync(DOCUMENTATION_PAGE, 'utf8')): DocumentationPage {
  const requestMarker = page.indexOf("--data-raw '");
  const responseMarker = page.indexOf('200 - Success');
  if (requestMarker < 0 || responseMarker < 0) throw new Error('The documentation page has no request or response example');
  const lines = page.split('\n').map((line) => line.trim());
  const requestLines = between(lines, (l) => l.startsWith('Body Params application/json'), (l) => l === 'Examples');
  const responseLines = between(lines, (l) => l === 'Responses', (l) => /^\W*400\s*Bad Request/u.test(l));
  const customerLines = responseLines.slice(responseLines.indexOf('customers') + 2);
  const statuses = between(lines, (l) => l === 'Responses', (l) => l.startsWith('Previous'))
    .map((line) => /^\W*(\d{3})/u.exec(line)?.[1])
    .filter((code): code is string => code !== undefined)
    .map(Number);
  const cap = /limited to (\d+) customers/.exec(page)?.[1];
  if (!cap) throw new Error('The documentation page does not state the result cap');
  return {
    requestExample: jsonObjectAt(page, requestMarker),
    responseExample: jsonObjectAt(page, responseMarker),
    requestFields: fieldTable(requestLines),
    customerFields: fieldTable(customerLines),
    statuses: [...new Set(statuses)],
    resultCap: Number(cap),
  };
}
