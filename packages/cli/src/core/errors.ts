/** Exit codes scripts can rely on. */
export const ExitCode = { ok: 0, error: 1, usage: 2, notAuthenticated: 4 } as const;

/** An error the CLI reports as one line on stderr and turns into its exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.error) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** The command line itself is wrong: a missing or malformed flag (exit 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** No API key, or the server refused it (exit 4). */
export class NotAuthenticatedError extends CliError {
  constructor(
    message = 'Not authenticated. Run `keito auth login`, or set KEITO_API_KEY and KEITO_ACCOUNT_ID.',
  ) {
    super(message, ExitCode.notAuthenticated);
  }
}
