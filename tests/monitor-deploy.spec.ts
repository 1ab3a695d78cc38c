import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { parse } from 'yaml';
import { requireBinary } from './fixtures/system-binary';

/*
 * The container files, checked without Docker (no image can be pulled here): compose.yaml's
 * services and the files it mounts, the Dockerfile's user, command and health check, and the
 * Prometheus and Alertmanager configurations as compose mounts them, by their own tools.
 */
interface Service {
  readonly image?: string;
  readonly build?: { readonly context: string };
  readonly command?: readonly string[];
  readonly volumes?: readonly string[];
}
const compose = parse(readFileSync('compose.yaml', 'utf8')) as { services: Record<string, Service> };

/** A service's bind mounts: host file (relative to the project) and path in the container. */
function mounts(service: string): { host: string; container: string }[] {
  return (compose.services[service]?.volumes ?? []).map((volume) => {
    const [host = '', container = ''] = volume.split(':');
    return { host, container };
  });
}

/** The files a service sees under `root`, copied into a folder of their own as the container would see them. */
function containerFolder(service: string, root: string): string {
  const dir = mkdtempSync(join(tmpdir(), `capi-compose-${service}-`));
  for (const { host, container } of mounts(service).filter((mount) => root === '/' || mount.container.startsWith(`${root}/`))) {
    const target = join(dir, posix.relative(root, container));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(host, target);
  }
  return dir;
}

test('compose.yaml runs the monitor, Prometheus, Alertmanager and Grafana, and every file it mounts exists', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['alertmanager', 'grafana', 'monitor', 'prometheus']);
  expect(compose.services.monitor?.build?.context).toBe('.');
  expect(existsSync('Dockerfile')).toBe(true);
  for (const service of Object.keys(compose.services)) {
    for (const { host, container } of mounts(service)) {
      expect(host, `${service} mounts ${host}`).toMatch(/^\.\//);
      expect(existsSync(host), `${service} mounts ${host}`).toBe(true);
      expect(container, `${service} mounts ${host}`).toMatch(/^\//);
    }
  }
  // Grafana gets the dashboard where its provider looks, and a datasource on the Prometheus service.
  const grafana = containerFolder('grafana', '/');
  const provider = parse(readFileSync(join(grafana, 'etc/grafana/provisioning/dashboards/customer-search.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
  const dashboardPath = provider.providers[0]?.options.path ?? '';
  expect(existsSync(join(grafana, dashboardPath.slice(1), 'customer-search-dashboard.json'))).toBe(true);
  const datasources = parse(readFileSync(join(grafana, 'etc/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as { datasources: { type: string; url: string }[] };
  expect(datasources.datasources).toEqual([expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090' })]);
});

test('the Dockerfile runs the production command as an unprivileged user, with a health check on /-/ready', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const user = /^USER (\S+)$/m.exec(runtime)?.[1];
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
  // The command of `npm run monitor`, after its build: the same entry point and flags.
  const monitorScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.monitor ?? '';
  const command = /exec (.+)$/.exec(monitorScript)?.[1]?.split(' ');
  expect(JSON.parse(/^CMD (\[.+\])$/m.exec(runtime)?.[1] ?? '[]')).toEqual(command);
  expect(/^HEALTHCHECK .*\\\n\s+CMD .*\/-\/ready/m.test(runtime)).toBe(true);
  // Every file the build copies from the context exists (and is not left out by .dockerignore).
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter(Boolean);
  for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
    for (const source of (sources ?? '').split(' ')) {
      expect(existsSync(source), `COPY ${source}`).toBe(true);
      expect(ignored, `COPY ${source}`).not.toContain(source);
    }
  }
});

test('promtool accepts the Prometheus configuration as compose mounts it, rule files included', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  const dir = containerFolder('prometheus', '/etc/prometheus');
  const run = spawnSync(promtool, ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  expect(run.stdout).toContain('SUCCESS: 2 rule files found');
  // It scrapes the monitor service on the port the image serves, and alerts the Alertmanager service.
  const config = readFileSync(join(dir, 'prometheus.yml'), 'utf8');
  expect(config).toContain("targets: ['monitor:9464']");
  expect(config).toContain("targets: ['alertmanager:9093']");
});

test('amtool accepts the Alertmanager configuration as compose mounts it', () => {
  const amtool = requireBinary('amtool', 'prometheus-alertmanager');
  const dir = containerFolder('alertmanager', '/etc/alertmanager');
  const run = spawnSync(amtool, ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  expect(run.stdout).toContain('SUCCESS');
});
