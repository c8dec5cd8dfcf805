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

describe('Settings → Security log', () => {
  it('shows sign-ins, failed sign-ins and role changes with who and from where', async () => {
    const failed = await http(keito.server, 'POST', '/v1/auth/sign-in', {
      body: { email: admin.email, password: 'not the password' },
    });
    expect(failed.status).toBe(401);
    const bo = await admin.call('POST', '/users', { name: 'Bo Baker', email: 'bo@northwind.test' });
    await admin.call('PATCH', `/users/${bo.id}`, { role: 'manager' });

    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Security log' }).click();
    const rows = page.getByTestId('audit-event');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('Signed in');
    expect(await rows.nth(1).textContent()).toMatch(/Role changed.*Ada Admin.*Bo Baker/);
    expect(await rows.nth(2).textContent()).toMatch(/Failed sign-in.*Ada Admin.*127\.0\.0\.1/);

    await page.getByRole('combobox', { name: 'Event' }).click();
    await page.getByRole('option', { name: 'Failed sign-in' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'security-log');
    await context.close();
  });

  it('is not offered to members', async () => {
    const password = 'member password';
    const cy = await admin.call('POST', '/users', { name: 'Cy Member', email: 'cy@northwind.test' });
    const invitation = await admin.call('POST', `/invitations/${cy.id}/resend`);
    const token = String(invitation.accept_url).split('/invitations/')[1];
    await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, { body: { password } });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, 'cy@northwind.test', password);
    expect(await page.getByRole('link', { name: 'Security log' }).count()).toBe(0);
    await context.close();
  });
});
