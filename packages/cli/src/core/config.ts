// Configuration, resolved per key in one documented order: flags > environment > ./.keito.toml (the
// nearest one, searching upwards from the working directory) > ~/.keito/config.toml > defaults.
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError, UsageError } from './errors.js';

/** A key the CLI reads, with the environment variable that sets it. */
export interface SettingSpec {
  key: string;
  env?: string;
  description: string;
  secret?: boolean;
  boolean?: boolean;
}

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'auth.api_key', env: 'KEITO_API_KEY', description: 'API key (keito_sk_...)', secret: true },
  { key: 'auth.account_id', env: 'KEITO_ACCOUNT_ID', description: 'Workspace/account id (acc_...)' },
  {
    key: 'auth.keychain',
    description: 'true when the API key lives in the OS keychain',
    boolean: true,
  },
  { key: 'api.base_url', env: 'KEITO_BASE_URL', description: 'API base URL including /v1' },
  { key: 'defaults.project', env: 'KEITO_PROJECT', description: 'Default project slug or id' },
  { key: 'defaults.task', env: 'KEITO_TASK', description: 'Default task slug or id' },
  { key: 'defaults.source', env: 'KEITO_SOURCE', description: 'Default source (web, cli, api, agent)' },
  { key: 'agent.agent_id', env: 'KEITO_AGENT_ID', description: 'Agent identifier for metadata.agent_id' },
];

export const DEFAULT_BASE_URL = 'https://api.keito.ai/v1';

export type Origin = 'flag' | 'env' | 'project' | 'global' | 'default';

export interface Resolved {
  value: string | undefined;
  origin: Origin | undefined;
  /** The file or variable the value came from. */
  where?: string;
}

type Table = Record<string, unknown>;

export interface ConfigFile {
  path: string;
  data: Table;
}

/** `~/.keito/config.toml`; HOME is honoured so a test or a sandbox can move it. */
export function globalConfigPath(env: NodeJS.ProcessEnv): string {
  const home = env.HOME && env.HOME !== '' ? env.HOME : os.homedir();
  return path.join(home, '.keito', 'config.toml');
}

/** The nearest `.keito.toml` in `cwd` or a parent folder. */
export async function findProjectConfig(cwd: string): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, '.keito.toml');
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here; look one level up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, data: {} };
    throw error;
  }
  const { parse } = await import('smol-toml');
  try {
    return { path: file, data: parse(text) as Table };
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Writes a config file with mode 0600 (it may hold an API key) in a 0700 folder. */
export async function writeConfigFile(file: ConfigFile): Promise<void> {
  const { stringify } = await import('smol-toml');
  await mkdir(path.dirname(file.path), { recursive: true, mode: 0o700 });
  await writeFile(file.path, `${stringify(file.data)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(file.path, 0o600);
}

export function getKey(data: Table, key: string): unknown {
  let node: unknown = data;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Table)[part];
  }
  return node;
}

export function setKey(data: Table, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Table;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export function settingSpec(key: string): SettingSpec {
  const spec = SETTINGS.find((setting) => setting.key === key);
  if (!spec) {
    throw new UsageError(`Unknown config key "${key}". Keys: ${SETTINGS.map((s) => s.key).join(', ')}`);
  }
  return spec;
}

/** The configuration files and environment of one invocation. */
export class Settings {
  readonly env: NodeJS.ProcessEnv;
  readonly global: ConfigFile;
  readonly project: ConfigFile | undefined;

  constructor(env: NodeJS.ProcessEnv, global: ConfigFile, project: ConfigFile | undefined) {
    this.env = env;
    this.global = global;
    this.project = project;
  }

  static async load(env: NodeJS.ProcessEnv, cwd: string): Promise<Settings> {
    const projectPath = await findProjectConfig(cwd);
    const globalPath = globalConfigPath(env);
    const [global, project] = await Promise.all([
      readConfigFile(globalPath),
      projectPath && projectPath !== globalPath ? readConfigFile(projectPath) : undefined,
    ]);
    return new Settings(env, global, project);
  }

  /** One key, from the highest-priority place that sets it. */
  resolve(key: string, flag?: string | undefined): Resolved {
    const spec = settingSpec(key);
    if (flag !== undefined && flag !== '') return { value: flag, origin: 'flag' };
    const fromEnv = spec.env ? this.env[spec.env] : undefined;
    if (spec.env && fromEnv !== undefined && fromEnv !== '') {
      return { value: fromEnv, origin: 'env', where: spec.env };
    }
    for (const [file, origin] of [
      [this.project, 'project'],
      [this.global, 'global'],
    ] as const) {
      if (!file) continue;
      const value = getKey(file.data, key);
      if (value !== undefined && value !== null && value !== '') {
        return { value: String(value), origin, where: file.path };
      }
    }
    if (key === 'api.base_url') return { value: DEFAULT_BASE_URL, origin: 'default' };
    return { value: undefined, origin: undefined };
  }

  get(key: string, flag?: string | undefined): string | undefined {
    return this.resolve(key, flag).value;
  }
}
