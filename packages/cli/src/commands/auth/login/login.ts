import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Keito, User } from '@keito/sdk';
import type { Command } from 'commander';
import type { Settings } from '../../../core/config.js';
import { Context } from '../../../core/context.js';
import { saveCredentials } from '../../../core/credentials.js';
import { NotAuthenticatedError, UsageError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { getWorkspace } from '../../workspace.js';
import { startLoopback } from './loopback.js';

/** The web app page that authorises the CLI: the API origin (base URL without /v1) + this path. */
export const AUTHORIZE_PATH = '/cli/authorize';

export function authorizeUrl(
  baseUrl: string,
  params: { redirectUri: string; state: string; version: string },
): string {
  const origin = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const query = new URLSearchParams({
    redirect_uri: params.redirectUri,
    state: params.state,
    client_name: `Keito CLI on ${os.hostname()}`,
    cli_version: params.version,
  });
  return `${origin}${AUTHORIZE_PATH}?${query}`;
}

/** Checks the key against the server (GET /users/me, /workspace) and stores it. */
export async function verifyAndStore(
  input: { apiKey: string; accountId: string | undefined; baseUrl: string },
  deps: {
    settings: Settings;
    clientFor: (key: string, account: string | undefined) => Promise<Keito>;
    out: Output;
  },
): Promise<{ user: User; accountId: string; store: string }> {
  const client = await deps.clientFor(input.apiKey, input.accountId);
  let user: User;
  try {
    user = await client.users.me();
  } catch (error) {
    if ((error as { status?: number }).status === 401) {
      throw new NotAuthenticatedError(`The key was refused by ${input.baseUrl}: ${(error as Error).message}`);
    }
    throw error;
  }
  const workspace = await getWorkspace(client);
  const { store } = await saveCredentials(deps.settings, {
    apiKey: input.apiKey,
    accountId: workspace.id,
    baseUrl: input.baseUrl,
  });
  deps.out.result(
    {
      user,
      workspace: { id: workspace.id, name: workspace.name },
      account_id: workspace.id,
      stored_in: store,
    },
    () =>
      [
        deps.out.success(`Logged in as ${user.name}`),
        `Workspace: ${workspace.name}`,
        `Account: ${workspace.id}`,
        `Credentials stored in ${store}`,
      ].join('\n'),
  );
  return { user, accountId: workspace.id, store };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { env, stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The URL is printed anyway.
  }
}

interface Flags {
  withToken?: boolean;
  browser?: boolean;
  baseUrl?: string;
  port?: string;
  timeout?: string;
}

export function defineAuthLogin(parent: Command, io: Io): void {
  parent
    .command('login')
    .description('Authenticate via browser (or --with-token to read a key from stdin)')
    .option('--with-token', 'Read an API key from standard input')
    .option('--no-browser', 'Print the URL instead of opening a browser')
    .option('--base-url <url>', 'API base URL including /v1 (default from KEITO_BASE_URL or config)')
    .option('--port <port>', 'Loopback port for the browser redirect (default: any free port)')
    .option('--timeout <seconds>', 'How long to wait for the browser', '300')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const settings = await ctx.settings();
      const baseUrl = (settings.get('api.base_url', flags.baseUrl) ?? '').replace(/\/+$/, '');
      const deps = {
        settings,
        out: ctx.out,
        clientFor: (key: string, account: string | undefined) => ctx.clientFor(key, account, baseUrl),
      };
      if (flags.withToken) {
        const apiKey = (await readAll(io.stdin)).trim();
        if (apiKey === '')
          throw new UsageError('--with-token reads the API key from stdin, and stdin was empty');
        await verifyAndStore({ apiKey, accountId: settings.get('auth.account_id'), baseUrl }, deps);
        return;
      }
      const timeoutSeconds = Number(flags.timeout);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
        throw new UsageError('--timeout must be seconds > 0');
      const port = flags.port === undefined ? undefined : Number(flags.port);
      const loopback = await startLoopback({ port, timeoutMs: timeoutSeconds * 1000 });
      try {
        const url = authorizeUrl(baseUrl, {
          redirectUri: loopback.redirectUri,
          state: loopback.state,
          version: io.version,
        });
        // The URL goes to stderr even with --quiet or --json: without it there is no way to log in.
        io.stderr.write(
          `Open this URL in a browser to authorise the Keito CLI:\n\n  ${url}\n\nWaiting for authorisation...\n`,
        );
        const interactive = io.stdout.isTTY === true && !io.env.CI;
        if (flags.browser !== false && interactive) openBrowser(url, io.env);
        const received = await loopback.result;
        await verifyAndStore({ apiKey: received.apiKey, accountId: received.accountId, baseUrl }, deps);
      } finally {
        loopback.close();
      }
    });
}
