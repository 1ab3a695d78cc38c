import { OPERATION_PATH } from '../contracts/contract-reader';
import type { RuleName } from '../contracts/contract-rules';
import { rawBodyBytes, requestAccept, requestBodyBytes, requestMethod, type ExchangeRequest, type RawBody } from '../contracts/exchange';
import { TARGET_VARIABLES, type Environment } from '../client/target-config';
import { EXPECT_CONTINUE_WAIT_MS, OWN_TOKEN_CREDENTIALS } from '../client/search-client';
import { CAMPAIGN_VARIABLES } from './campaign-config';
import type { ContractCase } from '../cases/contract-case';
import { maskPii } from './mask-pii';

/** Largest body written into a curl line; past it the line points at the report attachment. */
const CURL_BODY_LIMIT = 2048;

/**
 * Generated valid and invalid requests are synthetic; fixed cases and known-customer searches carry
 * the profile's customer, whose data is masked unless the user asked to see it.
 */
export function holdsCustomerData(item: ContractCase): boolean {
  return item.origin === undefined || item.origin.generator === 'known-customer';
}

/** A raw body as one line of a report: its text when it is UTF-8, else `base64:` and its bytes. */
export function describeRawBody(raw: RawBody): string {
  return 'utf8' in raw ? raw.utf8 : `base64:${raw.base64}`;
}

/** The request as reports show it: masked when it carries customer data, unless `showPii`. */
export function reportableRequest(item: ContractCase, request: ExchangeRequest, showPii: boolean): { body: unknown; rawBody?: string; masked: boolean } {
  const masked = !showPii && holdsCustomerData(item);
  const body = masked ? maskPii(request.body) : request.body;
  const raw = request.rawBody;
  // Bytes that are not text cannot be masked character by character: they are shown as their length.
  const rawBody =
    raw === undefined ? undefined : !masked ? describeRawBody(raw) : 'utf8' in raw ? maskPii(raw.utf8) : `(${Buffer.from(raw.base64, 'base64').length} bytes, masked)`;
  return { body, ...(rawBody !== undefined ? { rawBody } : {}), masked };
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/** A curl line that sends the request again, with `$TOKEN` where the bearer token goes; `baseUrl` as the target configuration reads it (no trailing slash). */
export function curlLine(baseUrl: string, item: ContractCase, request: ExchangeRequest, showPii: boolean): string {
  const shown = reportableRequest(item, request, showPii);
  const raw = request.rawBody;
  // Bytes that are not UTF-8 text travel through base64 so that the shell sends them unchanged.
  const piped = raw !== undefined && 'base64' in raw && !shown.masked ? `printf %s ${shellQuote(raw.base64)} | base64 -d | ` : '';
  // GET and HEAD go without content (requestBodyBytes), so their line carries none either.
  const body = piped || requestBodyBytes(request) === undefined ? undefined : (shown.rawBody ?? (JSON.stringify(shown.body) as string | undefined));
  const own: Partial<Record<ExchangeRequest['auth'], string>> = OWN_TOKEN_CREDENTIALS;
  const credentials = own[request.auth] === undefined ? `Bearer $${request.auth.toUpperCase().replace(/-/g, '_')}_TOKEN` : `${own[request.auth]}$TOKEN`;
  const auth = request.auth === 'none' ? '' : ` -H "Authorization: ${credentials}"`;
  // curl sends `Accept: */*` of its own unless told to send none (`-H 'Accept:'`).
  const accept = `Accept:${requestAccept(request) === undefined ? '' : ` ${requestAccept(request)}`}`;
  const prefer = `${request.prefer !== undefined ? ` -H 'Prefer: code=${request.prefer}'` : ''}${request.expectContinue ? ` -H 'Expect: 100-continue' --expect100-timeout ${EXPECT_CONTINUE_WAIT_MS / 1000}` : ''}${request.chunked ? " -H 'Transfer-Encoding: chunked'" : ''}`;
  const hiddenBytes = raw !== undefined && 'base64' in raw && shown.masked;
  const data = piped
    ? ' --data-binary @-'
    : hiddenBytes
      ? ` --data-binary @request.bin  # ${rawBodyBytes(raw).length} bytes that are not UTF-8 text`
      : body === undefined ? '' : body.length > CURL_BODY_LIMIT ? ` --data-binary @request.json  # ${body.length}-character body: see the report attachment` : ` --data-raw ${shellQuote(body)}`;
  const note = shown.masked ? '  # customer data masked: CONTRACT_SHOW_PII=1 shows it' : '';
  return `${piped}curl -sS ${requestMethod(request) === 'HEAD' ? '--head' : `-X ${requestMethod(request)}`} ${shellQuote(`${baseUrl}${OPERATION_PATH}`)}${auth} -H ${shellQuote(`Content-Type: ${request.contentType ?? 'application/json'}`)} -H ${shellQuote(accept)}${prefer}${data}${note}`;
}

/**
 * Set variables that do not shape what a run sends or how it is judged, or that must never be
 * printed: credentials (the user has them already), where reports go, masking. The seed and the
 * replayed case are written by `rerunCommand` itself. A rerun never records a behaviour baseline.
 */
const NOT_IN_RERUN: ReadonlySet<string> = new Set([
  'CONNECTID_CLIENT_ID',
  'CONNECTID_CLIENT_SECRET',
  'CONTRACT_EXPIRED_TOKEN',
  'CONTRACT_REPORT_DIR',
  'CONTRACT_SHOW_PII',
  'CONTRACT_SEED',
  'CONTRACT_REPLAY',
  'CONTRACT_BASELINE',
]);

/** Every set variable that shaped this run (target, fault mode, case counts, limits, deadline...), as `NAME=value` words for a shell. */
export function runShapingVariables(env: Environment): string[] {
  return [...TARGET_VARIABLES, ...CAMPAIGN_VARIABLES]
    .flatMap((name) => {
      const value = env[name]?.trim();
      if (NOT_IN_RERUN.has(name) || !value) return [];
      return [`${name}=${/^[\w@%+=:,./-]+$/.test(value) ? value : shellQuote(value)}`];
    });
}

/**
 * The one-line command that reruns this failure: the run's seed and every variable that shaped it,
 * and for a generated case its path, so that it is sent alone.
 */
export function rerunCommand(item: ContractCase, rule: RuleName, seed: number, shaping: readonly string[] = []): string {
  const replay = item.origin ? [`CONTRACT_SEED=${item.origin.seed}`, `CONTRACT_REPLAY=${item.origin.generator}:${item.origin.path}`] : [`CONTRACT_SEED=${seed}`];
  return [...replay, ...shaping, `npm run contract -- --grep ${rule}`].join(' ');
}
