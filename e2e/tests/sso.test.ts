import { startOidcProvider, type TestOidcProvider } from '@keito/testkit/oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let idp: TestOidcProvider;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  idp = await startOidcProvider({ redirectUris: [`${keito.server.origin}/v1/auth/sso/callback`] });
});
afterAll(() => idp?.close());

/**
 * From Keito's sign-in page through the provider's own login and consent pages, signing in there as
 * `login`, until the browser is back on Keito.
 */
async function signInWithSso(page: Page, email: string, login: string, shoot?: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  await page.waitForURL(`${idp.issuer}/**`);
  // The provider's login form; the email Keito sent as login_hint is already filled in.
  expect(await page.locator('input[name="login"]').inputValue()).toBe(email);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  if (shoot) await screenshot(page, shoot);
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${keito.server.origin}/**`);
}

describe('single sign-on in the browser', () => {
  it('an administrator configures the provider with the redirect URL the page shows', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    const redirectUrl = page.getByTestId('sso-redirect-url');
    await expect.poll(() => redirectUrl.textContent()).toBe(`${keito.server.origin}/v1/auth/sso/callback`);
    await page.getByLabel('Issuer URL').fill(idp.issuer);
    await page.getByLabel('Client ID').fill(idp.clientId);
    await page.getByLabel('Client secret').fill(idp.clientSecret);
    const domains = page.getByPlaceholder('example.com');
    await domains.fill('joiners.test');
    await domains.press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByText('A secret is stored').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sso-settings');
    await context.close();

    const settings = await admin.call('GET', '/workspace/sso');
    expect(settings).toMatchObject({
      issuer: idp.issuer,
      client_secret_set: true,
      auto_join_domains: ['joiners.test'],
    });
  });

  it('a person signs in through the provider and lands in the app', async () => {
    await admin.call('POST', '/users', { name: 'Bo Baker', email: 'bo@northwind.test' });
    idp.setIdentity('bo@northwind.test', {
      email: 'bo@northwind.test',
      email_verified: true,
      name: 'Bo Baker',
    });
    const { page, context } = await keito.browser.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with SSO' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-with-sso');

    await signInWithSso(page, 'bo@northwind.test', 'bo@northwind.test', 'sso-provider-login');
    await page.waitForURL(/\/time/);
    await page.getByText('Bo Baker').first().waitFor();
    const session = await page.evaluate(() => fetch('/v1/auth/session').then((response) => response.json()));
    expect(session.authenticated).toBe(true);
    await context.close();
  });

  it('an administrator lands on the Reports overview, as after a password sign-in', async () => {
    idp.setIdentity(admin.email, { email: admin.email, email_verified: true, name: 'Ada Admin' });
    const { page, context } = await keito.browser.newPage();
    await signInWithSso(page, admin.email, admin.email);
    await page.waitForURL(/\/reports$/);
    // The team's week, empty here: nobody has tracked time in this workspace.
    await page.getByText('No time tracked in this period yet.').waitFor();
    const tabs = page.getByRole('navigation', { name: 'Reports' });
    expect(await tabs.locator('[aria-current="page"]').textContent()).toBe('Overview');
    await screenshot(page, 'sso-administrator-home');
    await context.close();
  });

  it('a new person from an allowed domain joins as a member', async () => {
    idp.setIdentity('jo@joiners.test', { email: 'jo@joiners.test', email_verified: true, name: 'Jo Joiner' });
    const { page, context } = await keito.browser.newPage();
    await signInWithSso(page, 'jo@joiners.test', 'jo@joiners.test');
    await page.waitForURL(/\/time/);
    await page.getByText('Jo Joiner').first().waitFor();
    await context.close();
  });

  it('refuses, and says why, an email with no account in the workspace', async () => {
    idp.setIdentity('eve', { email: 'eve@elsewhere.test', email_verified: true });
    const { page, context } = await keito.browser.newPage();
    await signInWithSso(page, 'bo@northwind.test', 'eve');
    await page.waitForURL(/\/sign-in\?sso_error=unknown_email/);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Single sign-on refused.*no account in this workspace/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sso-refused');
    await context.close();
  });

  it('refuses an ID token for another audience, and an expired one', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const claims of [{ aud: 'another-client' }, { iat: hourAgo - 3600, exp: hourAgo }]) {
      // A fresh browser each time: the provider would otherwise remember the person and skip its pages.
      const { page, context } = await keito.browser.newPage();
      idp.tamperNextIdToken({ claims });
      await signInWithSso(page, 'bo@northwind.test', 'bo@northwind.test');
      await page.waitForURL(/\/sign-in\?sso_error=invalid_token/);
      await page.getByText('could not be verified').waitFor();
      const session = await page.evaluate(() =>
        fetch('/v1/auth/session').then((response) => response.json()),
      );
      expect(session.authenticated).toBe(false);
      await context.close();
    }

    const refusals = await admin.call('GET', '/audit-events?action=sign_in.sso_refused');
    expect(refusals.data.map((event: { details: { error?: string } }) => event.details.error)).toEqual(
      expect.arrayContaining([expect.stringMatching(/"aud"/), expect.stringMatching(/"exp"/)]),
    );
  });
});
