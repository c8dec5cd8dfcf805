import { startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

// Links in emails point at PUBLIC_URL; the test opens their path on the server it started.
const mailbox: TestMailbox = await startMailbox();
const keito = useKeito({
  env: {
    SMTP_URL: mailbox.url,
    SMTP_FROM: 'Northwind <team@northwind.test>',
    PUBLIC_URL: 'https://time.northwind.test',
  },
});
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});
afterAll(() => mailbox.close());

/** The link of a given path prefix in a mail's plain text, undoing quoted-printable folding. */
function linkIn(raw: string, prefix: string): URL {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = new RegExp(`https://time\\.northwind\\.test${prefix}[^\\s<>"]+`).exec(unfolded);
  if (match === null) throw new Error(`no ${prefix} link in:\n${raw}`);
  return new URL(match[0]);
}

describe('Email notifications', () => {
  it('switches kinds of email on and off in the profile', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/profile#notifications');
    const weekly = page.getByRole('switch', { name: 'Weekly time report' });
    expect(await weekly.isChecked()).toBe(false);
    await weekly.click();
    await expect.poll(() => weekly.isChecked()).toBe(true);
    await expect
      .poll(async () => (await admin.call('GET', '/users/me')).notification_preferences.weekly_report)
      .toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Email notifications' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-notifications');
    await context.close();
  });

  it('sets when timesheet reminders go out', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/settings/workspace');
    await page.getByRole('combobox', { name: 'Reminder day' }).click();
    await page.getByRole('option', { name: 'Thursday' }).click();
    await page.getByLabel('Reminder time').fill('10:30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(async () => (await admin.call('GET', '/workspace')).timesheet_reminders)
      .toMatchObject({ enabled: true, reminder_day: 'thursday', reminder_time: '10:30' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Timesheet reminders' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace-reminders');
    await context.close();
  });

  it('a person added to a project gets an email whose unsubscribe link works without signing in', async () => {
    const client = await admin.call('POST', '/clients', { name: 'Contoso' });
    const project = await admin.call('POST', '/projects', { name: 'Contoso Portal', client_id: client.id });
    const grace = await admin.call('POST', '/users', { name: 'Grace Hopper', email: 'grace@northwind.test' });
    await admin.call('POST', `/projects/${project.id}/user-assignments`, { user_id: grace.id });
    const mail = await mailbox.waitFor('grace@northwind.test');
    expect(mail.raw).toContain('Subject: You were added to the project Contoso Portal');
    const link = linkIn(mail.raw, '/unsubscribe/');

    const { page, context } = await keito.browser.newPage();
    await page.goto(`${link.pathname}${link.search}`);
    await expect
      .poll(() => page.getByText('Stop the emails for').textContent())
      .toContain("I'm added to a project");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('You will no longer get emails for');
    const state = await http<{ subscribed: boolean }>(
      keito.server,
      'GET',
      `/v1/notifications${link.pathname}${link.search}`,
    );
    expect(state.body.subscribed).toBe(false);
    await context.close();
  });
});
