import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});

const signInStatus = async (email: string, password: string) =>
  (await http(keito.server, 'POST', '/v1/auth/sign-in', { body: { email, password } })).status;

describe('Profile', () => {
  it('changes your name and timezone', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Ada Lovelace');
    await page.getByRole('combobox', { name: 'Timezone' }).fill('Asia/Tok');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved.');
    expect(await admin.call('GET', '/users/me')).toMatchObject({
      name: 'Ada Lovelace',
      timezone: 'Asia/Tokyo',
    });
    // The header shows the new name without a reload.
    await expect
      .poll(() => page.getByRole('button', { name: 'Account menu' }).textContent())
      .toBe('Ada Lovelace');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile');
    await context.close();
  });

  it('lists the browsers you are signed in on and signs out everywhere', async () => {
    const other = await keito.browser.newPage();
    await signIn(other.page, admin.email, admin.password);
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/profile');
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.filter({ hasText: 'This browser' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-sessions');

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    // The other browser is signed out too: its next visit lands on the sign-in page.
    await other.page.goto('/profile');
    await expect.poll(() => new URL(other.page.url()).pathname).toBe('/sign-in');
    await other.context.close();
    await context.close();
  });

  it('signs one other browser out', async () => {
    const other = await keito.browser.newPage();
    await signIn(other.page, admin.email, admin.password);
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/profile');
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count()).toBe(2);
    // No button on this browser's own row: "Sign out everywhere" is for that.
    expect(
      await rows.filter({ hasText: 'This browser' }).getByRole('button', { name: 'Sign out' }).count(),
    ).toBe(0);
    await rows.filter({ hasNotText: 'This browser' }).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await other.page.goto('/profile');
    await expect.poll(() => new URL(other.page.url()).pathname).toBe('/sign-in');
    await page.reload();
    await expect.poll(() => rows.count()).toBe(1);
    await other.context.close();
    await context.close();
  });

  it('changes the password: a wrong current password is refused, then the new one signs in', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/profile');
    await page
      .getByLabel(/^Current password/)
      .and(page.locator('input'))
      .fill('not my password');
    await page
      .getByLabel(/^New password/)
      .and(page.locator('input'))
      .fill('a brand new secret');
    await page
      .getByLabel(/^Repeat the new password/)
      .and(page.locator('input'))
      .fill('a brand new secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The current password is incorrect');

    await page
      .getByLabel(/^Current password/)
      .and(page.locator('input'))
      .fill(admin.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('Your password was changed.').isVisible()).toBe(true);
    expect(await signInStatus(admin.email, admin.password)).toBe(401);
    expect(await signInStatus(admin.email, 'a brand new secret')).toBe(200);
    await context.close();
  });
});
