import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** The project's configuration (same reporters, same checks at start) with one empty test: the benchmark's floor. */
export default defineConfig(base, { testDir: './floor', projects: [{ name: 'floor', testDir: './floor' }] });
