import { Command, CommanderError } from 'commander';
import { defineAuthLogin } from './commands/auth/login/login.js';
import { defineAuthLogout } from './commands/auth/logout/logout.js';
import { defineCompletion } from './commands/completion/completion.js';
import { defineConfigInit } from './commands/config/init/init.js';
import { defineConfigList } from './commands/config/list/list.js';
import { defineConfigSet } from './commands/config/set/set.js';
import { defineExpenseList } from './commands/expense/list/list.js';
import { defineExpenseLog } from './commands/expense/log/log.js';
import { defineReportTime } from './commands/report/time/time.js';
import { defineTimeDelete } from './commands/time/delete/delete.js';
import { defineTimeList } from './commands/time/list/list.js';
import { defineTimeLog } from './commands/time/log/log.js';
import { defineTimeStart } from './commands/time/start/start.js';
import { defineTimeStatus } from './commands/time/status/status.js';
import { defineTimeStop } from './commands/time/stop/stop.js';
import { defineWhoami } from './commands/whoami/whoami.js';
import { CliError, ExitCode } from './core/errors.js';
import type { Io } from './core/io.js';
import { colorEnabled } from './core/output.js';

/** The command tree; `completion` walks it to write the shell scripts. */
export function buildProgram(io: Io): Command {
  const program = new Command('keito')
    .description('Track time and log expenses in Keito, by hand, in CI or from inside an AI agent.')
    .version(io.version, '-V, --version', 'Show CLI version')
    .option('--json', 'Output in JSON format')
    .option('--quiet', 'Suppress non-essential output')
    .helpOption('-h, --help', 'Show help for any command')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text),
    })
    .showSuggestionAfterError(true)
    .exitOverride();
  program.configureHelp({ showGlobalOptions: true });

  const auth = program.command('auth').description('Log in and out');
  defineAuthLogin(auth, io);
  defineAuthLogout(auth, io);
  defineWhoami(program, io);

  const time = program.command('time').description('Track time: timers and completed blocks');
  defineTimeStart(time, io);
  defineTimeStop(time, io);
  defineTimeLog(time, io);
  defineTimeList(time, io);
  defineTimeStatus(time, io);
  defineTimeDelete(time, io);

  const expense = program.command('expense').description('Log and list expenses, LLM usage included');
  defineExpenseLog(expense, io);
  defineExpenseList(expense, io);

  const report = program.command('report').description('Reports: where the time went');
  defineReportTime(report, io);

  const config = program
    .command('config')
    .description('Read and write ~/.keito/config.toml and ./.keito.toml');
  defineConfigInit(config, io);
  defineConfigSet(config, io);
  defineConfigList(config, io);

  defineCompletion(program, io, () => program);
  return program;
}

/** Runs one invocation and returns its exit code: 0 ok, 1 error, 2 usage, 4 not authenticated. */
export async function main(io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" only to exitOverride; commander has printed the rest already.
    // (`keito time` with no subcommand prints help as an error: that is a usage error.)
    if (['commander.helpDisplayed', 'commander.version'].includes(error.code)) return ExitCode.ok;
    return ExitCode.usage;
  }
  const red = (text: string) => (colorEnabled(io.stderr, io.env) ? `\u001b[31m${text}\u001b[0m` : text);
  const write = (text: string) => io.stderr.write(`${red('Error:')} ${text}\n`);
  if (error instanceof CliError) {
    write(error.message);
    return error.exitCode;
  }
  // SDK errors, recognised by shape so that this module does not load the SDK.
  const apiError = error as { code?: unknown; status?: unknown; message?: unknown; field?: unknown };
  if (error instanceof Error && typeof apiError.code === 'string') {
    if (apiError.status === 401 || apiError.code === 'missing_api_key') {
      write(`Not authenticated: ${error.message} Run \`keito auth login\` or set KEITO_API_KEY.`);
      return ExitCode.notAuthenticated;
    }
    const field = typeof apiError.field === 'string' ? ` (${apiError.field})` : '';
    write(`${error.message}${field}`);
    return ExitCode.error;
  }
  write(error instanceof Error ? error.message : String(error));
  return ExitCode.error;
}
