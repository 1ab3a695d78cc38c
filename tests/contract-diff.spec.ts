import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORTED_CONTRACT } from '../contracts/contract-export';
import { OPERATION_PATH, clientCredentialsScheme, requestField, resultCap, searchRequirementCombinations } from '../contracts/contract-reader';
import { compareOperations, type Difference } from '../contract-diff/compare-operations';
import { findOperation } from '../contract-diff/find-operation';
import { loadOpenApiDocument } from '../contract-diff/openapi-document';
import { VENDOR_ADDED_RESPONSE_FIELD, VENDOR_FORM, writeVendorOpenApiDocument } from './fixtures/vendor-openapi-document';

/*
 * The breaking-change report: our export, edited once for each kind of change, compared with the
 * original. Each change is found with both pointers and classified for a consumer as oasdiff does.
 */
type Json = Record<string, any>;

async function diff(file: string): Promise<Difference[]> {
  const ours = await loadOpenApiDocument(EXPORTED_CONTRACT);
  const theirs = await loadOpenApiDocument(file);
  return compareOperations({ ours, theirs }, findOperation(ours, 'searchCustomerClientMode', OPERATION_PATH), findOperation(theirs, 'searchCustomerClientMode', OPERATION_PATH));
}

function edited(edit: (document: Json) => void): string {
  const document = JSON.parse(readFileSync(EXPORTED_CONTRACT, 'utf8')) as Json;
  edit(document);
  const file = join(mkdtempSync(join(tmpdir(), 'capi-diff-')), 'vendor.json');
  writeFileSync(file, JSON.stringify(document));
  return file;
}

const schemas = (document: Json): Json => document.components.schemas;
// Facts of our side, read from the contract so an edit to it does not leave these tests behind.
const COMPANY_NAME_MAX = requestField('companyName').maxLength;
const PHONE_PATTERN = requestField('phoneNumber').pattern;
const TOKEN_URL = clientCredentialsScheme().tokenUrl;
const summary = (differences: Difference[]): string[] => differences.map((difference) => `${difference.breaking ? 'BREAKING' : 'ok'} ${difference.id}: ${difference.what}`);

const cases: { change: string; edit: (document: Json) => void; expected: string[] }[] = [
  { change: 'a request limit lowered', edit: (d) => (schemas(d).SearchCustomerRequest.properties.companyName.maxLength = 30), expected: [`BREAKING request-property-max-length-decreased: request companyName maxLength ${COMPANY_NAME_MAX} → 30`] },
  { change: 'a request limit raised', edit: (d) => (schemas(d).SearchCustomerRequest.properties.companyName.maxLength = 60), expected: [`ok request-property-max-length-increased: request companyName maxLength ${COMPANY_NAME_MAX} → 60`] },
  { change: 'a response field removed', edit: (d) => delete schemas(d).Customer.properties.postalPlace, expected: ['BREAKING response-property-removed: response field customers[].postalPlace removed'] },
  { change: 'a new optional response field', edit: (d) => (schemas(d).Customer.properties.customerType = { type: 'string' }), expected: ['ok response-property-added: response field customers[].customerType added'] },
  {
    change: 'a new required request field',
    edit: (d) => {
      schemas(d).SearchCustomerRequest.properties.channel = { type: 'string' };
      schemas(d).SearchCustomerRequest.required = ['channel'];
    },
    expected: [
      'BREAKING request-property-added: request field channel added as required',
      ...searchRequirementCombinations().map((fields) => `BREAKING request-search-requirement-narrowed: search by ${[...fields].sort().join(' + ')} no longer meets the requirement`),
    ],
  },
  { change: 'a response type changed', edit: (d) => (schemas(d).Customer.properties.postalCode = { type: 'integer' }), expected: ['BREAKING response-property-type-changed: response customers[].postalCode type string → integer'] },
  { change: 'a request pattern changed', edit: (d) => (schemas(d).SearchCustomerRequest.properties.phoneNumber.pattern = '^\\+47[0-9]{8}$'), expected: [`BREAKING request-property-pattern-changed: request phoneNumber pattern ${PHONE_PATTERN} → ^\\+47[0-9]{8}$`] },
  { change: 'a request format removed', edit: (d) => delete schemas(d).SearchCustomerRequest.properties.email.format, expected: ['ok request-property-format-removed: request email format email → none'] },
  { change: 'the search requirement narrowed', edit: (d) => schemas(d).SearchCustomerRequest.anyOf.splice(1, 1), expected: ['BREAKING request-search-requirement-narrowed: search by email no longer meets the requirement'] },
  { change: 'the search requirement widened', edit: (d) => schemas(d).SearchCustomerRequest.anyOf.push({ required: ['productCode'] }), expected: ['ok request-search-requirement-widened: search by productCode newly meets the requirement'] },
  { change: 'the result cap raised', edit: (d) => (schemas(d).SearchCustomerResponse.properties.customers.maxItems = 10), expected: [`BREAKING response-property-max-items-increased: response customers maxItems ${resultCap()} → 10`] },
  {
    change: 'an error status removed and another added',
    edit: (d) => {
      const responses = d.paths['/v1/client/customer/search'].post.responses;
      delete responses['429'];
      responses['422'] = { description: 'Unprocessable' };
    },
    expected: ['ok response-non-success-status-removed: status 429 no longer documented', 'ok response-status-added: status 422 newly documented'],
  },
  {
    change: 'the token URL moved and a scope added',
    edit: (d) => {
      d.components.securitySchemes.Client_Credentials.flows.clientCredentials.tokenUrl = 'https://login.example/oauth/token';
      d.security = [{ Client_Credentials: ['read', 'customer:search'] }];
    },
    expected: [`BREAKING security-token-url-changed: token URL ${TOKEN_URL} → https://login.example/oauth/token`, 'BREAKING security-scope-added: scope customer:search now required'],
  },
];

