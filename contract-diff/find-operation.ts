import { DocumentError, member, type Located, type OpenApiDocument } from './openapi-document';

/** One operation of a document, with what the comparison reads of it, each located. */
export interface FoundOperation {
  readonly path: string;
  readonly operation: Located;
  readonly requestSchema: Located | undefined;
  /** Schema of the 200 JSON body. */
  readonly responseSchema: Located | undefined;
  readonly responses: Located | undefined;
  /** Security requirements: the operation's own, else the document's. */
  readonly security: Located | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function jsonSchemaOf(document: OpenApiDocument, container: Located | undefined): Located | undefined {
  const resolved = container ? document.resolve(container) : undefined;
  const content = member(resolved, 'content');
  const media = member(content, 'application/json') ?? member(content, 'application/*+json') ?? member(content, '*/*');
  const schema = member(media, 'schema');
  return schema ? document.resolve(schema) : undefined;
}

/**
 * Finds the operation that is ours in another document, wherever it lives: the same operationId,
 * else the POST whose path ends like ours (so a different base path or server does not matter).
 */
export function findOperation(document: OpenApiDocument, operationId: string, pathSuffix: string): FoundOperation {
  const paths = member(document.root, 'paths');
  const candidates: { path: string; method: string; operation: Located }[] = [];
  for (const path of Object.keys((paths?.value as Record<string, unknown> | undefined) ?? {})) {
    const item = document.resolve(member(paths, path) as Located);
    for (const method of METHODS) {
      const operation = member(item, method);
      if (operation) candidates.push({ path, method, operation: document.resolve(operation) });
    }
  }
  const found =
    candidates.find((candidate) => (candidate.operation.value as { operationId?: unknown }).operationId === operationId) ??
    candidates.find((candidate) => candidate.method === 'post' && candidate.path.replace(/\/+$/, '').endsWith(pathSuffix));
  if (!found) throw new DocumentError(`${document.path}: no operation ${operationId}, and no POST path ending in ${pathSuffix}`);
  const responses = member(found.operation, 'responses');
  return {
    path: found.path,
    operation: found.operation,
    requestSchema: jsonSchemaOf(document, member(found.operation, 'requestBody')),
    responseSchema: jsonSchemaOf(document, member(responses, '200')),
    responses: responses ? document.resolve(responses) : undefined,
    security: member(found.operation, 'security') ?? member(document.root, 'security'),
  };
}
