import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let website: { id: string };
let support: { id: string };

/** March 2026: a custom range, so the figures do not move with the day the tests run. */
const MARCH = 'period=custom&from=2026-03-01&to=2026-03-31';
/** More entries on one project than a page of the detailed report holds (50). */
const WEBSITE_ENTRIES = 52;

/** Today in the workspace's zone (Europe/London): the overview's week contains it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Hours as the app writes them with the workspace's defaults (decimal, two places). */
const hours = (value: number) => value.toFixed(2);

/** An amount in GBP as the app writes it. */
function gbp(amount: number): string {
  const [whole = '0', fraction = '00'] = amount.toFixed(2).split('.');
  return `£${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const totalsRow = (page: Page) => page.getByTestId('summary-totals');

const PASSWORD = 'correct horse battery';

/** Invites someone, accepts for them (the link comes back without SMTP) and keeps their session. */
async function invite(name: string, email: string, role: 'member' | 'manager') {
  const invited = await admin.call('POST', '/invitations', { invitations: [{ name, email, role }] });
  const token = String(invited.data[0].accept_url).split('/').pop();
  await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, { body: { password: PASSWORD } });
  const signedIn = await http(keito.server, 'POST', '/v1/auth/sign-in', {
    body: { email, password: PASSWORD },
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const users = await admin.call('GET', '/users');
  const id: string = users.data.find((user: { email: string }) => user.email === email).id;
  const call = async (method: string, path: string, body?: unknown) => {
    const result = await http<{ [key: string]: unknown }>(keito.server, method, `/v1${path}`, {
      body,
      headers: { cookie, 'x-keito-client': 'e2e' },
    });
    if (result.status >= 300) throw new Error(`${method} ${path} -> ${result.status}`);
    return result.body;
  };
  return { id, email, call };
}

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  await admin.call('PATCH', '/workspace', { features: { expenses: true, invoicing: true, approvals: true } });
  const acme = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  const globex = await admin.call('POST', '/clients', { name: 'Globex' });
  website = await admin.call('POST', '/projects', {
    name: 'Website Redesign',
    client_id: acme.id,
    bill_by: 'project',
    hourly_rate: 150,
  });
  support = await admin.call('POST', '/projects', {
    name: 'Support',
    client_id: globex.id,
    bill_by: 'project',
    hourly_rate: 100,
  });
  // 52 entries of 0.75 h across March on the website, written in one batch.
  const items = Array.from({ length: WEBSITE_ENTRIES }, (_, index) => ({
    project_id: website.id,
    spent_date: `2026-03-${String((index % 28) + 1).padStart(2, '0')}`,
    hours: 0.75,
    notes: `Website task ${index + 1}`,
  }));
  const batch = await admin.call('POST', '/time-entries/batch', { items });
  expect(batch.failed).toEqual([]);
  for (const [date, spent, billable] of [
    ['2026-03-10', 2.5, true],
    ['2026-03-11', 1.25, false],
    [today(), 3, true],
    [today(), 1.5, false],
  ] as const) {
    await admin.call('POST', '/time-entries', {
      project_id: support.id,
      spent_date: date,
      hours: spent,
      is_billable: billable,
      notes: 'Support call',
    });
  }
  for (const [category, cost, notes] of [
    ['cat_lodging', 180, 'Hotel'],
    ['cat_lodging', 95.5, 'Second night'],
    ['cat_meals', 42.3, 'Dinner'],
  ] as const) {
    await admin.call('POST', '/expenses', {
      project_id: website.id,
      expense_category_id: category,
      spent_date: '2026-03-12',
      total_cost: cost,
      notes,
    });
  }
});

describe('Reports', () => {
  it('an administrator lands on the overview of this week: hours, billable share and hours by project', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password, { stay: true });
    await page.waitForURL(/\/reports$/);
    const week = await admin.call('GET', '/reports/time?period=this_week&group_by=project');
    await expect
      .poll(() => page.getByTestId('overview-hours').textContent())
      .toBe(`${hours(week.totals.total_hours)} h`);
    // 3 billable hours of 4.5: two thirds.
    expect(await page.getByTestId('overview-billable-share').textContent()).toBe('67 % (3.00 h)');
    expect(await page.getByTestId('overview-amount').textContent()).toBe(
      gbp(week.totals.amounts[0].billable_amount),
    );
    // The chart loads after the figures (its own chunk).
    await expect.poll(() => page.getByRole('img', { name: 'Hours by project' }).isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-overview');
    await context.close();
  });

  it('keeps its filters and grouping in the URL: they survive a reload, and Back undoes the last one', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}`);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(2);

    await chooseOption(page, 'Group by', 'Client');
    await page.waitForURL(/group_by=client/);
    await page.getByRole('combobox', { name: 'Projects' }).click();
    await page.getByRole('option', { name: 'Support', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(new RegExp(`project_id=${support.id}`));
    const filtered = await admin.call(
      'GET',
      `/reports/time?${MARCH}&group_by=client&project_id=${support.id}`,
    );
    expect(filtered.results.map((row: { name: string }) => row.name)).toEqual(['Globex']);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(1);
    await expect.poll(() => totalsRow(page).textContent()).toContain(hours(filtered.totals.total_hours));

    await page.reload();
    await expect.poll(() => page.getByTestId('summary-row').textContent()).toContain('Globex');
    expect(await page.getByTestId('summary-row').count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Group by' }).inputValue()).toBe('Client');
    const cells = await totalsRow(page).getByRole('cell').allTextContents();
    expect(cells.slice(1)).toEqual([
      hours(filtered.totals.total_hours),
      hours(filtered.totals.billable_hours),
      hours(filtered.totals.non_billable_hours),
      gbp(filtered.totals.amounts[0].billable_amount),
      gbp(filtered.totals.amounts[0].uninvoiced_amount),
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goBack();
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(2);
    expect(page.url()).not.toContain('project_id');
    expect(page.url()).toContain('group_by=client');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-time');
    await context.close();
  });

  /**
   * Arrow keys until the option the keyboard is on (Mantine marks it `data-combobox-selected`) is the
   * one wanted. Mantine learns which option an opened list starts from in a timeout of its own, so a
   * key pressed before that starts from the list's end: one press is not always enough.
   */
  async function moveTo(
    page: Page,
    key: 'ArrowUp' | 'ArrowDown',
    wanted: (option: string | null) => boolean,
  ) {
    for (let presses = 0; presses < 12; presses++) {
      await page.keyboard.press(key);
      const on = page.locator('[data-combobox-selected]');
      if (wanted((await on.count()) === 0 ? null : await on.first().textContent())) return;
    }
    throw new Error(`no option wanted reached with ${key}`);
  }

  it('works from the keyboard: the grouping, a filter and a row’s entries', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}`);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(2);
    // Group by: open with Enter, Client is just above Project, Enter takes it.
    await page.getByRole('combobox', { name: 'Group by' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Project', selected: true }).waitFor();
    await moveTo(page, 'ArrowUp', (option) => option === 'Client');
    await page.keyboard.press('Enter');
    await page.waitForURL(/group_by=client/);
    // Billable: behind More filters, a button like any other.
    await page.getByRole('button', { name: 'More filters' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Billable' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'All', selected: true }).waitFor();
    await moveTo(page, 'ArrowDown', (option) => option !== null && option !== 'All');
    await page.keyboard.press('Enter');
    // Plain in the URL, as the API takes it (not the router's default `is_billable=%22true%22`).
    await page.waitForURL(/is_billable=true(&|$)/);
    const billable = await admin.call('GET', `/reports/time?${MARCH}&group_by=client&is_billable=true`);
    await expect
      .poll(async () => (await totalsRow(page).getByRole('cell').allTextContents())[1])
      .toBe(hours(billable.totals.total_hours));
    await page.getByRole('link', { name: 'Globex' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/drill=/);
    // Support's billable March entry only: 2.5 h.
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(1);
    await context.close();
  });

  it('drills from a summary row into its entries, a page at a time, and exports exactly those', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}&group_by=project`);
    await page.getByRole('link', { name: 'Website Redesign' }).click();
    await page.waitForURL(new RegExp(`drill=${website.id}`));
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(50);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(WEBSITE_ENTRIES);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    // 0.75 h at £150.
    expect(await page.getByTestId('entry-row').first().getByRole('cell').nth(6).textContent()).toBe(
      '£112.50',
    );

    // The drill-down is in the URL: a reload keeps it.
    await page.reload();
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(50);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-time-entries');

    const csvLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await csvLink.getAttribute('href')).toContain(`project_id=${website.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const rows: Record<string, string>[] = parse(await readFile(await download.path(), 'utf8'), {
      bom: true,
      columns: true,
    });
    expect(rows).toHaveLength(WEBSITE_ENTRIES);
    expect(new Set(rows.map((row) => row.Project))).toEqual(new Set(['Website Redesign']));

    await page.goBack();
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(2);
    await context.close();
  });

  it('saves a report with its filters and grouping, shares it, opens it from the list and deletes it', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}&group_by=client`);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(2);
    await page.getByRole('button', { name: 'Save report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save report' });
    await dialog.getByLabel('Name').fill('March by client');
    await dialog.getByRole('checkbox', { name: /Share with the workspace/ }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const saved = (await admin.call('GET', '/reports/saved?kind=time')).data;
    expect(saved).toMatchObject([
      {
        name: 'March by client',
        group_by: 'client',
        visibility: 'workspace',
        filters: { period: 'custom', from: '2026-03-01', to: '2026-03-31' },
      },
    ]);

    await page.goto('/reports/time');
    await page.getByRole('button', { name: 'Saved reports (1)' }).click();
    await page
      .getByRole('dialog', { name: 'Saved reports' })
      .getByRole('link', { name: 'March by client' })
      .click();
    await page.waitForURL(/from=2026-03-01/);
    expect(page.url()).toContain('group_by=client');
    const march = await admin.call('GET', `/reports/time?${MARCH}&group_by=client`);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(march.results.length);
    expect((await totalsRow(page).getByRole('cell').allTextContents())[1]).toBe(
      hours(march.totals.total_hours),
    );

    await page.getByRole('button', { name: 'Saved reports (1)' }).click();
    page.once('dialog', (confirm) => void confirm.accept());
    await page.getByRole('button', { name: 'Delete March by client' }).click();
    await expect.poll(() => page.getByText('No saved reports yet', { exact: false }).isVisible()).toBe(true);
    expect((await admin.call('GET', '/reports/saved')).data).toEqual([]);
    await context.close();
  });

  it('renames a saved report from the keyboard, and says why a name is refused', async () => {
    const report = await admin.call('POST', '/reports/saved', {
      name: 'Weekly hours',
      kind: 'time',
      filters: { period: 'this_week' },
      group_by: 'project',
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/reports/time');
    await page.getByRole('button', { name: 'Saved reports (1)' }).focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('dialog', { name: 'Saved reports' });
    await list.getByRole('button', { name: 'Rename Weekly hours' }).focus();
    await page.keyboard.press('Enter');

    // The name is focused and selected: typing replaces it.
    const dialog = page.getByRole('dialog', { name: 'Rename saved report' });
    const field = dialog.getByLabel('Name');
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe('Weekly hours');
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await dialog.getByText('Enter a name').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-saved-rename-blank');
    expect((await admin.call('GET', `/reports/saved/${report.id}`)).name).toBe('Weekly hours');

    await field.fill('');
    await page.keyboard.type('Team hours by project');
    expect(await dialog.getByText('Enter a name').count()).toBe(0);
    await screenshot(page, 'reports-saved-rename');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // Back on the list, which shows the new name, with focus where it was.
    await list.getByRole('link', { name: 'Team hours by project' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Rename Team hours by project',
    );
    await screenshot(page, 'reports-saved-list');
    expect(await admin.call('GET', `/reports/saved/${report.id}`)).toMatchObject({
      name: 'Team hours by project',
      group_by: 'project',
      filters: { period: 'this_week' },
    });

    // Escape closes only the rename dialog; the name stays.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await list.isVisible()).toBe(true);
    expect((await admin.call('GET', `/reports/saved/${report.id}`)).name).toBe('Team hours by project');

    // Deleted elsewhere while the list was open: the API's refusal is shown in the dialog.
    await admin.call('DELETE', `/reports/saved/${report.id}`);
    await page.keyboard.press('Enter');
    await field.fill('Gone by now');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/not found/i);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-saved-rename-refused');
    await context.close();
  });

  it('asks for a name in the Save report dialog rather than sending one of only spaces', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}`);
    await page.getByRole('button', { name: 'Save report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save report' });
    const field = dialog.getByLabel('Name');
    await field.fill('   ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter a name').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Said by the form: no request went out, so no API message either.
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-save-blank-name');
    expect((await admin.call('GET', '/reports/saved')).data).toEqual([]);

    // Closed and opened again, the dialog starts afresh: neither the name nor its error is left.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save report' }).click();
    await field.waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await dialog.getByText('Enter a name').count()).toBe(0);

    await field.fill('March hours');
    expect(await dialog.getByText('Enter a name').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const [saved] = (await admin.call('GET', '/reports/saved')).data;
    expect(saved).toMatchObject({ name: 'March hours', visibility: 'private' });
    await admin.call('DELETE', `/reports/saved/${saved.id}`);
    await context.close();
  });

  it('offers Rename and Delete of a shared report to whoever the API lets change it', async () => {
    const sam = await invite('Sam Sharer', 'sam@northwind.test', 'member');
    const nina = await invite('Nina Manager', 'nina@northwind.test', 'manager');
    const shared = await sam.call('POST', '/reports/saved', {
      name: 'Team week',
      kind: 'time',
      filters: { period: 'this_week' },
      group_by: 'person',
      visibility: 'workspace',
    });

    // A manager sees the shared report but may not change it: no buttons, as the API says.
    expect((await nina.call('GET', `/reports/saved/${shared.id}`)).can_edit).toBe(false);
    const asManager = await keito.browser.newPage();
    await signIn(asManager.page, nina.email, PASSWORD);
    await asManager.page.goto('/reports/time');
    await asManager.page.getByRole('button', { name: 'Saved reports (1)' }).click();
    const managersList = asManager.page.getByRole('dialog', { name: 'Saved reports' });
    await managersList.getByRole('link', { name: 'Team week' }).waitFor();
    expect(await managersList.getByRole('button', { name: /Rename|Delete/ }).count()).toBe(0);
    expect(await seriousViolations(asManager.page)).toEqual([]);
    await screenshot(asManager.page, 'reports-saved-shared-manager');
    await asManager.context.close();

    // An administrator may: renames it from the list, and the API took it.
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/reports/time');
    await page.getByRole('button', { name: 'Saved reports (1)' }).click();
    const list = page.getByRole('dialog', { name: 'Saved reports' });
    await list.getByRole('button', { name: 'Delete Team week' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-saved-shared-administrator');
    await list.getByRole('button', { name: 'Rename Team week' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename saved report' });
    await dialog.getByLabel('Name').fill('Team week (everyone)');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await list.getByRole('link', { name: 'Team week (everyone)' }).waitFor();
    expect(await sam.call('GET', `/reports/saved/${shared.id}`)).toMatchObject({
      name: 'Team week (everyone)',
      owner_id: sam.id,
      can_edit: true,
    });
    page.once('dialog', (confirm) => void confirm.accept());
    await list.getByRole('button', { name: 'Delete Team week (everyone)' }).click();
    await expect.poll(() => page.getByText('No saved reports yet', { exact: false }).isVisible()).toBe(true);
    expect((await sam.call('GET', '/reports/saved')).data).toEqual([]);
    await context.close();
  });

  it('still opens an old link whose filter the router wrote quoted, and writes it plainly', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/time?${MARCH}&group_by=client&is_billable=%22true%22`);
    const billable = await admin.call('GET', `/reports/time?${MARCH}&group_by=client&is_billable=true`);
    await expect
      .poll(async () => (await totalsRow(page).getByRole('cell').allTextContents())[1])
      .toBe(hours(billable.totals.total_hours));
    // A filter behind "More filters" that is set keeps them open.
    expect(await page.getByRole('combobox', { name: 'Billable' }).inputValue()).toBe('Billable');
    await chooseOption(page, 'Group by', 'Project');
    await page.waitForURL(/group_by=project/);
    expect(new URL(page.url()).search).toContain('is_billable=true');
    expect(page.url()).not.toContain('%22');
    await context.close();
  });

  it('shows expenses by category with totals equal to the API’s, and a category’s expenses', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/reports/expenses?${MARCH}&group_by=category`);
    const report = await admin.call('GET', `/reports/expenses?${MARCH}&group_by=category`);
    await expect.poll(() => page.getByTestId('summary-row').count()).toBe(report.results.length);
    const total = report.totals.amounts[0];
    expect((await totalsRow(page).getByRole('cell').allTextContents()).slice(1)).toEqual([
      gbp(total.total_amount),
      gbp(total.billable_amount),
      gbp(total.non_billable_amount),
      gbp(total.uninvoiced_amount),
    ]);
    // 180 + 95.50 + 42.30, added by the server.
    expect(total.total_amount).toBe(317.8);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-expenses');

    await page.getByRole('link', { name: 'Lodging' }).click();
    await page.waitForURL(/drill=/);
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Expenses' }).textContent()).toContain('£95.50');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a manager who may not see the rates their team’s hours, without amounts', async () => {
    const mary = await invite('Mary Member', 'mary@northwind.test', 'member');
    const mike = await invite('Mike Manager', 'mike@northwind.test', 'manager');
    await admin.call('PUT', `/users/${mike.id}/teammates`, { teammate_ids: [mary.id] });
    await admin.call('POST', `/projects/${support.id}/user-assignments`, { user_id: mary.id });
    await mary.call('POST', '/time-entries', { project_id: support.id, spent_date: '2026-03-16', hours: 2 });

    const seen = await mike.call('GET', `/reports/time?${MARCH}&group_by=person`);
    expect(seen).toMatchObject({
      results: [{ name: 'Mary Member', total_hours: 2, billable_amount: null }],
      totals: { amounts: [{ billable_amount: null }] },
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, mike.email, PASSWORD);
    await page.goto(`/reports/time?${MARCH}&group_by=person`);
    await expect.poll(() => page.getByTestId('summary-row').textContent()).toContain('Mary Member');
    const headings = await page
      .getByRole('table', { name: 'Time summary' })
      .getByRole('columnheader')
      .allTextContents();
    expect(headings).toEqual(['Person', 'Hours', 'Billable hours', 'Non-billable hours']);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { page, context } = await keito.browser.newPage({ phone: true });
    await signIn(page, admin.email, admin.password);
    for (const [path, shot] of [
      ['/reports', 'reports-overview-phone'],
      [`/reports/time?${MARCH}`, 'reports-time-phone'],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => page.getByTestId('report-chart').first().isVisible()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, shot);
    }
    await context.close();
  });
});
