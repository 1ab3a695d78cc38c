import { parseArgs } from 'node:util';
import { ConfigError } from '../client/config-error';

/** The command line of bin/capi-monitor, in the conventions of Prometheus exporters. */
export interface MonitorFlags {
  readonly help: boolean;
  /** Validate the configuration, print what would run, exit 0 (like blackbox_exporter's --config.check). */
  readonly check: boolean;
  /** Refuse to run without CAPI_BASE_URL: `npm run monitor`, meant for real environments. */
  readonly requireTarget: boolean;
  /** Variables the flags set; a flag wins over the same variable from the environment. */
  readonly environment: Readonly<Record<string, string>>;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  check: { type: 'boolean' },
  'require-target': { type: 'boolean' },
  'web.listen-address': { type: 'string' },
  'web.config.file': { type: 'string' },
} as const;

export const MONITOR_HELP = `Usage: bin/capi-monitor [flags]

Probes POST /v1/client/customer/search on a schedule, judges every answer by the contract and
serves Prometheus metrics, the operator page and readiness. Configured by environment variables
(see docs/monitor-operations.md); the flags below set some of them and win over the environment.

Flags:
  -h, --help                   Show this help and exit.
      --check                  Validate the configuration, print what would run, exit 0 (2 when invalid).
      --require-target         Refuse to run without CAPI_BASE_URL (npm run monitor sets it).
      --web.listen-address=ADDRESS
                               host:port to serve on (MONITOR_HOST, MONITOR_PORT); ":9464" for every
                               interface, "[::1]:9464" for IPv6. Default 127.0.0.1:9464.
      --web.config.file=PATH   Exporter-toolkit web configuration, TLS and basic auth (MONITOR_WEB_CONFIG).
                               Default none: plain HTTP, open.

Exit codes: 0 stopped by SIGTERM or SIGINT after the running probes finished (or --check passed),
1 the server could not start, 2 invalid flags or configuration.
`;

/** host:port as exporters take it: ":port" binds every interface, an IPv6 host goes in brackets. */
function listenAddress(value: string): Record<string, string> {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) {
    throw new ConfigError([{ variable: '--web.listen-address', message: `"${value}" is not host:port (e.g. 127.0.0.1:9464, :9464 or [::1]:9464)` }]);
  }
  return { MONITOR_HOST: match[1] ?? (match[2] || '0.0.0.0'), MONITOR_PORT: String(port) };
}

/**
 * Reads the flags; an unknown flag or a stray argument is refused with one ConfigError naming it
 * (exit 2), never ignored, so a typo cannot leave a setting at its default unnoticed.
 */
export function parseMonitorFlags(args: readonly string[]): MonitorFlags {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const flag = /'([^' ]+)/.exec((error as Error).message)?.[1] ?? args.join(' ');
    const message =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? 'is not a known flag (known: --help, --check, --require-target, --web.listen-address, --web.config.file; see --help)'
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'is not a flag: the monitor takes no arguments (see --help)'
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? 'takes a value (--web.listen-address=:9464) or none (--check), not the other way round (see --help)'
            : 'is not valid here (see --help)';
    throw new ConfigError([{ variable: flag, message }], { cause: error });
  }
  const address = values['web.listen-address'];
  const webConfig = values['web.config.file'];
  return {
    help: values.help ?? false,
    check: values.check ?? false,
    requireTarget: values['require-target'] ?? false,
    environment: {
      ...(address !== undefined ? listenAddress(address) : {}),
      ...(webConfig !== undefined ? { MONITOR_WEB_CONFIG: webConfig } : {}),
    },
  };
}
