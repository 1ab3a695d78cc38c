import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Path of a binary on PATH (or an absolute path that exists), else undefined. */
export function findBinary(name: string): string | undefined {
  if (name.startsWith('/')) return existsSync(name) ? name : undefined;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}
