import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError } from '../client/config-error';

/** Files whose presence says a folder is not a report folder: removing it would remove work. */
const NOT_REPORTS = ['package.json', '.git', 'tsconfig.json'];

/**
 * Empties the report folder before a run writes to it, so nothing of a previous run (its JUnit file,
 * its HAR files) can pass for this run's. Refuses, as bad configuration of CONTRACT_REPORT_DIR, a
 * folder that holds the working directory or looks like a project.
 */
export function resetReportDir(dir: string, cwd: string = process.cwd()): void {
  const target = resolve(cwd, dir);
  const fromTarget = relative(target, cwd);
  const holdsCwd = fromTarget === '' || !fromTarget.startsWith('..');
  const project = NOT_REPORTS.find((name) => existsSync(join(target, name)));
  if (holdsCwd || project) {
    throw new ConfigError([
      { variable: 'CONTRACT_REPORT_DIR', message: `${dir} ${holdsCwd ? 'holds the working directory' : `holds ${project}`}; every run empties its report folder, so it must be one of its own (default reports)` },
    ]);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
}
