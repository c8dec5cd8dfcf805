// Test helpers shared by the SDK, CLI and other suites: a real `keito-server` process on a free port with
// its own embedded PostgreSQL in a fresh temp folder, plus builders for workspaces and fixtures that go
// through the public HTTP API (the same way a user would), so no suite reaches into the database.
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { invitationLink } from './mailbox.js';

const execFileAsync = promisify(execFile);

/** The repository root, found from this file so suites can run from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const serverBin = path.join(repoRoot, 'apps/server/bin/keito-server.js');

/**
 * Starts `keito-server serve` with a fresh KEITO_DATA_DIR and a free PORT and waits for /readyz.
 * @param {import('./index.d.ts').StartKeitoServerOptions} [options]
 * @returns {Promise<import('./index.d.ts').KeitoServer>}
 */
export async function startKeitoServer(options = {}) {
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'keito-test-'));
  // mkdtemp makes the folder 0700; run as root, PostgreSQL runs as the `postgres` user and must be able
  // to reach <dataDir>/pg inside it.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  /** @param {Record<string, string> | undefined} extra */
  const environment = (extra) => {
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      // Test servers check every response against its schema; production skips it (decision 0023).
      KEITO_VALIDATE_RESPONSES: 'true',
      ...extra,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEITO_DATA_DIR: dataDir,
    };
    // A DATABASE_URL inherited from the developer's shell would point every test server at one database.
    if (!extra?.DATABASE_URL) delete env.DATABASE_URL;
    return env;
  };

  let run = await serve(environment(options.env), origin, readyTimeoutMs).catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  });
  let stopped = false;
  /** @type {import('./index.d.ts').KeitoServer} */
  const server = {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    dataDir,
    env: run.env,
    async restart(env) {
      await run.stop();
      run = await serve(environment(env), origin, readyTimeoutMs);
      server.env = run.env;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run.stop();
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
    output: () => run.output(),
  };
  return server;
}

/**
 * One `keito-server serve` process, ready: stopping it (SIGTERM, then SIGKILL after 15 s) leaves
 * its data dir for the next.
 * @param {Record<string, string | undefined>} env
 * @param {string} origin
 * @param {number} readyTimeoutMs
 */
