import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { CONTRACT_POINTERS, DOCUMENT_ID, createContractAjv } from '../../contracts/contract-schemas';

/**
 * contracts/contract-schemas.ts as the build puts it in the bundle: the same `contractSchema`, over
 * validators ajv compiled here, ahead of time (ajv's standalone code, ES module). The bundle then
 * imports ajv's small run-time helpers and ajv-formats' format checks, never the schema compiler.
 */
export function standaloneContractSchemas(): string {
  const ajv = createContractAjv({ source: true, esm: true, formats: _`fullFormats` });
  const exports = Object.fromEntries(CONTRACT_POINTERS.map((pointer, index) => [`validate${index}`, `${DOCUMENT_ID}${pointer}`]));
  const byPointer = CONTRACT_POINTERS.map((pointer, index) => `  ${JSON.stringify(pointer)}: validate${index},`).join('\n');
  // ajv's ES module output still require()s its run-time helpers: given a require of its own, which
  // both Node and the bundler leave to Node (a bundler's ES-module interop would read `.default` twice).
  const code = standaloneCode(ajv, exports).replace(/require\("([^"]+)"\)/g, (_match, from: string) => `requireRuntime(${JSON.stringify(`${from}.js`)})`);
  return [
    "import { createRequire } from 'node:module';",
    'const requireRuntime = createRequire(import.meta.url);',
    ...(code.includes('fullFormats') ? ["import { fullFormats } from 'ajv-formats/dist/formats.js';"] : []),
    code,
    `const byPointer = {\n${byPointer}\n};`,
    'export function contractSchema(pointer) {',
    '  const validate = byPointer[pointer];',
    '  if (!validate) throw new Error(`The contract has no schema at ${pointer}`);',
    '  return validate;',
    '}',
    '',
  ].join('\n');
}
