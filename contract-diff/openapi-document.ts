import { $RefParser, type $Refs } from '@apidevtools/json-schema-ref-parser';

/** A value inside an OpenAPI document, with the JSON pointer it was found at (after following $refs). */
export interface Located {
  readonly value: unknown;
  readonly pointer: string;
}

/** An OpenAPI 3.0 or 3.1 document, YAML or JSON, whose $refs resolve on demand while pointers are kept. */
export interface OpenApiDocument {
  readonly path: string;
  readonly version: '3.0' | '3.1';
  readonly root: Located;
  /** Follows `$ref`s (local or to other local files) until a value that is not one. */
  resolve(node: Located): Located;
}

/** Raised when a file cannot be read as an OpenAPI 3.0 or 3.1 document; the message names the file. */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The member `key` of an object node, located; undefined when absent or not an object. */
export function member(node: Located | undefined, key: string): Located | undefined {
  const value = node?.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !(key in value)) return undefined;
  return { value: (value as Record<string, unknown>)[key], pointer: `${node?.pointer ?? '#'}/${escape(key)}` };
}

/** The items of an array node, located. */
export function items(node: Located | undefined): Located[] {
  return Array.isArray(node?.value) ? node.value.map((value, index) => ({ value, pointer: `${node.pointer}/${index}` })) : [];
}

/**
 * Reads a document with json-schema-ref-parser (YAML or JSON; local files only: references to the
 * network are never followed, as this tool sends no traffic anywhere).
 */
export async function loadOpenApiDocument(path: string): Promise<OpenApiDocument> {
  let refs: $Refs;
  try {
    refs = await $RefParser.resolve(path, { resolve: { http: false }, continueOnError: false });
  } catch (error) {
    throw new DocumentError(`${path}: ${(error as Error).message.split('\n')[0] ?? 'cannot be read'}`, { cause: error });
  }
  const value = refs.get('#') as unknown;
  const openapi = typeof value === 'object' && value !== null ? (value as { openapi?: unknown }).openapi : undefined;
  if (typeof openapi !== 'string' || !/^3\.[01]\./.test(openapi)) {
    throw new DocumentError(`${path}: not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(openapi ?? null)})`);
  }
  const resolve = (node: Located): Located => {
    let current = node;
    for (let depth = 0; depth < 32; depth++) {
      const ref = typeof current.value === 'object' && current.value !== null ? (current.value as { $ref?: unknown }).$ref : undefined;
      if (typeof ref !== 'string') return current;
      try {
        current = { value: refs.get(ref) as unknown, pointer: ref };
      } catch (error) {
        throw new DocumentError(`${path}: ${current.pointer}: $ref ${ref} does not resolve`, { cause: error });
      }
    }
    throw new DocumentError(`${path}: ${node.pointer}: $ref chain too deep`);
  };
  return { path, version: openapi.startsWith('3.0') ? '3.0' : '3.1', root: { value, pointer: '#' }, resolve };
}
