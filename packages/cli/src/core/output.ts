import type { OutStream } from './io.js';

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  env: NodeJS.ProcessEnv;
}

/** Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM=dumb. */
export function colorEnabled(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** How a command speaks: human text on a terminal, JSON with --json, only essentials with --quiet. */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly isTTY: boolean;
  readonly #stdout: OutStream;
  readonly #stderr: OutStream;

  constructor(stdout: OutStream, stderr: OutStream, options: OutputOptions) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.json = options.json;
    this.quiet = options.quiet;
    this.isTTY = stdout.isTTY === true;
    this.color = colorEnabled(stdout, options.env);
  }

  /** Writes lines to stdout as they are. */
  line(text = ''): void {
    this.#stdout.write(`${text}\n`);
  }

  /** Writes a note to stderr, unless --quiet or --json (whose stdout must stay parseable). */
  note(text: string): void {
    if (!this.quiet) this.#stderr.write(`${text}\n`);
  }

  /** Prints a command's result: `value` as JSON with --json, otherwise the human text (not with --quiet). */
  result(value: unknown, human: () => string, quietText?: () => string): void {
    if (this.json) {
      this.line(JSON.stringify(value, null, 2));
    } else if (this.quiet) {
      if (quietText) this.line(quietText());
    } else {
      this.line(human());
    }
  }

  /** `✓ message`, green on a colour terminal. */
  success(text: string): string {
    return `${this.paint('32', '✓')} ${text}`;
  }

  bold(text: string): string {
    return this.paint('1', text);
  }

  dim(text: string): string {
    return this.paint('2', text);
  }

  /** Rows as an aligned table on a terminal, as tab-separated lines without a header elsewhere. */
  table(headers: string[], rows: string[][]): string {
    if (!this.isTTY) return rows.map((row) => row.join('\t')).join('\n');
    const widths = headers.map((header, column) =>
      Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    const format = (cells: string[]) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd();
    return [this.bold(format(headers)), ...rows.map(format)].join('\n');
  }

  /** Reports an error on stderr. */
  error(text: string): void {
    this.#stderr.write(`${this.paintErr('31', 'Error:')} ${text}\n`);
  }

  paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  // stderr may be a terminal when stdout is a pipe; the same NO_COLOR rule holds.
  paintErr(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }
}
