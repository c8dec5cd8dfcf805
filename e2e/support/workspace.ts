import type { KeitoServer } from '@keito/testkit';
import type { Page } from 'playwright-core';
import { http } from './keito.ts';

export interface SignedInAdmin {
  email: string;
  password: string;
  /** Calls the API as the administrator with their session cookie, as the web app does. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read API responses loosely, as in the server's harness.
  call<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Creates the server's first workspace through the setup endpoint and keeps the admin's session. */
export async function setUpWorkspace(
  server: KeitoServer,
  options: { company?: string; email?: string; password?: string } = {},
): Promise<SignedInAdmin> {
  const email = options.email ?? 'ada@northwind.test';
  const password = options.password ?? 'correct horse battery';
  const response = await http(server, 'POST', '/v1/auth/setup', {
    body: {
      company_name: options.company ?? 'Northwind Studio',
      timezone: 'Europe/London',
      currency: 'GBP',
      name: 'Ada Admin',
      email,
      password,
    },
  });
  if (response.status !== 201) throw new Error(`setup failed: ${JSON.stringify(response.body)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    email,
    password,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const result = await http<T>(server, method, `/v1${path}`, {
        body,
        headers: { cookie, 'x-keito-client': 'e2e' },
      });
      if (result.status >= 300)
        throw new Error(`${method} ${path} -> ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    },
  };
}

/**
 * Signs in through the sign-in page, as a person would, and opens the Time page, where most tests
 * start. An administrator's home is the Reports overview (docs/decisions/0060-administrator-home.md):
 * `{ stay: true }` leaves the page where sign-in landed.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  options: { stay?: boolean } = {},
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').and(page.locator('input')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(time|reports)/);
  if (!options.stay && !new URL(page.url()).pathname.startsWith('/time')) await page.goto('/time');
}
