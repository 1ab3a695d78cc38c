import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { MonitorMetrics } from './monitor-metrics';
import type { ProbeHistory } from './probe-history';
import { renderStatusPage, type StatusPageInfo } from './status-page';
import type { ProbeEvidence } from './probe-evidence';
import type { WebSecurity } from './web-config';

export interface MonitorServer {
  /** e.g. http://127.0.0.1:9464; https:// with TLS from MONITOR_WEB_CONFIG. */
  readonly url: string;
  close(): Promise<void>;
}

export interface MonitorServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: MonitorMetrics;
  readonly history: ProbeHistory;
  readonly evidence?: ProbeEvidence;
  /** The probes the monitor runs, to tell an unknown probe from one without evidence yet. */
  readonly probes: readonly string[];
  /** What the / page shows besides the history, read at each request. */
  readonly page: () => StatusPageInfo;
  readonly lastRunAt: () => Date | undefined;
  /** Whether the monitor is running its schedule (false while starting and stopping): GET /-/ready. */
  readonly ready: () => boolean;
  /** TLS and basic auth from MONITOR_WEB_CONFIG; none serves plain HTTP to anyone. */
  readonly security?: WebSecurity;
}

type Route = (options: MonitorServerOptions, response: ServerResponse) => void;

const text = (response: ServerResponse, status: number, body: string): void => {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(body);
};

const routes: Readonly<Record<string, Route>> = {
  '/metrics': (options, response) => {
    options.metrics.exposition().then(
      (body) => response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(body),
      () => response.writeHead(500).end('metrics unavailable\n'),
    );
  },
  '/healthz': (options, response) => {
    const last = options.lastRunAt();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', lastRun: last ? last.toISOString() : null }));
  },
  // As Prometheus' own: 200 while the monitor runs its schedule, 503 while it starts or stops (container HEALTHCHECK).
  '/-/ready': (options, response) => (options.ready() ? text(response, 200, 'ready\n') : text(response, 503, 'not ready: starting or stopping\n')),
  '/': (options, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(renderStatusPage(options.history, options.page()));
  },
};

/** GET /evidence/<probe>.har: the last violating exchanges as HAR 1.2, or a 404 that says why there are none. */
function serveEvidence(options: MonitorServerOptions, probe: string, response: ServerResponse): void {
  const har = options.evidence?.har(probe);
  if (har !== undefined) {
    response
      .writeHead(200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${probe}.har"`, 'cache-control': 'no-store' })
      .end(har);
  } else if (!options.probes.includes(probe)) {
    text(response, 404, `unknown probe "${probe}": the probes are ${options.probes.join(', ')}\n`);
  } else {
    text(response, 404, `no violation recorded yet for probe "${probe}" since the monitor started: evidence is the last answer that broke a rule, kept in memory\n`);
  }
}

function requestHandler(options: MonitorServerOptions): RequestListener {
  const serve = (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (route) return route(options, response);
    const evidence = /^\/evidence\/([a-z-]+)\.har$/.exec(path);
    if (evidence) return serveEvidence(options, evidence[1] ?? '', response);
    text(response, 404, 'not found\n');
  };
  const authorize = options.security?.authorize;
  if (!authorize) return serve;
  // Every path needs credentials when users are configured, as with exporter-toolkit.
  return (request, response) => {
    authorize(request.headers.authorization).then(
      (valid) => {
        if (valid) serve(request, response);
        else response.writeHead(401, { 'www-authenticate': 'Basic realm="customer-search-monitor"', 'content-type': 'text/plain' }).end('Unauthorized\n');
      },
      () => response.writeHead(500).end(),
    );
  };
}

/** Serves GET /metrics, /healthz, /-/ready, / (the operator page) and /evidence/<probe>.har (last violation, HAR 1.2). */
export async function startMonitorServer(options: MonitorServerOptions): Promise<MonitorServer> {
  const handler = requestHandler(options);
  const tls = options.security?.tls;
  const server: Server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, minVersion: tls.minVersion, ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}) }, handler)
    : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
