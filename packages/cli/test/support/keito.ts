// Runs the built `keito` as a child process with a controlled environment: HOME in a temp dir (so the
// user's config is never read), the working directory of the test's choosing, and no agent variables
// unless the test sets them.
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFixture, createWorkspace, type Fixture, type Workspace } from '@keito/testkit';
import { inject } from 'vitest';
import { DETECTORS } from '../../src/core/agent.js';

export const server = inject('keitoServer');

export const keitoBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/keito.js');

/** A folder with `keito` in it, to put on PATH as `npm install -g` would. */
export function binDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keito-bin-'));
  symlinkSync(keitoBin, path.join(dir, 'keito'));
  return dir;
}

export function tempDir(prefix = 'keito-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  home?: string;
}

/** Variables of the test runner's own environment that would change what the CLI does. */
const AGENT_VARIABLES = [...new Set(DETECTORS.flatMap((d) => [...d.variables, ...d.sessionVariables]))];

export function baseEnv(home: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, HOME: home, NO_COLOR: '1', TZ: 'UTC' };
  for (const name of [...AGENT_VARIABLES, 'OPENCLAW_AGENT_ID', 'CI', 'FORCE_COLOR']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('KEITO_')) delete env[name];
  env.KEITO_KEYCHAIN = '0';
  return env;
}

export function runKeito(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const home = options.home ?? tempDir('keito-home-');
  const env = { ...baseEnv(home), ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(keitoBin, args, { cwd: options.cwd ?? home, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface World {
  workspace: Workspace;
  fixture: Fixture;
  /** Environment that authenticates as the workspace administrator. */
  adminEnv: Record<string, string>;
  /** Environment that authenticates as the fixture's agent user. */
  agentEnv: Record<string, string>;
}

/**
 * A workspace named `Acme Consulting` with project `Acme Website` (code `acme`), task `Development`
 * assigned to it, and an agent user `review-bot-01` on the project.
 */
export async function createWorld(options: { code?: string; projectName?: string } = {}): Promise<World> {
  const workspace = await createWorkspace(server, 'Acme Consulting');
  const fixture = await createFixture(server, workspace, {
    projectName: options.projectName ?? 'Acme Website',
    project: { code: options.code ?? 'acme' },
    taskName: 'Development',
    agentName: 'review-bot-01',
  });
  const common = { KEITO_ACCOUNT_ID: workspace.account_id, KEITO_BASE_URL: server.baseUrl };
  return {
    workspace,
    fixture,
    adminEnv: { ...common, KEITO_API_KEY: workspace.api_key },
    agentEnv: { ...common, KEITO_API_KEY: fixture.agentApiKey },
  };
}

export function json<T = Record<string, unknown>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
