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

describe('Settings → Workspace', () => {
  it('keeps a new week start and rounding after a reload, and the week view starts on that day', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.waitForURL(/\/settings\/workspace$/);
    await page.getByRole('textbox', { name: /^Company name/ }).fill('Northwind Labs');
    await page.getByRole('combobox', { name: 'Week starts on' }).click();
    await page.getByRole('option', { name: 'Wednesday' }).click();
    await page.getByRole('combobox', { name: 'Rounding' }).click();
    await page.getByRole('option', { name: '15 minutes' }).click();
    await page.getByLabel('Require notes').check();
    await page.getByLabel('Invoicing').uncheck();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved.');
    expect(await admin.call('GET', '/workspace')).toMatchObject({
      name: 'Northwind Labs',
      week_starts_on: 'wednesday',
      rounding_minutes: 15,
      require_notes: true,
      features: { invoicing: false },
    });

    await page.reload();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Week starts on' }).inputValue())
      .toBe('Wednesday');
    expect(await page.getByRole('combobox', { name: 'Rounding' }).inputValue()).toBe('15 minutes (1/4 hour)');
    expect(await page.getByLabel('Require notes').isChecked()).toBe(true);
    expect(await page.getByLabel('Invoicing').isChecked()).toBe(false);
    await screenshot(page, 'settings-workspace');

    await page.goto('/time?view=week');
    const grid = page.getByRole('table', { name: 'Week timesheet' });
    await expect.poll(() => grid.getByRole('columnheader').nth(1).textContent()).toMatch(/^Wed/);
    expect(await grid.getByRole('columnheader').nth(7).textContent()).toMatch(/^Tue/);
    await context.close();
  });

  it('is an administrator’s page: a member has no link to it and sees it read-only', async () => {
    // Without SMTP the invitation comes back as a link; accepting it gives Mary a password.
    const invited = await admin.call('POST', '/invitations', {
      invitations: [{ name: 'Mary Member', email: 'mary@northwind.test' }],
    });
    const token = String(invited.data[0].accept_url).split('/').pop();
    const accepted = await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, {
      body: { password: 'correct horse battery' },
    });
    expect(accepted.status).toBeLessThan(300);
    const { page, context } = await keito.browser.newPage();
    await signIn(page, 'mary@northwind.test', 'correct horse battery');
    await expect.poll(() => page.getByRole('link', { name: 'API keys' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Workspace' }).count()).toBe(0);
    await page.goto('/settings/workspace');
    await expect
      .poll(() => page.getByText('Only administrators can change these settings.').isVisible())
      .toBe(true);
    expect(await page.getByRole('textbox', { name: /^Company name/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-workspace-member');
    await context.close();
  });
});
