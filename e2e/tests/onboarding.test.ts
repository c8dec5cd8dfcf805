import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';

const keito = useKeito();

describe('onboarding and sign-in', () => {
  it('opens the setup wizard on a new server, detects timezone and currency, and lands on the time page', async () => {
    const { page, context } = await keito.browser.newPage();
    await page.goto('/');
    await page.waitForURL('**/setup');
    await expect.poll(() => page.getByRole('heading', { name: 'Set up Keito' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-company');

    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByText('Enter your company name').isVisible()).toBe(true);
    await page.getByLabel('Company name').fill('Northwind Studio');
    await page.getByRole('button', { name: 'Continue' }).click();

    // The browser runs in Europe/London with en-GB: the wizard proposes those, and they can be changed.
    expect(await page.getByRole('combobox', { name: 'Timezone' }).inputValue()).toBe('Europe/London');
    expect(await page.getByRole('combobox', { name: 'Currency' }).inputValue()).toBe('GBP');
    await page.getByRole('combobox', { name: 'Currency' }).click();
    await page.getByRole('option', { name: 'EUR', exact: true }).click();
    await screenshot(page, 'setup-preferences');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').and(page.locator('input')).fill('correct horse battery');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/time**');

    const workspace = await page.evaluate(() => fetch('/v1/workspace').then((r) => r.json()));
    expect(workspace).toMatchObject({ name: 'Northwind Studio', timezone: 'Europe/London', currency: 'EUR' });
    await expect.poll(() => page.getByRole('banner').getByText('Northwind Studio').isVisible()).toBe(true);
    await context.close();
  });

  it('sends signed-out people to sign-in and back to where they were going', async () => {
    const { page, context } = await keito.browser.newPage();
    await page.goto('/time?view=week');
    await page.waitForURL(/\/sign-in/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').and(page.locator('input')).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Email or password is incorrect');

    await page.getByLabel('Password').and(page.locator('input')).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/time\?view=week/);

    // The session survives a reload (cookie), and signing out ends it.
    await page.reload();
    await page.waitForURL(/\/time/);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/time');
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it('does not offer setup once a workspace exists', async () => {
    const { page, context } = await keito.browser.newPage();
    await page.goto('/setup');
    await page.waitForURL(/\/sign-in/);
    const response = await http(keito.server, 'POST', '/v1/auth/setup', {
      body: {
        company_name: 'Second',
        timezone: 'UTC',
        currency: 'USD',
        name: 'Eve',
        email: 'eve@example.test',
        password: 'password123',
      },
    });
    expect(response.status).toBe(409);
    await context.close();
  });
});
