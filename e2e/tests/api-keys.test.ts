import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  await admin.call('POST', '/users', { name: 'deploy-bot', user_type: 'agent' });
});

const whoAmI = (key: string) =>
  http<{ name: string; user_type: string }>(keito.server, 'GET', '/v1/users/me', {
    headers: { authorization: `Bearer ${key}` },
  });

describe('API keys and CLI sign-in', () => {
  it('creates a key shown once, creates one for an agent user, and revokes', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('CI pipeline');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^keito_sk_/);
    expect((await whoAmI(key)).body.name).toBe('Ada Admin');
    await page.keyboard.press('Escape');

    await page.getByLabel('Key name').fill('bot key');
    await page.getByRole('combobox', { name: 'For' }).click();
    await page.getByRole('option', { name: 'deploy-bot (agent)' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();
    const agentKey = (await page.getByTestId('new-api-key').textContent()) ?? '';
    expect((await whoAmI(agentKey)).body).toMatchObject({ name: 'deploy-bot', user_type: 'agent' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('cell', { name: 'deploy-bot' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-api-keys');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke CI pipeline' }).click();
    await expect.poll(async () => (await whoAmI(key)).status).toBe(401);
    await context.close();
  });

  it('authorises `keito auth login`: sign in, approve, and the CLI stores a working key', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'keito-cli-home-'));
    const login = runCli(['auth', 'login', '--timeout', '60'], home);
    const url = await login.authorizeUrl;
    expect(url.pathname).toBe('/cli/authorize');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const { page, context } = await keito.browser.newPage();
    await page.goto(url.toString());
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').and(page.locator('input')).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('cli-client').textContent()).toMatch(/^Keito CLI on /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cli-authorize');
    await page.getByRole('button', { name: 'Approve' }).click();

    const finished = await login.exited;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('Logged in as Ada Admin');
    const whoami = await runCli(['whoami', '--json'], home).exited;
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ user: { name: 'Ada Admin' } });
    const keys = await admin.call('GET', '/api-keys');
    expect(keys.data.map((k: { name: string }) => k.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Keito CLI on /)]),
    );
    await context.close();
  });

  it('a denied authorisation ends `keito auth login` with an error and stores nothing', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'keito-cli-home-'));
    const login = runCli(['auth', 'login', '--timeout', '60'], home);
    const url = await login.authorizeUrl;
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(url.toString());
    await page.getByRole('button', { name: 'Deny' }).click();
    const finished = await login.exited;
    expect(finished.code).not.toBe(0);
    expect(finished.stderr.toLowerCase()).toContain('denied');
    const whoami = await runCli(['whoami'], home).exited;
    expect(whoami.code).toBe(4);
    await context.close();
  });
});

const KEITO_CLI = fileURLToPath(new URL('../../packages/cli/dist/keito.js', import.meta.url));

/** Runs the built `keito` binary with its own HOME, as a person at a terminal would. */
function runCli(args: string[], home: string) {
  const child = spawn(process.execPath, [KEITO_CLI, ...args], {
    env: {
      ...process.env,
      HOME: home,
      KEITO_BASE_URL: keito.server.baseUrl,
      KEITO_KEYCHAIN: '0',
      NO_COLOR: '1',
      CI: '1',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const authorizeUrl = new Promise<URL>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /(http:\/\/\S+\/cli\/authorize\S+)/.exec(stderr);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.on('close', () => reject(new Error(`keito exited before printing the URL: ${stderr}`)));
  });
  authorizeUrl.catch(() => {});
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { authorizeUrl, exited };
}
