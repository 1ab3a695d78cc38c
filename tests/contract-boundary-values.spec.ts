import { expect, test } from '@playwright/test';
import { emailOfLength } from '../cases/boundary-values';
import { validateSchema } from '../contracts/contract-validator';

/*
 * The boundary values the cases build must be what their titles say: an email of a given length
 * that a provider following RFC 5321 accepts, so a refusal of it is the provider's fault alone.
 */
test('an email of every length from 6 to 2600 characters has that length, a local part of at most 64 and labels of at most 63 (RFC 5321 §4.5.3.1)', () => {
  const faults: string[] = [];
  for (let length = 6; length <= 2600; length++) {
    const email = emailOfLength(length);
    const [local = '', domain = ''] = email.split('@');
    const labels = domain.split('.');
    if (email.length !== length || local.length > 64 || labels.some((label) => label.length < 1 || label.length > 63)) faults.push(`${length}: ${local.length} + ${labels.map((label) => label.length).join('.')}`);
  }
  expect(faults).toEqual([]);
  // The longest the contract allows is one it reads as an email: the format does not refuse it.
  expect(validateSchema('SearchCustomerRequest', { email: emailOfLength(255) })).toEqual([]);
});
