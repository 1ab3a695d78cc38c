import { isFaultMode } from './fault-modes';
import { isOutageMode } from './outage-modes';
import { startSimulator } from './provider-simulator';

/*
 * `npm run simulator`: the embedded provider double on its own, for trying clients by hand.
 * SIMULATOR_PORT (default 4010), SIMULATOR_FAULT (a fault mode), SIMULATOR_OUTAGE (an outage mode).
 */
const port = Number(process.env.SIMULATOR_PORT ?? '4010');
const fault = process.env.SIMULATOR_FAULT?.trim();
const outage = process.env.SIMULATOR_OUTAGE?.trim();
const problems: string[] = [];
if (!Number.isInteger(port) || port < 0 || port > 65_535) problems.push('SIMULATOR_PORT: must be a port number');
if (fault && !isFaultMode(fault)) problems.push('SIMULATOR_FAULT: is not a fault mode (see simulator/fault-modes.ts)');
if (outage && !isOutageMode(outage)) problems.push('SIMULATOR_OUTAGE: is not an outage mode (see simulator/outage-modes.ts)');
if (problems.length > 0) {
  process.stderr.write(`Invalid configuration: ${problems.join('; ')}\n`);
  process.exit(2);
}
const simulator = await startSimulator({
  port,
  ...(fault && isFaultMode(fault) ? { fault } : {}),
  ...(outage && isOutageMode(outage) ? { outage } : {}),
});
process.stdout.write(
  [
    `Simulator on ${simulator.baseUrl}`,
    `  CAPI_BASE_URL=${simulator.baseUrl}`,
    `  CONNECTID_TOKEN_URL=${simulator.tokenUrl}`,
    `  CONNECTID_CLIENT_ID=${simulator.clientId}`,
    `  CONNECTID_CLIENT_SECRET=(the simulator's default, see simulator/provider-simulator.ts)`,
    '',
  ].join('\n'),
);
const stop = (): void => {
  simulator.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
