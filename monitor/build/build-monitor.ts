import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { standaloneContractSchemas } from './standalone-contract-schemas';

/*
 * `npm run build`: bundles monitor/monitor-main.ts into plain JavaScript (ESM, Node 20, the
 * packages it runs bundled in, the simulator and the web configuration split into chunks loaded on
 * demand), and
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

/*
 * prom-client loads @opentelemetry/api at start only to read the active span for exemplars, which the
 * monitor does not enable; loading it cost 6 MiB of resident memory. It is bundled as a module that
 * loads the real one from node_modules on first use, so exemplars still work if ever enabled.
 */
const lazyOpenTelemetry: Plugin = {
  name: 'opentelemetry-on-first-use',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@opentelemetry\/api$/ }, (args) =>
      args.namespace === 'on-first-use' ? { path: args.path, external: true } : { path: args.path, namespace: 'on-first-use' },
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'on-first-use' }, () => ({
      contents: [
        'let api;',
        "const load = () => (api ??= require('@opentelemetry/api'));",
        'module.exports = { get trace() { return load().trace; }, get context() { return load().context; } };',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/*
 * node-cron formats every date it schedules with Intl.DateTimeFormat, and the first Intl object a
 * process makes loads ICU's locale data, 6 MiB of the monitor's resident memory. The monitor schedules in
 * UTC only, so node-cron's two formatters are built on monitor/utc-date-time-format.ts instead, which
 * answers the same for UTC with Date arithmetic. The build fails if node-cron's source no longer
 * makes exactly those two, so an upgrade is looked at rather than silently left on ICU.
 */
const utcDatesForNodeCron: Plugin = {
  name: 'node-cron-utc-dates',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]node-cron[\\/].*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const formatters = source.split('new Intl.DateTimeFormat(').length - 1;
      if (formatters === 0 && !source.includes('Intl.')) return undefined;
      if (formatters !== 2 || source.split('Intl.').length - 1 !== 2) throw new Error(`${args.path}: expected node-cron's two Intl.DateTimeFormat formatters and no other Intl use; look at monitor/utc-date-time-format.ts`);
      const formatter = JSON.stringify(resolve('monitor/utc-date-time-format.ts'));
      return { contents: `import { UtcDateTimeFormat } from ${formatter};\n${source.replaceAll('new Intl.DateTimeFormat(', 'new UtcDateTimeFormat(')}`, loader: 'js' };
    });
  },
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const result = await build({
  entryPoints: ['monitor/monitor-main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  logLevel: 'warning',
  outdir: values.outdir,
  // The bundled CommonJS packages require Node's own modules; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as createRequireForPackages } from 'node:module'; const require = createRequireForPackages(import.meta.url);" },
  metafile: true,
  plugins: [aheadOfTimeValidators, lazyOpenTelemetry, utcDatesForNodeCron],
  define: { CAPI_BUILD_VERSION: JSON.stringify(version), CAPI_BUILD_REVISION: JSON.stringify(revision()) },
});
// What went into each file, for tests and for esbuild's analyser: what the monitor loads at start, and what only on demand.
writeFileSync(join(values.outdir, 'metafile.json'), JSON.stringify(result.metafile));
