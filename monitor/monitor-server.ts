import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { MonitorMetrics } from './monitor-metrics';
import type { ProbeHistory } from './probe-history';
import { renderStatusPage } from './status-page';
import type { MaintenanceWindow } from './maintenance-windows';
import type { ProbeEvidence } from './probe-evidence';
import type { WebSecurity } from './web-config';

export interface MonitorServer {
  /** e.g. http://127.0.0.1:9464; https:// with TLS from MONITOR_WEB_CONFIG. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves GET /metrics, GET /healthz, GET / (recent probes) and GET /evidence/<probe>.har (last violation, HAR 1.2). */
export async function startMonitorServer(options: {
  readonly host: string;
  readonly port: number;
  readonly metrics: MonitorMetrics;
  readonly history: ProbeHistory;
  readonly evidence?: ProbeEvidence;
  readonly info: { readonly target: string; readonly schedule: string; readonly refreshSeconds: number };
  readonly lastRunAt: () => Date | undefined;
  /** The maintenance window in force now, if any. */
  readonly maintenance?: () => MaintenanceWindow | undefined;
  /** TLS and basic auth from MONITOR_WEB_CONFIG; none serves plain HTTP to anyone. */
  readonly security?: WebSecurity;
  /** The page's behaviour drift section (monitor/behaviour-drift-gauge.ts). Default none. */
  readonly behaviourDrift?: () => string;
}): Promise<MonitorServer> {
  const serve = (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end('metrics unavailable\n'),
      );
      return;
    }
    if (path === '/healthz') {
      const last = options.lastRunAt();
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'ok', lastRun: last ? last.toISOString() : null }));
      return;
    }
    if (path === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(renderStatusPage(options.history, { ...options.info, maintenance: options.maintenance?.(), hasEvidence: (probe) => options.evidence?.has(probe) ?? false, behaviourDrift: options.behaviourDrift?.() }));
      return;
    }
    const evidence = /^\/evidence\/([a-z-]+)\.har$/.exec(path ?? '');
    if (evidence) {
      const probe = evidence[1] ?? '';
      const har = options.evidence?.har(probe);
      if (har !== undefined) {
        response
          .writeHead(200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${probe}.har"`, 'cache-control': 'no-store' })
          .end(har);
        return;
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };
  const authorize = options.security?.authorize;
  // Every path needs credentials when users are configured, as with exporter-toolkit.
  const handler: RequestListener = authorize
    ? (request, response) => {
        authorize(request.headers.authorization).then(
          (valid) => {
            if (valid) serve(request, response);
            else response.writeHead(401, { 'www-authenticate': 'Basic realm="customer-search-monitor"', 'content-type': 'text/plain' }).end('Unauthorized\n');
          },
          () => response.writeHead(500).end(),
        );
      }
    : serve;
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
