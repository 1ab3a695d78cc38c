import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why a run stopped before any test: bad configuration (exit 2) or the preflight (exit 3). */
export type StartupFailure = 'configuration' | 'preflight';

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);

/**
 * The JUnit file of a run that stopped before any test: one failing test case naming the cause, so
 * CI shows the real reason rather than no results (or, worse, an earlier run's).
 */
export function writeStartupJunit(reportDir: string, failure: StartupFailure, message: string): string {
  mkdirSync(reportDir, { recursive: true });
  const path = join(reportDir, 'junit.xml');
  const name = escapeXml(failure);
  const text = escapeXml(message);
  writeFileSync(
    path,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="contract gate" tests="1" failures="1" errors="0">`,
      `  <testsuite name="contract gate" tests="1" failures="1" errors="0" skipped="0">`,
      `    <testcase name="${name}" classname="contract gate">`,
      `      <failure message="${text}" type="${name}">${text}</failure>`,
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
  return path;
}
