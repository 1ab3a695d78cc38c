import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../simulator/provider-simulator';
import { findBinary } from '../harness/find-binary';
import { freePort } from '../harness/free-port';
import { waitUntilReady } from '../harness/wait-until-ready';
import { processUsage } from './bench-stats';

/*
 * Monitor benchmark: CPU time per probe and resident memory after PROBES probes (default 10000),
 * for this monitor and for Debian's prometheus-blackbox-exporter running the same POST with the same
 * OAuth 2.0 client credentials against the same simulator, CONCURRENCY (default 4) probes at a time.
 */
const probes = Number(process.env.PROBES ?? '10000');
const concurrency = Number(process.env.CONCURRENCY ?? '4');
const simulator = await startSimulator({ rateLimit: false });
const body = JSON.stringify({ phoneNumber: '+4712345678' });

async function benchOurs(): Promise<{ cpuSeconds: number; rssBytes: number; heapAfterGcBytes: number }> {
  const child = spawn(process.execPath, ['--expose-gc', join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('bench', 'monitor-probe-loop.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      PROBES: String(probes),
      CONCURRENCY: String(concurrency),
      CAPI_BASE_URL: simulator.baseUrl,
      CONNECTID_TOKEN_URL: simulator.tokenUrl,
      CONNECTID_CLIENT_ID: simulator.clientId,
      CONNECTID_CLIENT_SECRET: simulator.clientSecret,
      CONTRACT_MAX_RPS: '100000',
      CONTRACT_MAX_RPM: '6000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`monitor probe loop exited ${String(code)}`);
  const result = JSON.parse(out) as { cpuSeconds: number; rssBytes: number; heapAfterGcBytes: number; failures: number };
  if (result.failures > 0) throw new Error(`${result.failures} of our probes failed`);
  return result;
}

async function benchBlackbox(binary: string): Promise<{ cpuSeconds: number; rssBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'capi-blackbox-'));
  const config = [
    'modules:',
    '  capi_search:',
    '    prober: http',
    '    timeout: 10s',
    '    http:',
    '      method: POST',
    '      headers:',
    '        Content-Type: application/json',
    '        Accept: application/json',
    `      body: '${body}'`,
    '      valid_status_codes: [200]',
    '      fail_if_body_not_matches_regexp: ["\\"customers\\""]',
    '      oauth2:',
    `        client_id: ${simulator.clientId}`,
    `        client_secret: ${simulator.clientSecret}`,
    `        token_url: ${simulator.tokenUrl}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'blackbox.yml'), config);
  const port = await freePort();
  const child = spawn(binary, [`--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/probe?module=capi_search&target=${encodeURIComponent(`${simulator.baseUrl}/v1/client/customer/search`)}`;
  await waitUntilReady(`http://127.0.0.1:${port}/-/healthy`, { timeoutMs: 10_000, gaveUp: () => child.exitCode !== null });
  const before = processUsage(child.pid as number);
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < probes) {
        const text = await (await fetch(url)).text();
        if (!/^probe_success 1$/m.test(text)) failures++;
      }
    }),
  );
  const after = processUsage(child.pid as number);
  child.kill('SIGTERM');
  if (failures > 0) throw new Error(`${failures} blackbox probes failed`);
  return { cpuSeconds: after.cpuSeconds - before.cpuSeconds, rssBytes: after.rssBytes };
}

const ours = await benchOurs();
const blackboxBinary = findBinary('prometheus-blackbox-exporter');
const theirs = blackboxBinary ? await benchBlackbox(blackboxBinary) : undefined;
await simulator.close();

const perProbe = (cpuSeconds: number): string => `${((cpuSeconds / probes) * 1e6).toFixed(0)} µs`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
process.stdout.write(`Monitor: ${probes} phone-search probes, ${concurrency} at a time, against the embedded simulator\n\n`);
process.stdout.write('| measure | capi-contract monitor | prometheus-blackbox-exporter |\n| --- | --- | --- |\n');
process.stdout.write(`| CPU time per probe | ${perProbe(ours.cpuSeconds)} | ${theirs ? perProbe(theirs.cpuSeconds) : 'not installed'} |\n`);
process.stdout.write(`| resident memory after the probes | ${mib(ours.rssBytes)} | ${theirs ? mib(theirs.rssBytes) : 'not installed'} |\n`);
process.stdout.write(`| JS heap in use after GC | ${mib(ours.heapAfterGcBytes)} | (Go runtime) |\n`);
process.stdout.write('| checks per probe | status, content type, response schema, cap, phone and known customer, rate-limit headers | status 200, body matches "customers" |\n\n');
