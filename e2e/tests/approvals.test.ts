import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

// Runs once the timesheets API (issue 13, "approvals") is merged: move it to e2e/tests/.
const keito = useKeito();
let admin: SignedInAdmin;
let mary: { id: string; email: string; password: string; cookie: string };
let project: { id: string };
let task: { id: string };

// Two past weeks, Monday to Sunday (the workspace's default week).
const WEEK_A = '2026-03-02';
const WEEK_B = '2026-03-09';

async function asMary(method: string, path: string, body?: unknown) {
  const result = await http(keito.server, method, `/v1${path}`, {
    body,
    headers: { cookie: mary.cookie, 'x-keito-client': 'e2e' },
  });
  if (result.status >= 300)
    throw new Error(`${method} ${path} -> ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  project = await admin.call('POST', '/projects', { name: 'Website Redesign', client_id: client.id });
  task = await admin.call('POST', '/tasks', { name: 'Development' });
  await admin.call('POST', `/projects/${project.id}/task-assignments`, { task_id: task.id });

  // Mary accepts her invitation (without SMTP it comes back as a link) and gets a password.
  const invited = await admin.call('POST', '/invitations', {
    invitations: [{ name: 'Mary Member', email: 'mary@northwind.test' }],
  });
  const token = String(invited.data[0].accept_url).split('/').pop();
  const password = 'correct horse battery';
  await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, { body: { password } });
  const signedIn = await http<{ user_id?: string }>(keito.server, 'POST', '/v1/auth/sign-in', {
    body: { email: 'mary@northwind.test', password },
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const users = await admin.call('GET', '/users');
  const id = users.data.find((user: { email: string }) => user.email === 'mary@northwind.test').id;
  mary = { id, email: 'mary@northwind.test', password, cookie };
  await admin.call('POST', `/projects/${project.id}/user-assignments`, { user_id: mary.id });

  for (const [date, hours, notes] of [
    [WEEK_A, 3, 'Homepage'],
    ['2026-03-03', 4.5, 'Navigation'],
    [WEEK_B, 2, 'Meeting'],
  ] as const) {
    await asMary('POST', '/time-entries', {
      project_id: project.id,
      task_id: task.id,
      spent_date: date,
      hours,
      notes,
      source: 'web',
    });
  }
});

describe('timesheet approval, in the browser', () => {
  it('a member submits a week after seeing what goes', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, mary.email, mary.password);
    await page.goto(`/time?date=${WEEK_A}&view=week`);
    await page.getByRole('button', { name: 'Submit week' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('submit-total').textContent()).toBe('7.50');
    expect(await dialog.getByRole('table', { name: 'What will be submitted' }).getByRole('row').count()).toBe(
      3,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'time-submit-week');
    await dialog.getByRole('button', { name: 'Submit for approval' }).click();
    const grid = page.getByRole('table', { name: 'Week timesheet' });
    await expect.poll(() => grid.getByTestId('approval-status').first().textContent()).toBe('Submitted');
    await context.close();
    // The second week goes through the API, as an agent or the CLI would send it.
    await asMary('POST', '/timesheets/submit', { from: WEEK_B, to: '2026-03-15' });
  });

  it('an administrator rejects one with a note and approves the other from the queue', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approval' }).click();
    await page.waitForURL(/\/time\/approval$/);
    await expect.poll(() => page.getByTestId('timesheet-row').count()).toBe(2);
    // Off the link just clicked: Mantine's hovered active nav link is under 4.5:1 on every page.
    await page.mouse.move(600, 700);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'approval-queue');

    await page
      .getByRole('checkbox', { name: /^Select Mary Member, 09\/03|^Select Mary Member, 2026-03-09/ })
      .check();
    await page
      .getByRole('textbox', { name: /^Note for the selected timesheets/ })
      .fill('Split the meeting by client');
    await page.getByRole('button', { name: 'Reject selected' }).click();
    await expect.poll(() => page.getByTestId('timesheet-row').count()).toBe(1);

    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: /^Approve selected/ }).click();
    await expect.poll(() => page.getByText('Nothing here.').isVisible()).toBe(true);

    // The drill-down of the approved week: its daily totals, and withdrawing the approval.
    await page.getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'Approved' }).click();
    await page.getByRole('button', { name: 'Open' }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('timesheet-total').textContent()).toBe('7.50');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'approval-drill-down');
    await drawer.getByRole('button', { name: 'Withdraw approval' }).click();
    const waiting = async () =>
      (await admin.call('GET', `/timesheets?user_id=${mary.id}&state=submitted`)).data;
    await expect.poll(async () => (await waiting()).length).toBe(1);
    const [withdrawn] = await waiting();
    expect(withdrawn).toMatchObject({ from: WEEK_A, state: 'submitted' });
    await admin.call('POST', `/timesheets/${withdrawn.id}/approve`, {});
    await context.close();
  });

  it('the member sees the approved week locked and the rejection with its reason', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, mary.email, mary.password);
    await page.goto(`/time?date=${WEEK_A}&view=week`);
    const grid = page.getByRole('table', { name: 'Week timesheet' });
    await expect.poll(() => grid.getByTestId('approval-status').first().textContent()).toBe('Approved');
    const locked = page.getByRole('textbox', { name: /^Website Redesign, Development, Mon.*\(locked\)$/ });
    expect(await locked.getAttribute('readonly')).not.toBeNull();
    await screenshot(page, 'time-week-approved');

    await page.goto(`/time?date=${WEEK_B}&view=week`);
    await expect
      .poll(() => page.getByTestId('rejection').textContent())
      .toContain('Split the meeting by client');
    expect(await grid.getByTestId('approval-status').first().textContent()).toBe('Rejected');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { page, context } = await keito.browser.newPage({ phone: true });
    await signIn(page, admin.email, admin.password);
    await page.goto('/time/approval');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Approval', exact: true }).isVisible())
      .toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'approval-phone');
    await context.close();
  });
});
