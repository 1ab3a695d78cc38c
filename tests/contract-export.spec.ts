import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORTED_CONTRACT, exportContract } from '../contracts/contract-export';

/* The committed OpenAPI export is the contract: a change to the source without a new export fails here. */
test('the committed OpenAPI export matches the contract source (npm run contract:export rewrites it)', () => {
  expect(readFileSync(EXPORTED_CONTRACT, 'utf8'), `${EXPORTED_CONTRACT} is stale: run npm run contract:export`).toBe(exportContract());
});

test('the export is an OpenAPI 3.1 document with the one operation', () => {
  const document = JSON.parse(readFileSync(EXPORTED_CONTRACT, 'utf8')) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
  expect(document.openapi).toBe('3.1.0');
  expect(document.paths['/v1/client/customer/search']?.post?.operationId).toBe('searchCustomerClientMode');
});

/** Lints a copy of the export, edited by `edit`, with the project's ruleset; returns Spectral's JSON findings. */
function lint(edit: (document: Record<string, any>) => void): { code: string; path: string[]; severity: number }[] {
  const document = JSON.parse(readFileSync(EXPORTED_CONTRACT, 'utf8')) as Record<string, any>;
  edit(document);
  const file = join(mkdtempSync(join(tmpdir(), 'capi-lint-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const run = spawnSync(join('node_modules', '.bin', 'spectral'), ['lint', file, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], { encoding: 'utf8' });
  return JSON.parse(run.stdout || '[]') as { code: string; path: string[]; severity: number }[];
}

test('Spectral finds no error and no warning in the export', () => {
  expect(lint(() => undefined)).toEqual([]);
});

test('a field beyond the documentation page, with its x-decision, lints clean', () => {
  const nationalId = { type: 'string', maxLength: 11, description: 'National identity number to match in a search.', 'x-decision': 'Sent by newer clients; the stored page predates it.' };
  expect(lint((document) => (document.components.schemas.SearchCustomerRequest.properties.nationalId = nationalId))).toEqual([]);
});

test('each of our own Spectral rules fails on the contract edited to break it', () => {
  const codes = (edit: (document: Record<string, any>) => void): string[] => lint(edit).map((finding) => finding.code);
  expect(codes((document) => delete document.components.schemas.SearchCustomerRequest.properties.companyName.maxLength)).toContain('request-strings-have-max-length');
  expect(codes((document) => delete document.paths['/v1/client/customer/search'].post.responses['429'])).toContain('documented-statuses-have-responses');
  expect(codes((document) => (document.components.schemas.Customer.additionalProperties = false))).toContain('response-schemas-allow-additive-fields');
  expect(codes((document) => (document.components.schemas.Customer.properties.emails.additionalProperties = false))).toContain('response-schemas-allow-additive-fields');
});
