import { PROGRESS_PREFIX } from './campaign-progress';

/** Where the relay writes: a terminal or a pipe. */
export interface RelayOutput {
  write(text: string): unknown;
}

/**
 * Passes the output of the gate's sources (Playwright's run, the campaign) through line by line,
 * each source's unfinished line kept apart so two sources never mix within a line. On a terminal
 * the campaign's progress lines replace each other in place, as one status line; the last one stays
 * when any other line comes. Elsewhere (CI logs) every line passes as it is.
 */
export class TerminalRelay {
  private readonly partials = new Map<string, string>();
  private statusShown = false;

  constructor(
    private readonly output: RelayOutput,
    private readonly inPlace: boolean,
    /** The terminal's width in columns: a status line longer than that would wrap and could not be redrawn. Default 120. */
    private readonly columns: () => number = () => 120,
  ) {}

  /** A chunk of one source's output (default the only source). */
  write(chunk: string, source = ''): void {
    const lines = `${this.partials.get(source) ?? ''}${chunk}`.split('\n');
    this.partials.set(source, lines.pop() ?? '');
    for (const line of lines) this.line(line);
  }

  /** What is left of every unfinished line, and the status line ended, when the run ends. */
  end(): void {
    for (const partial of this.partials.values()) if (partial) this.line(partial);
    this.partials.clear();
    this.commitStatus();
  }

  private line(line: string): void {
    if (this.inPlace && line.startsWith(PROGRESS_PREFIX)) {
      // Carriage return and erase-line: the new status overwrites the old one.
      this.output.write(`${this.statusShown ? '\r\u001b[2K' : ''}${line.slice(0, Math.max(20, this.columns() - 1))}`);
      this.statusShown = true;
      return;
    }
    this.commitStatus();
    this.output.write(`${line}\n`);
  }

  private commitStatus(): void {
    if (this.statusShown) this.output.write('\n');
    this.statusShown = false;
  }
}
