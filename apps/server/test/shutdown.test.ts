import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type RunningServer, runCommand, startServerProcess, tempDataDir } from './process.ts';

/**
 * Kill-during-load: the real `keito-server` process on the embedded PostgreSQL, concurrent
 * POST /v1/time-entries, a signal mid-load, a restart on the same data directory, and a check that
 * every entry answered with 201 is there.
 */

const CONNECTIONS = 8;
/** The signal goes out once this many writes were acknowledged: mid-load, without a timer. */
const SIGNAL_AFTER = 150;

interface Setup {
  env: Record<string, string>;
  dataDir: string;
  key: string;
  projectId: string;
}

async function setUp(): Promise<Setup> {
  const dataDir = await tempDataDir();
  const env = { KEITO_DATA_DIR: dataDir };
  const created = await runCommand(
    ['workspace', 'create', '--name', 'Load', '--admin-email', 'admin@load.test', '--json'],
    env,
  );
  if (created.code !== 0) throw new Error(created.stderr);
  const { api_key: key } = JSON.parse(created.stdout.trim());
  return { env, dataDir, key, projectId: '' };
}

async function call(server: RunningServer, key: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url} -> ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function newProject(server: RunningServer, key: string): Promise<string> {
  const client = await call(server, key, 'POST', '/v1/clients', { name: 'Load Client' });
  const project = await call(server, key, 'POST', '/v1/projects', { name: 'Load', client_id: client.id });
  return project.id;
}

/**
 * Drives writes on `CONNECTIONS` keep-alive connections until the server stops answering; calls
 * `onAcknowledged` with the running count. Only 201s are recorded; anything else (503 while
 * closing, a refused or reset connection) was not acknowledged.
 */
async function driveLoad(
  server: RunningServer,
  setup: Setup,
  onAcknowledged: (count: number) => void,
): Promise<{ acknowledged: string[]; refused: number }> {
  const acknowledged: string[] = [];
  let refused = 0;
  let sequence = 0;
  const worker = async () => {
    let failures = 0;
    while (failures < 3) {
      try {
        const response = await fetch(`${server.baseUrl}/v1/time-entries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${setup.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            project_id: setup.projectId,
            spent_date: '2026-05-05',
            hours: 0.5,
            notes: `load ${sequence++}`,
            source: 'agent',
          }),
        });
        const body = await response.json();
        if (response.status === 201) {
          acknowledged.push(body.id);
          onAcknowledged(acknowledged.length);
        } else {
          refused++;
        }
      } catch {
        // The server is gone (connection refused or closed): this request was never acknowledged.
        failures++;
        refused++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { acknowledged, refused };
}

/** Reads the embedded PostgreSQL's connection from its data directory. */
async function connectToData(dataDir: string): Promise<pg.Client> {
  const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  const pid = (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
  const client = new pg.Client({
    connectionString: `postgres://keito:${encodeURIComponent(password)}@127.0.0.1:${pid[3]}/keito`,
  });
  await client.connect();
  return client;
}

async function postmasterPid(dataDir: string): Promise<number> {
  const lines = (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function assertAllAcknowledgedStored(setup: Setup, acknowledged: string[]) {
  const restarted = await startServerProcess(setup.env);
  const client = await connectToData(setup.dataDir);
  try {
    // A 2xx is sent after COMMIT returned; with synchronous_commit on, COMMIT returns after the WAL
    // is flushed, so an acknowledged write survives a crash of the server and of PostgreSQL.
    expect((await client.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
    expect((await client.query('SHOW fsync')).rows[0].fsync).toBe('on');
    const stored = new Set(
      (await client.query('SELECT id FROM time_entries')).rows.map((row: { id: string }) => row.id),
    );
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // The restarted server answers for them too.
    const sample = acknowledged.at(-1);
    const entry = await call(restarted, setup.key, 'GET', `/v1/time-entries/${sample}`);
    expect(entry.id).toBe(sample);
  } finally {
    await client.end();
    expect(await restarted.stop()).toBe(0);
    await rm(setup.dataDir, { recursive: true, force: true });
  }
}

describe('writes acknowledged under load survive the server stopping', () => {
  it('SIGTERM mid-load: in-flight requests finish, the process exits 0, every 201 is stored', async () => {
    const setup = await setUp();
    const server = await startServerProcess(setup.env);
    setup.projectId = await newProject(server, setup.key);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    let signalled = false;
    const { acknowledged } = await driveLoad(server, setup, (count) => {
      if (count >= SIGNAL_AFTER && !signalled) {
        signalled = true;
        server.process.kill('SIGTERM');
      }
    });
    expect(await exited).toBe(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(SIGNAL_AFTER);
    await assertAllAcknowledgedStored(setup, acknowledged);
  }, 180_000);

  it('SIGKILL mid-load, PostgreSQL crashing with it: every 201 is stored after recovery', async () => {
    const setup = await setUp();
    const server = await startServerProcess(setup.env);
    setup.projectId = await newProject(server, setup.key);
    const postgres = await postmasterPid(setup.dataDir);
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    let signalled = false;
    const { acknowledged } = await driveLoad(server, setup, (count) => {
      if (count >= SIGNAL_AFTER && !signalled) {
        signalled = true;
        server.process.kill('SIGKILL');
        // Immediate shutdown: no checkpoint, the next start recovers from the WAL as after a crash.
        process.kill(postgres, 'SIGQUIT');
      }
    });
    await exited;
    while (isAlive(postgres)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acknowledged.length).toBeGreaterThanOrEqual(SIGNAL_AFTER);
    await assertAllAcknowledgedStored(setup, acknowledged);
  }, 180_000);
});
