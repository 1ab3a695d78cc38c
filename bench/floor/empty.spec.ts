import { test } from '@playwright/test';

// The floor of the contract benchmark: Playwright starting, running one empty test and reporting.
test('empty', () => undefined);
