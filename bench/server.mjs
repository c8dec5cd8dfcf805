// What the benchmarks share: a workspace and `keito-server serve` on a fresh embedded PostgreSQL, a
// lean keep-alive HTTP client for the load generator, and a raw `pg` pool on the same database. The
// server's pid and port are there for a benchmark that measures its memory or streams a download,
// PostgreSQL's (the postmaster's) for one that measures its CPU.
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverBin = path.join(root, 'apps/server/bin/keito-server.js');

/**
 * Creates a workspace with `keito-server workspace create ... --json` (extra arguments from
 * `workspaceArgs`) and starts the server on it. `BENCH_SERVER_NODE_ARGS`, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone. Call `stop()` when done.
 */
export async function startBenchServer({ workspaceArgs = [] } = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'keito-bench-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const env = {
    ...process.env,
    KEITO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      serverBin,
      'workspace',
      'create',
      '--name',
      'Bench',
      '--admin-email',
      'bench@example.test',
      '--plan',
      'enterprise',
      ...workspaceArgs,
      '--json',
    ],
    { env },
  );
  const workspace = JSON.parse(stdout.trim().split('\n').at(-1));
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, serverBin, 'serve'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const idleConnections = [];
  const pools = [];

  /**
   * Sends a request on an idle keep-alive connection of the load generator. The load generator
   * shares the two CPUs with the server and PostgreSQL, so it is kept as lean as `pg` is on the raw
   * side: like wrk, it writes the request bytes itself and reads each response by its
   * Content-Length (node:http costs about three times its CPU per request; bench/README.md).
   */
  async function api(method, url, body) {
    // The server closes a connection idle longer than its keep-alive timeout (during a long seed).
    let connection = idleConnections.pop();
    while (connection?.socket.destroyed) connection = idleConnections.pop();
    connection ??= openConnection(port, workspace.api_key);
    try {
      return await connection.request(method, url, body === undefined ? '' : JSON.stringify(body));
    } finally {
      idleConnections.push(connection);
    }
  }

  /** A pool on the server's embedded PostgreSQL, from the password and port in its data directory. */
  async function rawPool(max) {
    const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
    const pid = (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
    const pool = new pg.Pool({
      connectionString: `postgres://keito:${encodeURIComponent(password)}@127.0.0.1:${pid[3]}/keito`,
      max,
    });
    pool.on('error', () => {}); // PostgreSQL stopping with the server at the end is not a failure
    pools.push(pool);
    return pool;
  }

  async function stop() {
    await Promise.all(pools.map((pool) => pool.end()));
    for (const connection of idleConnections) connection.socket.destroy();
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }

  try {
    await waitReady(server, port);
  } catch (error) {
    await stop();
    throw error;
  }
  const postgresPid = Number(
    (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  return { workspace, api, rawPool, stop, pid: server.pid, postgresPid, port };
}

export function expectStatus(status) {
  return (response) => {
    if (response.status !== status) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
}

/** One keep-alive HTTP/1.1 connection that carries one request at a time. */
function openConnection(port, apiKey) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let received = Buffer.alloc(0);
  let waiting = null;
  socket.on('error', (error) => waiting?.reject(error));
  socket.on('close', () => waiting?.reject(new Error('the server closed the connection')));
  socket.on('data', (chunk) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = received.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headEnd + 4 + length;
    if (received.length < end) return;
    const text = received.subarray(headEnd + 4, end).toString('utf8');
    received = received.subarray(end);
    const { resolve } = waiting;
    waiting = null;
    resolve({ status: Number(head.slice(9, 12)), body: text === '' ? null : JSON.parse(text) });
  });
  return {
    socket,
    request: (method, url, payload) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(
          `${method} ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${apiKey}\r\n` +
            (payload === ''
              ? '\r\n'
              : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`),
        );
      }),
  };
}

async function waitReady(server, port) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}