async function serve(env, origin, readyTimeoutMs) {
  const child = spawn(process.execPath, [serverBin, 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    // Only the tail matters for a failure message; a long-running server must not grow memory forever.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  // If the test runner dies, do not leave a server (and its PostgreSQL) behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilReady(`${origin}/readyz`, exited, readyTimeoutMs, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, stop, output: () => output };
}

/**
 * Runs `keito-server workspace create --json` against the server's data dir and returns its ids and key.
 * @param {Pick<import('./index.d.ts').KeitoServer, 'env'>} server
 * @param {string} name
 * @param {{ adminEmail?: string, adminName?: string, currency?: string, timezone?: string }} [options]
 * @returns {Promise<import('./index.d.ts').Workspace>}
 */
export async function createWorkspace(server, name, options = {}) {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workspace';
  const args = [serverBin, 'workspace', 'create', '--name', name, '--json'];
  args.push('--admin-email', options.adminEmail ?? `admin+${slug}-${randomSuffix()}@example.test`);
  if (options.adminName) args.push('--admin-name', options.adminName);
  if (options.currency) args.push('--currency', options.currency);
  if (options.timezone) args.push('--timezone', options.timezone);
  let stdout;
  try {
    ({ stdout } = await execFileAsync(process.execPath, args, { cwd: repoRoot, env: server.env }));
  } catch (error) {
    const failure = /** @type {{ stderr?: string, message: string }} */ (error);
    throw new Error(`keito-server workspace create failed: ${failure.stderr || failure.message}`);
  }
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const workspace = JSON.parse(line);
  for (const field of ['account_id', 'user_id', 'api_key']) {
    if (typeof workspace[field] !== 'string')
      throw new Error(`workspace create printed no ${field}: ${stdout}`);
  }
  return workspace;
}

/**
 * Calls the API with an admin (or any) key; throws with the response body on a non-2xx status.
 * @param {Pick<import('./index.d.ts').KeitoServer, 'baseUrl'>} server
 * @param {string} apiKey
 * @param {string} method
 * @param {string} apiPath path under /v1, e.g. `/clients`
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(server, apiKey, method, apiPath, body) {
  const response = await fetch(`${server.baseUrl}${apiPath}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${apiPath} -> ${response.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Builds a client, a project with one task assigned, and an agent user assigned to it with its own key.
 * @param {Pick<import('./index.d.ts').KeitoServer, 'baseUrl'>} server
 * @param {import('./index.d.ts').Workspace} workspace
 * @param {import('./index.d.ts').FixtureOptions} [options]
 * @returns {Promise<import('./index.d.ts').Fixture>}
 */
export async function createFixture(server, workspace, options = {}) {
  const suffix = randomSuffix();
  const admin = (/** @type {string} */ method, /** @type {string} */ p, /** @type {unknown} */ body) =>
    api(server, workspace.api_key, method, p, body);
  const client = await admin('POST', '/clients', { name: options.clientName ?? `Acme ${suffix}` });
  const task = await admin('POST', '/tasks', { name: options.taskName ?? `Development ${suffix}` });
  const project = await admin('POST', '/projects', {
    client_id: client.id,
    name: options.projectName ?? `Website ${suffix}`,
    ...options.project,
  });
  const taskAssignment = await admin('POST', `/projects/${project.id}/task-assignments`, {
    task_id: task.id,
  });
  const agent = await admin('POST', '/users', {
    name: options.agentName ?? `review-bot-${suffix}`,
    user_type: 'agent',
    ...options.agent,
  });
  const userAssignment = await admin('POST', `/projects/${project.id}/user-assignments`, {
    user_id: agent.id,
  });
  const agentKey = await admin('POST', '/api-keys', { name: `${agent.name} key`, user_id: agent.id });
  return {
    workspace,
    client,
    task,
    project,
    taskAssignment,
    agent,
    userAssignment,
    agentKey,
    agentApiKey: agentKey.key,
  };
}

function randomSuffix() {
  return Math.random().toString(36).slice(2, 8);
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/**
 * @param {string} url
 * @param {Promise<number | null>} exited
 * @param {number} timeoutMs
 * @param {() => string} output
 */
async function waitUntilReady(url, exited, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  let exitCode;
  exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`keito-server exited with code ${exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: PostgreSQL is still starting or migrations are running.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`keito-server was not ready at ${url} within ${timeoutMs}ms:\n${output()}`);
}

/**
 * A person who signed in to the web app: invited by the administrator, accepted with a password
 * (which signs them in), and given an API key of their own from that browser session, as people
 * make keys in Settings → API keys. For tests of what a key can do to its person's browser sessions.
 * @param {Pick<import('./index.d.ts').KeitoServer, 'baseUrl'>} server
 * @param {import('./index.d.ts').Workspace} workspace
 * @param {{ name?: string, email?: string, password?: string, mailboxHttpUrl?: string }} [options]
 * @returns {Promise<import('./index.d.ts').BrowserPerson>}
 */
export async function createBrowserPerson(server, workspace, options = {}) {
  const suffix = randomSuffix();
  const email = options.email ?? `person-${suffix}@example.test`;
  const password = options.password ?? 'a long enough password';
  const user = await api(server, workspace.api_key, 'POST', '/users', {
    name: options.name ?? `Person ${suffix}`,
    email,
  });
  const invitation = await api(server, workspace.api_key, 'POST', `/invitations/${user.id}/resend`);
  // Without SMTP the server hands the link over; with it, the link is in the mail.
  const link =
    invitation.accept_url ??
    (options.mailboxHttpUrl === undefined
      ? undefined
      : invitationLink({
          to: [email],
          raw: await (await fetch(`${options.mailboxHttpUrl}/next?to=${encodeURIComponent(email)}`)).text(),
        }));
  if (link === undefined) throw new Error('the invitation was emailed: pass mailboxHttpUrl to read its link');
  const token = String(link).split('/invitations/')[1];
  const accepted = await fetch(`${server.baseUrl}/auth/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (!accepted.ok)
    throw new Error(`accepting the invitation -> ${accepted.status}: ${await accepted.text()}`);
  const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${server.baseUrl}/api-keys`, {
    method: 'POST',
    headers: { cookie, 'x-keito-client': 'testkit', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'own key' }),
  });
  if (!created.ok) throw new Error(`creating the person's key -> ${created.status}: ${await created.text()}`);
  const { key } = await created.json();
  return { userId: user.id, email, password, cookie, apiKey: key };
}
