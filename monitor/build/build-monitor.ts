import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { standaloneContractSchemas } from './standalone-contract-schemas';

/*
 * `npm run build`: bundles monitor/monitor-main.ts into plain JavaScript (ESM, Node 20, packages
 * left external, the simulator and the web configuration split into chunks loaded on demand), and
 * stamps the build with the package version and the git revision, exported as
 * customer_search_build_info. The contract's validators are compiled here, ahead of time, so the
 * monitor loads no schema compiler at run time. `--outdir` (default dist) says where.
 */
const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } }, strict: true });

/** The revision being built: BUILD_REVISION (a container build has no .git), else git, else "unknown"; never fails. */
function revision(): string {
  const given = process.env.BUILD_REVISION?.trim();
  if (given) return given;
  const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const hash = git.status === 0 ? git.stdout.trim() : '';
  return /^[0-9a-f]{7,40}$/.test(hash) ? hash : 'unknown';
}

/** contracts/contract-schemas.ts, replaced in the bundle by the validators compiled now. */
const aheadOfTimeValidators: Plugin = {
  name: 'contract-schemas-ahead-of-time',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/contract-schemas$/ }, (args) => ({ path: resolve(args.resolveDir, `${args.path}.ts`), namespace: 'ahead-of-time' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'ahead-of-time' }, () => ({ contents: standaloneContractSchemas(), loader: 'js', resolveDir: process.cwd() }));
  },
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
await build({
  entryPoints: ['monitor/monitor-main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  packages: 'external',
  logLevel: 'warning',
  outdir: values.outdir,
  plugins: [aheadOfTimeValidators],
  define: { CAPI_BUILD_VERSION: JSON.stringify(version), CAPI_BUILD_REVISION: JSON.stringify(revision()) },
});
