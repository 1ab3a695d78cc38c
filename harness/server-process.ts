import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitUntilReady } from './wait-until-ready';

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Ends the process (SIGTERM), waits for it, and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a server binary (Prometheus, Alertmanager) on a free loopback port, in a folder of its own
 * for configuration and data, and waits until `readyPath` answers; a server that exits or never
 * gets ready is killed, and the error quotes the end of its log.
 *
 * @param args the arguments, given the folder and the port
 */
export async function startServerProcess(options: {
  binary: string;
  folderPrefix: string;
  args: (dir: string, port: number) => string[];
  readyPath: string;
  /** Writes the server's files into its folder before it starts. */
  prepare?: (dir: string) => void;
}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), options.folderPrefix));
  options.prepare?.(dir);
  const port = await freePort();
  const child = spawn(options.binary, options.args(dir, port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}${options.readyPath}`, { timeoutMs: 20_000, gaveUp: () => child.exitCode !== null, describe: () => log.slice(-2000) });
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
