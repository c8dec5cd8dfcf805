import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let loopback: Server;
let callbacks: URL[] = [];

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  await admin.call('POST', '/users', { name: 'deploy-bot', user_type: 'agent' });
  // Stands in for the CLI's loopback server during `keito auth login`.
  loopback = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The browser also asks the loopback server for /favicon.ico; only callbacks count.
    if (url.pathname === '/callback') callbacks.push(url);
    response.end('You can close this tab.');
  });
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => loopback.close(() => resolve())));

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

  it('authorises the CLI: sign in, approve, and the key reaches the loopback callback', async () => {
    callbacks = [];
    const port = (loopback.address() as AddressInfo).port;
    const { page, context } = await keito.browser.newPage();
    await page.goto(`/cli/authorize?port=${port}&state=nonce-123&device=ada-laptop`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').and(page.locator('input')).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('cli-device').textContent()).toBe('ada-laptop');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cli-authorize');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => callbacks.length).toBe(1);
    const callback = callbacks[0] as URL;
    expect(callback.searchParams.get('state')).toBe('nonce-123');
    const key = callback.searchParams.get('key') ?? '';
    expect((await whoAmI(key)).body.name).toBe('Ada Admin');
    const keys = await admin.call('GET', '/api-keys');
    expect(keys.data.map((k: { name: string }) => k.name)).toContain('CLI on ada-laptop');

    await page.goto(`/cli/authorize?port=${port}&state=nonce-456&device=ada-laptop`);
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => callbacks.length).toBe(2);
    expect(Object.fromEntries(callbacks[1]?.searchParams ?? [])).toEqual({
      error: 'access_denied',
      state: 'nonce-456',
    });
    await context.close();
  });
});
