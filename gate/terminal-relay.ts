import { PROGRESS_PREFIX } from './campaign-progress';

/** Where the relay writes: a terminal or a pipe. */
export interface RelayOutput {
  write(text: string): unknown;
}

/**
 * Passes the Playwright run's output through line by line. On a terminal the campaign's progress
 * lines replace each other in place, as one status line; the last one stays when any other line
 * comes. Elsewhere (CI logs) every line passes as it is.
 */
export class TerminalRelay {
  private partial = '';
  private statusShown = false;

  constructor(
    private readonly output: RelayOutput,
    private readonly inPlace: boolean,
    /** The terminal's width in columns: a status line longer than that would wrap and could not be redrawn. Default 120. */
    private readonly columns: () => number = () => 120,
  ) {}

  write(chunk: string): void {
    const lines = `${this.partial}${chunk}`.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** What is left of an unfinished line, and the status line ended, when the run ends. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
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
