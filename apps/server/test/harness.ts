import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type AppOptions, buildApp } from '../src/app.ts';
import { connectDatabase, type Database } from '../src/db/client.ts';
import { createWorkspace, type NewWorkspace } from '../src/domains/workspaces/service.ts';
import type { JobLog } from '../src/jobs/log.ts';
import { startJobs } from '../src/jobs/queue.ts';
import { createSecretBox, SECRET_KEY_BYTES, type SecretBox } from '../src/lib/secret-box.ts';

/**
 * A real server for one test file: its own database cloned from the migrated template, the real
 * Fastify app listening on a free port, the job queue's worker, and a small fetch client. Nothing is
 * mocked.
 */
export interface TestServer {
  baseUrl: string;
  db: Database;
  pool: pg.Pool;
  /** The key the server seals stored secrets with (a fresh one per database). */
  secrets: SecretBox;
}

/**
 * `mail` defaults to no SMTP, whatever the environment running the tests says. The worker logs to
 * `jobLog` when given (the app's silent logger otherwise). `restartOf` serves another test server's
 * database with its secret key, as the operator restarting Keito with another configuration
 * would; that server's worker runs the jobs.
 */
export async function startTestServer(
  options: Pick<AppOptions, 'mail' | 'sessions' | 'now' | 'trustProxy' | 'receipts' | 'payments'> & {
    jobLog?: JobLog;
    restartOf?: TestServer;
  } = {},
): Promise<TestServer> {
  if (options.restartOf !== undefined) {
    const { db, pool, secrets } = options.restartOf;
    const restarted = await listen({ ...options, db, secrets });
    afterAll(() => restarted.close());
    return { baseUrl: baseUrlOf(restarted), db, pool, secrets };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE keito_template`);
  await admin.end();

  const handle = connectDatabase(adminUrl.replace(/\/postgres$/, `/${name}`), { max: 5 });
  const secrets = createSecretBox(randomBytes(SECRET_KEY_BYTES));
  const app = await listen({ ...options, db: handle.db, secrets });
  const jobs = await startJobs({
    db: handle.db,
    pool: handle.pool,
    mail: mailOf(options),
    log: options.jobLog ?? app.log,
    periodic: false,
  });

  afterAll(async () => {
    await Promise.all([app.close(), jobs.stop()]);
    await handle.close();
  });
  return { baseUrl: baseUrlOf(app), db: handle.db, pool: handle.pool, secrets };
}

const mailOf = (options: Pick<AppOptions, 'mail'>) => options.mail ?? { from: 'Keito <no-reply@localhost>' };

async function listen(
  options: Pick<
    AppOptions,
    'db' | 'secrets' | 'mail' | 'sessions' | 'now' | 'trustProxy' | 'receipts' | 'payments'
  >,
) {
  const app = await buildApp({
    db: options.db,
    secrets: options.secrets,
    logLevel: 'silent',
    mail: mailOf(options),
    sessions: options.sessions,
    now: options.now,
    trustProxy: options.trustProxy,
    receipts: options.receipts,
    payments: options.payments,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function baseUrlOf(app: Awaited<ReturnType<typeof listen>>): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export interface Browser {
  cookie: string | undefined;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** A cookie jar of one: what a browser on the web app sends, including the app's client header. */
export function browserOn(baseUrl: string): Browser {
  const jar: Browser = {
    cookie: undefined,
    async request(method, path, body, headers = { 'x-keito-client': 'web' }) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...headers,
          ...(jar.cookie ? { cookie: jar.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) {
        const pair = setCookie.split(';')[0] ?? '';
        jar.cookie = pair.endsWith('=') ? undefined : pair;
      }
      return response;
    },
  };
  return jar;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client acting with one API key. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key: string | undefined,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.extraHeaders };
    if (this.key !== undefined) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? null : JSON.parse(text),
      headers: response.headers,
    };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Asserts the status and returns the body: keeps arrange steps short. */
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request<T>(method, path, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path} -> ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

export interface Workspace {
  accountId: string;
  adminId: string;
  admin: Api;
}

/** Enterprise without custom limits by default: suites that hammer the API are not rate limited. */
export async function newWorkspace(
  server: TestServer,
  name = 'Acme',
  options: Pick<NewWorkspace, 'plan' | 'rateLimitPerMinute' | 'rateLimitPerDay'> = {},
): Promise<Workspace> {
  const created = await createWorkspace(server.db, {
    name,
    adminEmail: `admin@${name.toLowerCase()}.test`,
    plan: 'enterprise',
    ...options,
  });
  return {
    accountId: created.account_id,
    adminId: created.user_id,
    admin: new Api(server.baseUrl, created.api_key),
  };
}

export interface Member {
  id: string;
  api: Api;
}

/** Adds a user with a role and returns them with an API key of their own. */
export async function addUser(
  server: TestServer,
  workspace: Workspace,
  options: {
    name: string;
    role?: 'member' | 'manager' | 'administrator';
    user_type?: 'human' | 'agent';
    email?: string;
    [field: string]: unknown;
  },
): Promise<Member> {
  const user = await workspace.admin.ok('POST', '/v1/users', {
    email:
      options.user_type === 'agent'
        ? undefined
        : `${options.name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
    ...options,
  });
  const key = await (user.user_type === 'agent'
    ? workspace.admin.ok('POST', '/v1/api-keys', { name: `${options.name} key`, user_id: user.id })
    : issueKeyFor(server, workspace, user.id));
  return { id: user.id, api: new Api(server.baseUrl, key.key) };
}

