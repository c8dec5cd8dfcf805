import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { runCommand, startServerProcess, tempDataDir } from './process.ts';

/** The `keito-server` command as a user runs it: real processes, the embedded PostgreSQL, real HTTP. */

function parseJson(stdout: string) {
  return JSON.parse(stdout.trim());
}

async function me(baseUrl: string, key: string) {
  const response = await fetch(`${baseUrl}/v1/users/me`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

describe('keito-server', () => {
  it('creates a workspace while the server is running on the same data directory, and again after it stops; restarting keeps all data', async () => {
    const dataDir = await tempDataDir();
    const env = { KEITO_DATA_DIR: dataDir };
    const server = await startServerProcess(env);
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.baseUrl}/readyz`)).json()).toEqual({ status: 'ready' });

    const whileRunning = await runCommand(
      ['workspace', 'create', '--name', 'Acme', '--admin-email', 'admin@acme.test', '--json'],
      env,
    );
    expect(whileRunning.code).toBe(0);
    const first = parseJson(whileRunning.stdout);
    expect(Object.keys(first).sort()).toEqual(['account_id', 'api_key', 'user_id']);
    expect(first.account_id).toMatch(/^acc_/);
    expect(first.user_id).toMatch(/^usr_/);
    expect(first.api_key).toMatch(/^keito_sk_/);
    expect(await me(server.baseUrl, first.api_key)).toMatchObject({
      status: 200,
      body: { id: first.user_id, email: 'admin@acme.test', role: 'administrator' },
    });
    expect(await server.stop()).toBe(0);

    const whileStopped = await runCommand(
      ['workspace', 'create', '--name', 'Globex', '--admin-email', 'admin@globex.test', '--json'],
      env,
    );
    expect(whileStopped.code).toBe(0);
    const second = parseJson(whileStopped.stdout);

    const restarted = await startServerProcess(env);
    try {
      expect((await me(restarted.baseUrl, first.api_key)).body.id).toBe(first.user_id);
      expect((await me(restarted.baseUrl, second.api_key)).body.id).toBe(second.user_id);
      const categories = await fetch(`${restarted.baseUrl}/v1/expense-categories`, {
        headers: { authorization: `Bearer ${second.api_key}` },
      });
      const names = (await categories.json()).data.map((category: { name: string }) => category.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'Meals & Entertainment',
          'Transportation',
          'Lodging',
          'Mileage',
          'Software & Subscriptions',
          'Office Supplies',
          'LLM Usage',
        ]),
      );
    } finally {
      await restarted.stop();
    }
  }, 120_000);

  it('uses the PostgreSQL named by DATABASE_URL instead of the embedded one', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const name = `cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);
    // A data directory that is never created proves the embedded database is not used.
    const env = { DATABASE_URL: databaseUrl, KEITO_DATA_DIR: `${await tempDataDir()}/unused` };

    const created = await runCommand(
      ['workspace', 'create', '--name', 'Ext', '--admin-email', 'a@ext.test', '--json'],
      env,
    );
    expect(created.code).toBe(0);
    const server = await startServerProcess(env);
    try {
      expect((await me(server.baseUrl, parseJson(created.stdout).api_key)).status).toBe(200);
    } finally {
      await server.stop();
    }
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const { rows } = await check.query('SELECT name FROM accounts');
    await check.end();
    expect(rows).toEqual([{ name: 'Ext' }]);
  }, 120_000);

  it('gives the administrator a web app password: the one chosen, or one generated and shown once', async () => {
    const env = { KEITO_DATA_DIR: await tempDataDir() };
    const chosen = await runCommand(
      [
        'workspace',
        'create',
        '--name',
        'Acme',
        '--admin-email',
        'chosen@acme.test',
        '--admin-password',
        'correct horse',
        '--json',
      ],
      env,
    );
    expect(chosen.code).toBe(0);
    const generated = await runCommand(
      ['workspace', 'create', '--name', 'Globex', '--admin-email', 'shown@globex.test'],
      env,
    );
    expect(generated.code).toBe(0);
    const password = /password:\s+(\S+)/.exec(generated.stdout)?.[1] ?? '';
    expect(password).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    const server = await startServerProcess(env);
    try {
      const signIn = (email: string, secret: string) =>
        fetch(`${server.baseUrl}/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-keito-client': 'web' },
          body: JSON.stringify({ email, password: secret }),
        });
      expect((await signIn('chosen@acme.test', 'correct horse')).status).toBe(200);
      expect((await signIn('shown@globex.test', password)).status).toBe(200);
      expect((await signIn('shown@globex.test', 'wrong password')).status).toBe(401);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('explains what is missing when workspace create is called without its options', async () => {
    const result = await runCommand(['workspace', 'create', '--name', 'Acme'], {
      KEITO_DATA_DIR: await tempDataDir(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--admin-email');
    expect(result.stdout).toBe('');
    const unknown = await runCommand(['seed-demo', '--bogus'], { KEITO_DATA_DIR: await tempDataDir() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    const help = await runCommand(['seed-demo', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: keito-server');
  });

  it('seeds a demo workspace with people, agents, every source and several weeks of work', async () => {
    const env = { KEITO_DATA_DIR: await tempDataDir() };
    const seeded = await runCommand(['seed-demo', '--json'], env);
    expect(seeded.code).toBe(0);
    const demo = parseJson(seeded.stdout);
    const server = await startServerProcess(env);
    try {
      const get = async (path: string, key = demo.admin_api_key) =>
        (await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } })).json();
      const users = (await get('/v1/users?limit=200')).data;
      expect(users.filter((user: { user_type: string }) => user.user_type === 'agent')).toHaveLength(2);
      expect(users.some((user: { role: string }) => user.role === 'manager')).toBe(true);
      const projects = (await get('/v1/projects')).data;
      expect(new Set(projects.map((project: { billing_type: string }) => project.billing_type))).toEqual(
        new Set(['time_and_materials', 'fixed_fee', 'non_billable']),
      );
      for (const source of ['web', 'cli', 'api', 'agent']) {
        expect((await get(`/v1/time-entries?source=${source}&limit=1`)).data, source).toHaveLength(1);
      }
      const llm = await get('/v1/expenses?expense_category_id=cat_llm_usage&limit=1');
      expect(llm.data[0].metadata).toHaveProperty('session_id');
      const agentProjects = (await get('/v1/projects', demo.agent_api_key)).data;
      expect(agentProjects.length).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
