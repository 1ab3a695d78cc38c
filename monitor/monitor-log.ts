/** One structured log entry. Callers put no customer data, token, secret or URL query in it. */
export type LogEntry = { readonly level: 'info' | 'warn' | 'error'; readonly msg: string } & Readonly<Record<string, unknown>>;

export type MonitorLog = (entry: LogEntry) => void;

/** Writes one JSON line per entry to stdout (info) or stderr (warn, error). */
export const jsonLineLog: MonitorLog = (entry) => {
  const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
  (entry.level === 'info' ? process.stdout : process.stderr).write(line);
};