/** People create their own keys in the app; in tests the key is issued directly. */
async function issueKeyFor(server: TestServer, workspace: Workspace, userId: string) {
  const { issueApiKey } = await import('../src/domains/api-keys/service.ts');
  return issueApiKey(server.db, {
    accountId: workspace.accountId,
    userId,
    name: 'test key',
    createdById: null,
  });
}

export interface ProjectFixture {
  clientId: string;
  projectId: string;
  taskId: string;
}

/** A client, a project on it and a task assigned to the project, created by the administrator. */
export async function newProject(
  workspace: Workspace,
  options: { name?: string; billing_type?: string; hourly_rate?: number; bill_by?: string } = {},
): Promise<ProjectFixture> {
  const client = await workspace.admin.ok('POST', '/v1/clients', {
    name: `${options.name ?? 'Acme'} Client`,
  });
  const project = await workspace.admin.ok('POST', '/v1/projects', {
    name: options.name ?? 'Acme Website Redesign',
    client_id: client.id,
    billing_type: options.billing_type,
    hourly_rate: options.hourly_rate,
    bill_by: options.bill_by,
  });
  const task = await workspace.admin.ok('POST', '/v1/tasks', {
    name: `Development ${Math.random().toString(36).slice(2, 6)}`,
  });
  await workspace.admin.ok('POST', `/v1/projects/${project.id}/task-assignments`, { task_id: task.id });
  return { clientId: client.id, projectId: project.id, taskId: task.id };
}

export async function assign(
  workspace: Workspace,
  projectId: string,
  userId: string,
  extra: Record<string, unknown> = {},
) {
  return workspace.admin.ok('POST', `/v1/projects/${projectId}/user-assignments`, {
    user_id: userId,
    ...extra,
  });
}

/**
 * Bills hand-picked entries on a real invoice: a free-form draft made through the API, its line
 * then linked to the entries `where` selects, as an import links them (an import picks by project
 * and period; report tests need a scattered few).
 */
export async function billEntriesOnInvoice(
  server: TestServer,
  workspace: Workspace,
  options: { clientId: string; table: 'time_entries' | 'expenses'; where: string },
): Promise<void> {
  const invoice = await workspace.admin.ok('POST', '/v1/invoices', {
    client_id: options.clientId,
    line_items: [{ description: 'Billed in the fixture', quantity: 1, unit_price: 1 }],
  });
  const [line] = (
    await server.pool.query('SELECT id FROM invoice_line_items WHERE invoice_id = $1', [invoice.id])
  ).rows;
  const links = options.table === 'time_entries' ? 'time_entry_invoice_links' : 'expense_invoice_links';
  const entryId = options.table === 'time_entries' ? 'time_entry_id' : 'expense_id';
  await server.pool.query(
    `INSERT INTO ${links} (${entryId}, account_id, invoice_id, invoice_line_item_id)
     SELECT id, account_id, $1, $2 FROM ${options.table} WHERE account_id = $3 AND ${options.where}`,
    [invoice.id, line.id, workspace.accountId],
  );
}
