/** The repository root. */
export declare const repoRoot: string;
/** Path of `apps/server/bin/keito-server.js`. */
export declare const serverBin: string;

export interface StartKeitoServerOptions {
  /** Extra environment for the server process (PORT and KEITO_DATA_DIR are always set by the testkit). */
  env?: Record<string, string>;
  /** How long to wait for /readyz (default 120 s: the first boot initialises PostgreSQL). */
  readyTimeoutMs?: number;
}

export interface KeitoServer {
  /** API base URL including `/v1`, the value KEITO_BASE_URL takes: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Scheme, host and port without `/v1`, for /readyz, /docs and other root routes. */
  origin: string;
  port: number;
  /** The server's KEITO_DATA_DIR (removed by `stop()`). */
  dataDir: string;
  /** The server's environment, for running other `keito-server` commands on the same data. */
  env: Record<string, string | undefined>;
  /**
   * Stops the server and starts it again on the same data dir and port with `env` as its extra
   * environment instead of the first one: the operator restarting Keito with another configuration.
   */
  restart(env?: Record<string, string>): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 15 s) and removes its data dir. */
  stop(): Promise<void>;
  /** The tail of the server's stdout and stderr, for failure messages. */
  output(): string;
}

export interface Workspace {
  account_id: string;
  user_id: string;
  /** The administrator's API key. */
  api_key: string;
}

export interface FixtureOptions {
  clientName?: string;
  taskName?: string;
  projectName?: string;
  agentName?: string;
  /** Extra fields for the project's create body. */
  project?: Record<string, unknown>;
  /** Extra fields for the agent user's create body. */
  agent?: Record<string, unknown>;
}

/** An API object as the server returned it. */
export type ApiObject = { id: string } & Record<string, unknown>;

export interface Fixture {
  workspace: Workspace;
  client: ApiObject;
  task: ApiObject;
  project: ApiObject;
  taskAssignment: ApiObject;
  /** An agent user (member role) assigned to `project`. */
  agent: ApiObject;
  userAssignment: ApiObject;
  /** The agent's key as created: `{ id, name, user_id, prefix, key, created_at }`. */
  agentKey: ApiObject & { key: string };
  /** The agent's secret key (`keito_sk_...`). */
  agentApiKey: string;
}

/** Starts `keito-server serve` with a fresh KEITO_DATA_DIR and a free PORT and waits for /readyz. */
export declare function startKeitoServer(options?: StartKeitoServerOptions): Promise<KeitoServer>;

/** Runs `keito-server workspace create --json` against the server's data and returns its ids and key. */
export declare function createWorkspace(
  server: Pick<KeitoServer, 'env'>,
  name: string,
  options?: { adminEmail?: string; adminName?: string; currency?: string; timezone?: string },
): Promise<Workspace>;

/** Calls the API (path under /v1) with the given key; throws with the body on a non-2xx status. */
export declare function api<T = unknown>(
  server: Pick<KeitoServer, 'baseUrl'>,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T>;

/** Builds a client, a project with a task assigned, and an agent user assigned to it with its own key. */
export declare function createFixture(
  server: Pick<KeitoServer, 'baseUrl'>,
  workspace: Workspace,
  options?: FixtureOptions,
): Promise<Fixture>;

export interface BrowserPerson {
  userId: string;
  email: string;
  password: string;
  /** The browser's session cookie, `keito_session=...`, to send as the Cookie header. */
  cookie: string;
  /** An API key of the person's own. */
  apiKey: string;
}

/** Invites a person, accepts with a password (a browser session) and makes them a key from that session. */
export declare function createBrowserPerson(
  server: Pick<KeitoServer, 'baseUrl'>,
  workspace: Workspace,
  /** `mailboxHttpUrl`: where to read the invitation mail when the server sends mail (TestMailbox.httpUrl). */
  options?: { name?: string; email?: string; password?: string; mailboxHttpUrl?: string },
): Promise<BrowserPerson>;