for (const { change, edit, expected } of cases) {
  test(`contract diff: ${change}`, async () => {
    expect(summary(await diff(edited(edit)))).toEqual(expected);
  });
}

test('contract diff: each difference names both pointers', async () => {
  const [difference] = await diff(edited((d) => (schemas(d).SearchCustomerRequest.properties.companyName.maxLength = 30)));
  expect(difference?.ours).toEqual({ pointer: '#/components/schemas/SearchCustomerRequest/properties/companyName/maxLength', value: COMPANY_NAME_MAX });
  expect(difference?.theirs).toEqual({ pointer: '#/components/schemas/SearchCustomerRequest/properties/companyName/maxLength', value: 30 });
});

test('contract diff: OpenAPI 3.0 YAML under another path, operationId and server, with $refs, finds the operation', async () => {
  const file = writeVendorOpenApiDocument();
  const theirs = await loadOpenApiDocument(file);
  expect(findOperation(theirs, 'searchCustomerClientMode', OPERATION_PATH).path).toBe(`${VENDOR_FORM.basePath}${OPERATION_PATH}`);
  expect(summary(await diff(file))).toEqual([`ok response-property-added: response field customers[].${VENDOR_ADDED_RESPONSE_FIELD.name} added`]);
});

test('the vendor document is YAML in OpenAPI 3.0 form, generated from the contract source', () => {
  const text = readFileSync(writeVendorOpenApiDocument(), 'utf8');
  expect(text).toMatch(/^openapi: 3\.0\.3$/m);
  expect(text).toContain(`operationId: ${VENDOR_FORM.operationId}`);
  expect(text).toContain('nullable: true');
  expect(text).toMatch(/^paths:\n  \/capi\/v1\/client\/customer\/search:$/m);
});

function cli(file: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('contract-diff', 'contract-diff-main.ts'), file], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('npm run contract:diff prints one line per difference and exits 1 when one is breaking', () => {
  const run = cli(edited((d) => {
    schemas(d).SearchCustomerRequest.properties.companyName.maxLength = 30;
    schemas(d).Customer.properties.customerType = { type: 'string' };
  }));
  expect(run.code).toBe(1);
  const lines = run.stdout.trim().split('\n');
  expect(lines[1]).toBe(
    `BREAKING request-property-max-length-decreased: request companyName maxLength ${COMPANY_NAME_MAX} → 30 (ours #/components/schemas/SearchCustomerRequest/properties/companyName/maxLength = ${COMPANY_NAME_MAX}; theirs #/components/schemas/SearchCustomerRequest/properties/companyName/maxLength = 30)`,
  );
  expect(lines[2]).toMatch(/^ok       response-property-added: response field customers\[\]\.customerType added \(ours .*; theirs #\/components\/schemas\/Customer\/properties\/customerType = /);
  expect(lines.at(-1)).toBe('2 differences, 1 breaking');
});

test('npm run contract:diff exits 0 without breaking changes, and 2 on a file that is not OpenAPI', () => {
  expect(cli(writeVendorOpenApiDocument()).code).toBe(0);
  const notOpenApi = join(mkdtempSync(join(tmpdir(), 'capi-diff-')), 'other.yaml');
  writeFileSync(notOpenApi, 'swagger: "2.0"\n');
  const run = cli(notOpenApi);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`${notOpenApi}: not an OpenAPI 3.0 or 3.1 document (openapi: null)\n`);
});
