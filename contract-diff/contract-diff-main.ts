import { EXPORTED_CONTRACT } from '../contracts/contract-export';
import { OPERATION_PATH } from '../contracts/contract-reader';
import { compareOperations, type Difference } from './compare-operations';
import { findOperation } from './find-operation';
import { DocumentError, loadOpenApiDocument } from './openapi-document';

/*
 * `npm run contract:diff -- <OpenAPI file>`: compares the vendor's definition of this operation with
 * our contract, one line per difference, each marked breaking or not for a consumer. Exit 1 when
 * anything is breaking, 0 otherwise, 2 when a document cannot be used.
 */
const OPERATION_ID = 'searchCustomerClientMode';

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

export function formatDifference(difference: Difference): string {
  const where = [
    difference.ours ? `ours ${difference.ours.pointer} = ${show(difference.ours.value)}` : undefined,
    difference.theirs ? `theirs ${difference.theirs.pointer} = ${show(difference.theirs.value)}` : undefined,
  ].filter(Boolean);
  return `${difference.breaking ? 'BREAKING' : 'ok      '} ${difference.id}: ${difference.what} (${where.join('; ')})`;
}

const theirsPath = process.argv[2];
if (!theirsPath) {
  process.stderr.write('Usage: npm run contract:diff -- <path to an OpenAPI 3.0 or 3.1 file, YAML or JSON>\n');
  process.exit(2);
}
try {
  const ours = await loadOpenApiDocument(EXPORTED_CONTRACT);
  const theirs = await loadOpenApiDocument(theirsPath);
  const oursOperation = findOperation(ours, OPERATION_ID, OPERATION_PATH);
  const theirsOperation = findOperation(theirs, OPERATION_ID, OPERATION_PATH);
  const differences = compareOperations({ ours, theirs }, oursOperation, theirsOperation);
  process.stdout.write(`Comparing ${EXPORTED_CONTRACT} (POST ${oursOperation.path}) with ${theirsPath} (OpenAPI ${theirs.version}, POST ${theirsOperation.path})\n`);
  for (const difference of differences) process.stdout.write(`${formatDifference(difference)}\n`);
  const breaking = differences.filter((difference) => difference.breaking).length;
  process.stdout.write(`${differences.length} differences, ${breaking} breaking\n`);
  process.exit(breaking > 0 ? 1 : 0);
} catch (error) {
  if (error instanceof DocumentError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
