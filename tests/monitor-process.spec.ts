import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadMonitorConfig } from '../monitor/monitor-config';
import { sampleValue } from './fixtures/monitor-harness';
import { configErrorMessage } from './fixtures/config-error-message';
import { childEnvironment } from './fixtures/child-environment';
import { builtMonitor } from '../harness/built-monitor';
import { withPortLock } from './fixtures/port-lock';
import { requireBinary } from './fixtures/system-binary';
import { commandLine, descendants, isAlive } from './fixtures/process-tree';
import { startSimulator } from '../simulator/provider-simulator';
import { simulatorTargetEnvironment } from '../harness/simulator-target-environment';
import { freePort } from '../harness/free-port';
import { waitUntilReady } from '../harness/wait-until-ready';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { standaloneContractSchemas } from '../monitor/build/standalone-contract-schemas';
import { contractSchema } from '../contracts/contract-schemas';
import { buildContractCases } from '../cases/contract-cases';
import { documentedProfile } from '../client/target-profile';

/* The monitor as a process, built as `npm start` builds it: defaults, SIGTERM, configuration refused at start. */
function startMonitorProcess(env: Record<string, string>, args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(builtMonitor().entry, args, { env: childEnvironment(env) });
}

function collect(child: ChildProcessWithoutNullStreams): { out: () => string; exit: Promise<number | null> } {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { out: () => out, exit: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
}

test('npm start serves live metrics on the default port 9464 within one interval, and exits 0 on SIGTERM', async () => {
  test.setTimeout(180_000);
  // The default port is one per machine: repeats and workers take turns on it.
  await withPortLock(9464, async () => {
    const child = startMonitorProcess({});
    const { out, exit } = collect(child);
    try {
      let text = '';
      // Within one interval of the default schedule (30 s): the first run starts at once.
      await expect
        .poll(async () => {
          text = await fetch('http://127.0.0.1:9464/metrics').then((response) => response.text(), () => '');
          return sampleValue(text, 'customer_search_probe_success{probe="phone-search"}');
        }, { timeout: 30_000 })
        .toBe(1);
      expect(sampleValue(text, 'customer_search_probe_success{probe="no-token-refused"}')).toBe(1);
      // The build says what runs: package.json's version and, in a git checkout, the revision built.
      const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
      const revision = git.status === 0 ? git.stdout.trim() : 'unknown';
      const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      expect(sampleValue(text, `customer_search_build_info{version="${version}",revision="${revision}",node="${process.version}"}`)).toBe(1);
      const health = (await (await fetch('http://127.0.0.1:9464/healthz')).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
    expect(out()).toContain('"msg":"monitor stopped"');
  });
});

test('npm run monitor refuses to start without a real target, before anything is scheduled', async () => {
  const { out, exit } = collect(startMonitorProcess({ MONITOR_PORT: '0' }, ['--require-target']));
  expect(await exit).toBe(2);
  expect(out()).toBe('Invalid configuration: CAPI_BASE_URL: is required by npm run monitor (npm start monitors the embedded simulator)\n');
});

test('--check validates the configuration and says what would run, without starting anything', async () => {
  const { out, exit } = collect(
    startMonitorProcess({ CAPI_BASE_URL: 'https://api-test.mediaconnect.no/capi', CONNECTID_CLIENT_ID: 'id', CONNECTID_CLIENT_SECRET: 'never-shown' }, ['--require-target', '--check']),
  );
  expect(await exit).toBe(0);
  expect(out()).toBe(
    'Configuration OK: probing https://api-test.mediaconnect.no/capi on schedule "*/30 * * * * *" (UTC, every 30 s at most), ' +
      'deadline 10000 ms, degraded above 2000 ms, serving 127.0.0.1:9464\n',
  );
});

const configMessage = (env: Record<string, string>): string => configErrorMessage(() => loadMonitorConfig(env));

test('an invalid cron expression is refused, naming MONITOR_SCHEDULE', () => {
  expect(configMessage({ MONITOR_SCHEDULE: '61 * * * *' })).toBe(
    'Invalid configuration: MONITOR_SCHEDULE: is not a valid cron expression (61 is a invalid expression for minute)',
  );
});

test('MONITOR_RUNBOOK_URL must be an absolute http(s) URL without an anchor', () => {
  expect(configMessage({ MONITOR_RUNBOOK_URL: 'docs/runbook.md' })).toBe(
    'Invalid configuration: MONITOR_RUNBOOK_URL: must be an absolute http(s) URL of the runbook document, e.g. https://git.example.com/capi-contract/blob/main/docs/runbook.md; got "docs/runbook.md"',
  );
  expect(configMessage({ MONITOR_RUNBOOK_URL: 'https://git.example.com/runbook.md#top' })).toBe("Invalid configuration: MONITOR_RUNBOOK_URL: must not end in an #anchor: each link appends its own entry's");
  expect(loadMonitorConfig({ MONITOR_RUNBOOK_URL: 'https://git.example.com/runbook.md' }).runbookBase).toBe('https://git.example.com/runbook.md');
});

test('a deadline not shorter than the interval is refused', () => {
  expect(configMessage({ MONITOR_SCHEDULE: '*/5 * * * * *', MONITOR_TIMEOUT_MS: '5000' })).toBe(
    "Invalid configuration: MONITOR_TIMEOUT_MS: must be shorter than the schedule's interval (5000 ms)",
  );
});

test('an external target without credentials, or with a URL that does not parse, is refused', () => {
  expect(configMessage({ CAPI_BASE_URL: 'https://api.mediaconnect.no/capi' })).toBe(
    'Invalid configuration: CONNECTID_CLIENT_ID: is required with CAPI_BASE_URL; CONNECTID_CLIENT_SECRET: is required with CAPI_BASE_URL',
  );
  expect(configMessage({ CAPI_BASE_URL: 'https//api', CONNECTID_CLIENT_ID: 'i', CONNECTID_CLIENT_SECRET: 's', MONITOR_PORTT: '1' })).toBe(
    'Invalid configuration: MONITOR_PORTT: is not a known setting; did you mean MONITOR_PORT?; ' +
      'CAPI_BASE_URL: is not a URL (expected e.g. https://api-test.mediaconnect.no/capi)',
  );
});

test('defaults: every 30 s in UTC, port 9464, a 10 s deadline and a 2 s degraded threshold', () => {
  expect(loadMonitorConfig({})).toMatchObject({ schedule: '*/30 * * * * *', intervalMs: 30_000, port: 9464, host: '127.0.0.1', timeoutMs: 10_000, degradedMs: 2_000 });
});

/** The source files in the bundle's start-up chunks (monitor-main.js and what it imports statically), per esbuild's metafile. */
function startupInputs(dir: string): string[] {
  const { outputs } = JSON.parse(readFileSync(join(dir, 'metafile.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
  };
  const byName = new Map(Object.entries(outputs).map(([path, output]) => [path.split('/').pop() ?? path, output]));
  const loaded = new Set<string>();
  const visit = (name: string): void => {
    const output = byName.get(name);
    if (!output || loaded.has(name)) return;
    loaded.add(name);
    for (const { path, kind } of output.imports) if (kind === 'import-statement') visit(path.split('/').pop() ?? path);
  };
  visit('monitor-main.js');
  return [...loaded].flatMap((name) => Object.keys(byName.get(name)?.inputs ?? {}));
}

test('the build is plain JavaScript that loads the simulator only when no real target is configured', () => {
  const { dir } = builtMonitor();
  const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
  const simulatorChunks = files.filter((name) => readFileSync(join(dir, name), 'utf8').includes('function startSimulator('));
  expect(simulatorChunks).toHaveLength(1);
  // Follow the static imports from the entry point: the simulator's chunk is never among them.
  const reached = staticChunks(dir, 'monitor-main.js');
  expect([...reached]).not.toContain(simulatorChunks[0]);
  expect(readFileSync(join(dir, 'monitor-main.js'), 'utf8')).toMatch(new RegExp(`import\\("\\./${(simulatorChunks[0] as string).replace('.', '\\.')}"\\)`));
});

test('the build loads the YAML parser and bcrypt only for a monitor with MONITOR_WEB_CONFIG', () => {
  const { dir } = builtMonitor();
  const inPackage = (name: string) => (path: string): boolean => path.includes(`node_modules/${name}/`);
  const startup = startupInputs(dir);
  expect(startup.some(inPackage('prom-client'))).toBe(true);
  expect(startup.some(inPackage('yaml'))).toBe(false);
  expect(startup.some(inPackage('bcryptjs'))).toBe(false);
  // Both are in the web configuration's chunk, loaded on demand.
  const { outputs } = JSON.parse(readFileSync(join(dir, 'metafile.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const webChunk = Object.values(outputs).find((output) => Object.keys(output.inputs).some(inPackage('bcryptjs')));
  expect(Object.keys(webChunk?.inputs ?? {}).some(inPackage('yaml'))).toBe(true);
});

test('a bad MONITOR_WEB_CONFIG or MONITOR_MAINTENANCE stops the process at start with exit 2, naming the variable and the key or entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capi-monitor-config-'));
  writeFileSync(join(dir, 'web.yml'), 'basic_auth_users:\n  alice: not-a-hash\n');
  writeFileSync(join(dir, 'maintenance.json'), '[{"start": "2026-12-01T22:00:00Z", "end": "2026-12-01T21:00:00Z", "reason": "upgrade"}]');
  const web = collect(startMonitorProcess({ MONITOR_PORT: '0', MONITOR_WEB_CONFIG: join(dir, 'web.yml') }, ['--check']));
  expect(await web.exit).toBe(2);
  expect(web.out()).toBe('Invalid configuration: MONITOR_WEB_CONFIG: basic_auth_users.alice: is not a bcrypt hash ($2y$10$ followed by 53 characters; e.g. htpasswd -nBC 10 user)\n');
  const maintenance = collect(startMonitorProcess({ MONITOR_PORT: '0', MONITOR_MAINTENANCE: join(dir, 'maintenance.json') }, ['--check']));
  expect(await maintenance.exit).toBe(2);
  expect(maintenance.out()).toBe('Invalid configuration: MONITOR_MAINTENANCE: entry 1 ("upgrade") ends (2026-12-01T21:00:00Z) before it starts (2026-12-01T22:00:00Z)\n');
});

/** Whether nothing listens on the loopback port any more. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** The chunks of a build that `entry` reaches by static imports, itself included. */
function staticChunks(dir: string, entry: string): Set<string> {
  const reached = new Set<string>();
  const visit = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    const text = readFileSync(join(dir, name), 'utf8');
    for (const [, target] of text.matchAll(/^import[^'"]*["']\.\/([^'"]+)["']/gm)) visit(target as string);
  };
  visit(entry);
  return reached;
}

test('as PID 1 in its own namespace, SIGTERM lets the running probes finish, exits 0 and leaves nothing listening', async () => {
  test.setTimeout(120_000);
  const unshare = requireBinary('unshare', 'util-linux');
  // Every search answers after 2.5 s: the first run is still going when SIGTERM comes.
  const simulator = await startSimulator({ rateLimit: false, latencyMs: 2_500 });
  try {
    const port = await freePort();
    const env = { ...simulatorTargetEnvironment(simulator), MONITOR_ROTATION_RUNS: '0' };
    // A new PID namespace needs CAP_SYS_ADMIN: a user namespace of its own gives it to a non-root runner.
    const asRoot = process.getuid?.() === 0 ? [] : ['--user', '--map-root-user'];
    const child = spawn(unshare, [...asRoot, '--pid', '--fork', '--mount-proc', builtMonitor().entry, '--require-target', `--web.listen-address=127.0.0.1:${port}`], { env: childEnvironment(env) });
    const { out, exit } = collect(child);
    await waitUntilReady(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 60_000, gaveUp: () => child.exitCode !== null, describe: out });
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { lastRun: string | null };
    expect(health.lastRun).toBeNull();
    // The container's HEALTHCHECK: ready while the schedule runs.
    expect((await fetch(`http://127.0.0.1:${port}/-/ready`)).status).toBe(200);
    const monitor = descendants(child.pid as number).find((pid) => commandLine(pid).includes('monitor-main.js'));
    expect(monitor).toBeDefined();
    // NSpid lists the process's id in each namespace, innermost last: node itself is PID 1, no shell between.
    const nsPid = /^NSpid:\s+(.+)$/m.exec(readFileSync(`/proc/${monitor}/status`, 'utf8'))?.[1]?.trim().split(/\s+/).pop();
    expect(nsPid).toBe('1');
    process.kill(monitor as number, 'SIGTERM');
    expect(await exit).toBe(0);
    const lines = out().split('\n');
    const stopped = lines.findIndex((line) => line.includes('"msg":"monitor stopped"'));
    expect(stopped).toBeGreaterThan(0);
    // The 13 named probes of the run in flight were judged (slow, so degraded) before the monitor stopped.
    expect(lines.slice(0, stopped).filter((line) => line.includes('"msg":"probe"') && line.includes('"outcome":"degraded"'))).toHaveLength(13);
    expect(await connectionRefused(port)).toBe(true);
  } finally {
    await simulator.close();
  }
});

test('--help describes the flags; an unknown flag or a bad listen address is refused with one message and exit 2', async () => {
  const help = collect(startMonitorProcess({}, ['--help']));
  expect(await help.exit).toBe(0);
  expect(help.out()).toContain('--web.listen-address=ADDRESS');
  const unknown = collect(startMonitorProcess({}, ['--web.listen-adress=:9464']));
  expect(await unknown.exit).toBe(2);
  expect(unknown.out()).toBe(
    'Invalid configuration: --web.listen-adress: is not a known flag (known: --help, --check, --require-target, --web.listen-address, --web.config.file; see --help)\n',
  );
  const address = collect(startMonitorProcess({}, ['--web.listen-address=9464', '--check']));
  expect(await address.exit).toBe(2);
  expect(address.out()).toBe('Invalid configuration: --web.listen-address: "9464" is not host:port (e.g. 127.0.0.1:9464, :9464 or [::1]:9464)\n');
  const flags = collect(startMonitorProcess({ MONITOR_PORT: '1234' }, ['--web.listen-address=:9465', '--check']));
  expect(await flags.exit).toBe(0);
  expect(flags.out()).toContain('serving 0.0.0.0:9465');
});

test('the build compiles the contract validators ahead of time: the bundle loads no schema compiler, and they judge as the run-time ones do', async () => {
  const { dir } = builtMonitor();
  // What starts with the monitor: the packages it runs, never ajv's compiler, fast-check, the YAML parser,
  // bcrypt (a web configuration's, loaded with it), OpenTelemetry (prom-client's exemplars, off) or the simulator.
  const inputs = startupInputs(dir);
  const packages = new Set(inputs.flatMap((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? []));
  expect([...packages].sort()).toEqual(['bintrees', 'fastest-levenshtein', 'node-cron', 'prom-client', 'tdigest']);
  expect(inputs.filter((path) => path.startsWith('simulator/'))).toEqual([]);
  // The validators' only run-time helper from ajv, required from node_modules.
  const required = readdirSync(dir).flatMap((name) => [...readFileSync(join(dir, name), 'utf8').matchAll(/requireRuntime\("([^"]+)"\)/g)].map(([, from]) => from ?? ''));
  expect([...new Set(required)]).toEqual(['ajv/dist/runtime/ucs2length.js']);
  // The same module, loaded on its own, gives the same errors as the validators compiled at run time.
  const file = join(dir, 'contract-schemas-check.mjs');
  writeFileSync(file, standaloneContractSchemas());
  const ahead = (await import(pathToFileURL(file).href)) as { contractSchema: (pointer: string) => ValidateFunction };
  const bodies = buildContractCases(documentedProfile).map((item) => item.request.body);
  const values: [string, unknown][] = [
    ...bodies.map((body): [string, unknown] => ['#/components/schemas/SearchCustomerRequest', body]),
    ['#/components/schemas/SearchCustomerResponse', { customers: [{ customerNumber: 1, postalCode: 1234 }], extra: true }],
    ['#/components/schemas/SearchCustomerResponse', []],
    ['#/components/schemas/ErrorResponse', { exceptionType: 5 }],
    ['#/components/headers/X-RateLimit-Remaining/schema', -1],
  ];
  expect(values.length).toBeGreaterThan(100);
  for (const [pointer, value] of values) {
    const [compiledNow, compiledAhead] = [contractSchema(pointer), ahead.contractSchema(pointer)];
    expect([compiledAhead(value), compiledAhead.errors ?? null], `${pointer} ${JSON.stringify(value)}`).toEqual([compiledNow(value), compiledNow.errors ?? null]);
  }
});

test('SIGTERM to npm start stops the monitor too: nothing of it is left running or listening', async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const npm = spawn('npm', ['start', '--', `--web.listen-address=127.0.0.1:${port}`], { env: childEnvironment({}) });
  const { out, exit } = collect(npm);
  await waitUntilReady(`http://127.0.0.1:${port}/-/ready`, { timeoutMs: 120_000, gaveUp: () => npm.exitCode !== null, describe: out });
  const tree = descendants(npm.pid as number);
  // npm's shell execs bin/capi-monitor, which execs node: one process under npm, node itself.
  expect(tree.map(commandLine).filter((line) => line.includes('monitor-main.js'))).toHaveLength(1);
  npm.kill('SIGTERM');
  await exit;
  await expect.poll(() => tree.filter(isAlive), { timeout: 30_000 }).toEqual([]);
  expect(out()).toContain('"msg":"monitor stopped"');
  expect(await connectionRefused(port)).toBe(true);
});
