import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let adminId: string;
let project: { id: string };
let billableTask: { id: string };
let internalTask: { id: string };

// A Monday in the past, shown through the time page's date parameter.
const MONDAY = '2026-03-02';

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  adminId = (await admin.call('GET', '/users/me')).id;
  const client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  project = await admin.call('POST', '/projects', { name: 'Website Redesign', client_id: client.id });
  billableTask = await admin.call('POST', '/tasks', { name: 'Development' });
  internalTask = await admin.call('POST', '/tasks', { name: 'Internal meeting', billable_by_default: false });
  for (const task of [billableTask, internalTask]) {
    await admin.call('POST', `/projects/${project.id}/task-assignments`, { task_id: task.id });
  }
  await admin
    .call('POST', `/projects/${project.id}/user-assignments`, { user_id: adminId })
    .catch(() => undefined);
  await admin.call('POST', '/time-entries', {
    project_id: project.id,
    task_id: billableTask.id,
    spent_date: MONDAY,
    hours: 1234.5 / 1000,
    source: 'web',
  });
  await admin.call('PATCH', `/users/${adminId}`, { billable_rate: 1234.5 });
});

describe("the workspace's settings on every screen", () => {
  it('shows dates, durations and money in the workspace’s formats', async () => {
    await admin.call('PATCH', '/workspace', {
      date_format: 'DD/MM/YYYY',
      time_display: 'hours_minutes',
      decimal_separator: ',',
      thousands_separator: '.',
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/time?date=${MONDAY}`);
    // 1.2345 hours are 1:14 in hours and minutes.
    await expect.poll(() => page.getByTestId('daily-total').textContent()).toBe('1:14');
    expect(await page.getByText('Monday 02/03/2026').isVisible()).toBe(true);

    await page.goto(`/time?date=${MONDAY}&view=week`);
    const grid = page.getByRole('table', { name: 'Week timesheet' });
    await expect.poll(() => grid.getByRole('columnheader').nth(1).textContent()).toBe('Mon 02/03');
    await screenshot(page, 'time-week-formats');

    await page.goto('/team');
    // GBP with the workspace's separators: a period for thousands and a comma for decimals.
    await expect.poll(() => page.getByText('£1.234,50').first().isVisible()).toBe(true);

    await admin.call('PATCH', '/workspace', { time_display: 'decimal' });
    await page.goto(`/time?date=${MONDAY}`);
    await expect.poll(() => page.getByTestId('daily-total').textContent()).toBe('1,23');
    await context.close();
  });

  it('hides Approval from the navigation while the workspace has Approvals off', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: 'Approval' }).isVisible()).toBe(true);
    await admin.call('PATCH', '/workspace', { features: { approvals: false } });
    await page.reload();
    await expect.poll(() => nav.getByRole('link', { name: 'Time' }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Approval' }).count()).toBe(0);
    // Nothing to submit either: entries are final when saved.
    expect(await page.getByRole('button', { name: 'Submit week' }).count()).toBe(0);
    await admin.call('PATCH', '/workspace', { features: { approvals: true } });
    await context.close();
  });

  it('opens the entry form in the workspace’s default mode, and the task’s billable default wins', async () => {
    await admin.call('PATCH', '/workspace', { default_entry_mode: 'manual' });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'New entry' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('radio', { name: 'Manual' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Save entry' }).isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Start timer' }).count()).toBe(0);

    await dialog.getByRole('combobox', { name: 'Project' }).click();
    await page.getByRole('option', { name: 'Website Redesign' }).click();
    expect(await dialog.getByLabel('Billable').isChecked()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Task' }).click();
    await page.getByRole('option', { name: 'Internal meeting' }).click();
    // The task is not billable by default, so its assignment on this billable project is not either.
    await expect.poll(() => dialog.getByLabel('Billable').isChecked()).toBe(false);

    // Manual mode wants the hours: an empty duration does not start a timer.
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await expect.poll(() => dialog.getByText('Enter the hours').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'entry-form-manual');

    // The person may still switch to the timer.
    await dialog.getByText('Timer', { exact: true }).click();
    expect(await dialog.getByRole('button', { name: 'Start timer' }).isVisible()).toBe(true);
    await context.close();
    await admin.call('PATCH', '/workspace', { default_entry_mode: 'timer' });
  });
});

describe('Profile: personal display settings', () => {
  it('saves first and last name, phone and a 12-hour time format, and the name follows them', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/profile');
    await page.getByRole('textbox', { name: 'First name' }).fill('Ada');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Byron');
    expect(await page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('Ada Byron');
    await page.getByRole('textbox', { name: 'Phone' }).fill('+44 20 7946 0000');
    await page.getByRole('combobox', { name: 'Time format' }).click();
    await page.getByRole('option', { name: '12-hour (2:30 PM)' }).click();
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved.');
    expect(await admin.call('GET', '/users/me')).toMatchObject({
      first_name: 'Ada',
      last_name: 'Byron',
      name: 'Ada Byron',
      phone: '+44 20 7946 0000',
      time_format: '12h',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-details');
    await context.close();
  });
});

describe('the week grid', () => {
  it('takes notes for the cell clicked into, shows CLI time with its badge, and shows locked cells', async () => {
    await admin.call('POST', '/time-entries', {
      project_id: project.id,
      task_id: internalTask.id,
      spent_date: MONDAY,
      hours: 0.5,
      source: 'cli',
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/time?date=${MONDAY}&view=week`);
    const grid = page.getByRole('table', { name: 'Week timesheet' });
    await expect.poll(() => grid.getByText('CLI', { exact: true }).isVisible()).toBe(true);

    const cell = page.getByRole('textbox', { name: /^Website Redesign, Development, Mon/ });
    await cell.click();
    const notes = page.getByRole('textbox', { name: /^Notes: Website Redesign, Development, Mon/ });
    await notes.fill('Homepage hero');
    await page.getByRole('heading', { name: 'Time' }).click();
    const entries = async () => (await admin.call('GET', `/time-entries?from=${MONDAY}&to=${MONDAY}`)).data;
    await expect
      .poll(
        async () =>
          (await entries()).find((entry: { task_id: string }) => entry.task_id === billableTask.id)?.notes,
      )
      .toBe('Homepage hero');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'time-week-notes');

    // Locked cells say so and take nothing: submitted, the week is closed to its owner.
    const submitted = await admin.call('POST', '/timesheets/submit', { from: MONDAY, to: MONDAY });
    await page.reload();
    const locked = page.getByRole('textbox', { name: /^Website Redesign, Development, Mon.*\(locked\)$/ });
    await expect.poll(() => locked.isVisible()).toBe(true);
    expect(await locked.getAttribute('readonly')).not.toBeNull();
    await screenshot(page, 'time-week-locked');
    await admin.call('POST', `/timesheets/${submitted.id}/reject`, { reason: 'Back to editable' });
    await context.close();
  });
});
