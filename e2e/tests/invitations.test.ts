import { invitationLink, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

// The SMTP server must be listening before the Keito server starts, which reads SMTP_URL at boot.
const mailbox: TestMailbox = await startMailbox();
const keito = useKeito({ env: { SMTP_URL: mailbox.url, SMTP_FROM: 'Northwind <team@northwind.test>' } });
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});
afterAll(() => mailbox.close());

describe('Inviting the team', () => {
  it('invites two people from the Team page; one follows the emailed link, sets a password and lands signed in', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Invite people' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite people' });

    await dialog.getByLabel('Name').fill('Grace Hopper');
    await dialog.getByLabel('Email').fill('grace@northwind.test');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    await dialog.getByRole('combobox', { name: 'Employment type' }).click();
    await page.getByRole('option', { name: 'Contractor' }).click();
    await dialog.getByRole('textbox', { name: 'Billable rate' }).fill('120');
    await dialog.getByLabel('Weekly capacity').fill('30');

    await dialog.getByRole('button', { name: 'Add another person' }).click();
    const second = dialog.getByRole('group', { name: 'Person 2' });
    await second.getByLabel('Name').fill('Alan Turing');
    await second.getByLabel('Email').fill('alan@northwind.test');
    await screenshot(page, 'invite-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
    await expect.poll(() => dialog.getByText('Invitation emailed to', { exact: false }).count()).toBe(2);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await expect.poll(() => pending.getByText('Alan Turing').isVisible()).toBe(true);
    const users = (await admin.call('GET', '/users?limit=200')).data;
    expect(users.find((user: { name: string }) => user.name === 'Grace Hopper')).toMatchObject({
      status: 'pending',
      role: 'manager',
      employment_type: 'contractor',
      billable_rate: 120,
      weekly_capacity: 30,
    });

    // The emails go out from the job queue just after the invitations are saved; Alan's has arrived
    // before he is cancelled (a cancelled invitation still waiting in the queue is not mailed).
    await mailbox.waitFor('alan@northwind.test');
    // Cancelling Alan removes him: nothing was ever recorded for him.
    await page.getByRole('button', { name: 'Cancel invitation to Alan Turing' }).click();
    await expect.poll(() => pending.getByText('Alan Turing').count()).toBe(0);

    // Resending gives Grace a new link; the first one stops working.
    const firstLink = invitationLink(await mailbox.waitFor('grace@northwind.test'));
    await page.getByRole('button', { name: 'Resend invitation to Grace Hopper' }).click();
    const resent = page.getByRole('dialog', { name: 'Invitation resent' });
    await expect.poll(() => resent.getByText('Invitation emailed to').isVisible()).toBe(true);
    await resent.getByRole('button', { name: 'Done' }).click();
    const link = invitationLink(await mailbox.waitFor('grace@northwind.test'));
    expect(link).not.toBe(firstLink);
    await context.close();

    const grace = await keito.browser.newPage();
    await grace.page.goto(firstLink);
    await expect
      .poll(() => grace.page.getByRole('alert').textContent())
      .toMatch(/already used or was cancelled/);

    await grace.page.goto(link);
    await expect
      .poll(() => grace.page.getByRole('heading', { name: 'Join Northwind Studio' }).isVisible())
      .toBe(true);
    expect(await grace.page.getByText('Ada Admin invited you as a manager').isVisible()).toBe(true);
    expect(await grace.page.getByLabel('Email').inputValue()).toBe('grace@northwind.test');
    await grace.page
      .getByLabel(/^Password/)
      .and(grace.page.locator('input'))
      .fill('grace-secret-1');
    await grace.page
      .getByLabel('Repeat the password')
      .and(grace.page.locator('input'))
      .fill('grace-secret-1');
    await screenshot(grace.page, 'accept-invitation');
    expect(await seriousViolations(grace.page)).toEqual([]);
    await grace.page.getByRole('button', { name: 'Join Northwind Studio' }).click();
    await grace.page.waitForURL(/\/time/);
    await expect.poll(() => grace.page.getByRole('link', { name: 'Team' }).isVisible()).toBe(true);
    await grace.context.close();

    const afterwards = (await admin.call('GET', '/users?limit=200')).data;
    expect(afterwards.find((user: { name: string }) => user.name === 'Grace Hopper').status).toBe('active');
    expect(afterwards.some((user: { name: string }) => user.name === 'Alan Turing')).toBe(false);

    // And she can sign in again with her new password.
    const again = await keito.browser.newPage();
    await signIn(again.page, 'grace@northwind.test', 'grace-secret-1');
    await again.context.close();
  });
});
