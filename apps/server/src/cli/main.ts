import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { jobsCommand } from './jobs.ts';
import { seedDemo } from './seed-demo.ts';
import { serve } from './serve.ts';
import { UsageError } from './usage-error.ts';
import { createWorkspaceCommand } from './workspace.ts';

const USAGE = `Usage: keito-server <command> [options]

Commands:
  serve                         Start the HTTP server (PORT, default 8787)
  workspace create              Create a workspace with its administrator and an API key
      --name <name>             Workspace (company) name            (required)
      --admin-email <email>     The administrator's email            (required)
      --admin-name <name>       The administrator's name
      --admin-password <pw>     Their web app password (default: generated and shown; none with --json)
      --timezone <zone>         IANA timezone, default UTC
      --currency <code>         ISO 4217 currency, default USD
      --plan <plan>             free, pro or enterprise (default: enterprise, no rate limits)
      --rate-limit-per-minute <n>  Custom requests per minute per API key
      --rate-limit-per-day <n>     Custom requests per day per API key
      --json                    Print {"account_id","user_id","api_key"} as JSON
  seed-demo [--json]            Create a demo workspace full of sample data
  migrate                       Apply database migrations and exit
  jobs [--json]                 Background jobs waiting, retrying or failed, with attempts and last error
  jobs retry <id>               Run a job again now, with its attempts reset

Environment:
  PORT              HTTP port (default 8787)
  KEITO_DATA_DIR    Where the embedded PostgreSQL keeps its data (default ./.keito)
  DATABASE_URL      Use this PostgreSQL instead of the embedded one
  LOG_LEVEL         fatal, error, warn, info (default), debug, trace or silent
`;

/** Runs one command and returns the process exit code: 0 ok, 1 failure, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const config = loadConfig();
    switch (command) {
      case 'serve':
      case undefined:
        return await serve(config);
      case 'workspace':
        if (rest[0] !== 'create') return usageError(`Unknown workspace command: ${rest[0] ?? '(none)'}`);
        return await createWorkspaceCommand(config, rest.slice(1));
      case 'seed-demo':
        return await seedDemo(
          config,
          parseArgs({ args: rest, options: { json: { type: 'boolean' } } }).values,
        );
      case 'jobs':
        return await jobsCommand(config, rest);
      case 'migrate': {
        const { openDatabase } = await import('../db/open.ts');
        const database = await openDatabase(config, { poolSize: 2 });
        await database.close();
        console.log(`Migrations applied (${database.location}).`);
        return 0;
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
      default:
        return usageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    const parseArgsError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseArgsError) return usageError((error as Error).message);
    console.error(`keito-server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function usageError(message: string): number {
  console.error(`keito-server: ${message}\n\n${USAGE}`);
  return 2;
}
