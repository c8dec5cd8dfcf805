import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

/**
 * Reports → Budgets, Utilisation and Agents in the browser: each page shows the figures the API
 * answers for a seeded workspace (checked against the API and the hand-computed seed), keeps its
 * filters in the URL across a reload, shows what each role may see, passes axe and fits a phone.
 */

const keito = useKeito();
let admin: SignedInAdmin;
const password = 'correct horse battery';
/** A past week, with custom dates, so the figures do not depend on today. */
const WEEK = 'period=custom&from=2026-11-02&to=2026-11-08';
const ids: Record<string, string> = {};

/** Invites a person, who sets a password through the link and can then sign in. */
async function invite(name: string, email: string, role: 'member' | 'manager', weeklyCapacity: number) {
  const invited = await admin.call('POST', '/invitations', {
    invitations: [{ name, email, role, weekly_capacity: weeklyCapacity }],
  });
  const token = String(invited.data[0].accept_url).split('/').pop();
  await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, { body: { password } });
  return invited.data[0].id as string;
}

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const me = await admin.call('GET', '/users/me');
  await admin.call('PATCH', `/users/${me.id}`, { weekly_capacity: 20 });
  const acme = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  const globex = await admin.call('POST', '/clients', { name: 'Globex', currency: 'USD' });
  ids.mary = await invite('Mary Member', 'mary@northwind.test', 'member', 20);
  ids.max = await invite('Max Manager', 'max@northwind.test', 'manager', 35);
  await admin.call('POST', '/users', { name: 'Bob Builder', email: 'bob@northwind.test' });
  const bot = await admin.call('POST', '/users', { name: 'review-bot', user_type: 'agent', cost_rate: 10 });
  const botKey = (await admin.call('POST', '/api-keys', { name: 'review-bot', user_id: bot.id })).key;
  // Max manages the agent (his report covers its work) without "View billable rates".
  await admin.call('PUT', `/users/${ids.max}/teammates`, { teammate_ids: [bot.id] });

  const project = (body: Record<string, unknown>) => admin.call('POST', '/projects', body);
  const website = await project({
    name: 'Website Redesign',
    client_id: acme.id,
    hourly_rate: 100,
    budget_by: 'total_hours',
    budget_hours: 20,
    show_budget_to_all: true,
  });
  const mobile = await project({
    name: 'Mobile App',
    client_id: acme.id,
    hourly_rate: 75,
    budget_by: 'total_fees',
    budget_amount: 1000,
    show_budget_to_all: false,
  });
  const support = await project({
    name: 'Support Retainer',
    client_id: globex.id,
    hourly_rate: 50,
    budget_by: 'total_hours',
    budget_hours: 40,
    budget_resets_monthly: true,
    show_budget_to_all: true,
  });
  const design = await project({ name: 'Design System', client_id: acme.id, budget_by: 'task' });
  const task = await admin.call('POST', '/tasks', { name: 'Illustration' });
  await admin.call('POST', `/projects/${design.id}/task-assignments`, { task_id: task.id, budget_hours: 10 });
  const ops = await project({ name: 'Agent Ops', client_id: acme.id, hourly_rate: 120 });
  Object.assign(ids, { website: website.id, mobile: mobile.id, support: support.id, ops: ops.id });
  for (const id of [website.id, mobile.id, support.id]) {
    await admin.call('POST', `/projects/${id}/user-assignments`, { user_id: ids.mary });
  }
  await admin.call('POST', `/projects/${ops.id}/user-assignments`, { user_id: bot.id });

  const log = (body: Record<string, unknown>) =>
    admin.call('POST', '/time-entries', { notes: 'work', ...body });
  await log({ project_id: website.id, user_id: ids.mary, spent_date: '2026-11-03', hours: 10 });
  await log({ project_id: website.id, spent_date: '2026-11-04', hours: 8 });
  await log({ project_id: mobile.id, spent_date: '2026-11-05', hours: 14 });
  await log({ project_id: support.id, user_id: ids.mary, spent_date: '2026-11-06', hours: 4 });
  await log({ project_id: ops.id, spent_date: '2026-11-06', hours: 2 });
  // Before the week the people reports cover: only the (lifetime) task budget counts it.
  await log({ project_id: design.id, task_id: task.id, spent_date: '2026-10-20', hours: 5 });
  const asBot = async (path: string, body: Record<string, unknown>) => {
    const response = await http(keito.server, 'POST', `/v1${path}`, {
      body: { project_id: ops.id, ...body },
      headers: { authorization: `Bearer ${botKey}` },
    });
    expect(response.status).toBe(201);
  };
  const agentTime = { source: 'agent', notes: 'review' };
  await asBot('/time-entries', {
    ...agentTime,
    spent_date: '2026-11-03',
    hours: 2,
    metadata: { model: 'claude-sonnet' },
  });
  await asBot('/time-entries', {
    ...agentTime,
    spent_date: '2026-11-04',
    hours: 1.5,
    metadata: { model: 'gpt-4o' },
  });
  await asBot('/time-entries', { ...agentTime, spent_date: '2026-11-05', hours: 1 });
  const llm = { expense_category_id: 'cat_llm_usage', spent_date: '2026-11-03' };
  await asBot('/expenses', { ...llm, total_cost: 0.123456, metadata: { model: 'claude-sonnet' } });
  await asBot('/expenses', { ...llm, total_cost: 0.5, metadata: { model: 'gpt-4o' } });
});

/** A table's body rows as their cells' text as shown (badges in capitals), each cell's lines joined by " / ". */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name, exact: true })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) =>
          cell.innerText
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '')
            .join(' / '),
        ),
      ),
    );
}

async function signedIn(email: string, options: { phone?: boolean } = {}) {
  const { page, context } = await keito.browser.newPage(options);
  await signIn(page, email, email === admin.email ? admin.password : password);
  return { page, context };
}

describe('Reports → Budgets', () => {
  it('shows every budgeted project with the API’s figures, and keeps a status filter in the URL', async () => {
    const report = await admin.call('GET', '/reports/budgets?month=2026-11');
    const byName = Object.fromEntries(
      report.results.map((row: { project_name: string }) => [row.project_name, row]),
    );
    // The seed, computed by hand: 18 of 20 hours; 14 h × £75 = £1,050 of £1,000; 4 of 40 hours in November.
    expect(byName['Website Redesign']).toMatchObject({
      budget: 20,
      spent: 18,
      remaining: 2,
      percent_used: 90,
      status: 'warning',
    });
    expect(byName['Mobile App']).toMatchObject({
      budget: 1000,
      spent: 1050,
      remaining: -50,
      percent_used: 105,
      status: 'over',
    });
    // Per task: the Illustration task's 5 of 10 hours.
    expect(byName['Design System']).toMatchObject({
      budget_type: 'task',
      budget: 10,
      spent: 5,
      percent_used: 50,
      status: 'on_track',
      items: [expect.objectContaining({ kind: 'task', name: 'Illustration', budget: 10, spent: 5 })],
    });
    expect(byName['Support Retainer']).toMatchObject({
      budget: 40,
      spent: 4,
      percent_used: 10,
      status: 'on_track',
      is_monthly: true,
    });

    const { page, context } = await signedIn(admin.email);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: 'Budgets' }).click();
    await page.waitForURL(/\/reports\/budgets/);
    await page.getByLabel('Month of monthly budgets').fill('2026-11');
    await page.waitForURL(/month=2026-11/);
    await expect
      .poll(() => tableRows(page, 'Budgets'))
      .toEqual([
        [
          'Design System / Acme Corp',
          'Per task / Show tasks (1)',
          '10 h',
          '5 h',
          '5 h',
          '50.0 %',
          'No',
          'ON TRACK',
        ],
        [
          'Mobile App / Acme Corp',
          'Fees',
          '£1,000.00',
          '£1,050.00',
          '-£50.00',
          '105.0 %',
          'No',
          'OVER BUDGET',
        ],
        [
          'Support Retainer / Globex',
          'Hours',
          '40 h',
          '4 h',
          '36 h',
          '10.0 %',
          'Yes / 2026-11-01 – 2026-11-30',
          'ON TRACK',
        ],
        ['Website Redesign / Acme Corp', 'Hours', '20 h', '18 h', '2 h', '90.0 %', 'No', 'WARNING'],
      ]);
    expect(await page.getByTestId('budget-fees-GBP').innerText()).toContain('£1,050.00 of £1,000.00');
    expect(await page.getByTestId('budget-hours').innerText()).toContain('27 h of 70 h');
    await page.getByRole('button', { name: 'Show tasks (1)' }).click();
    await expect
      .poll(async () => (await tableRows(page, 'Budgets'))[1])
      .toEqual(['Illustration', 'Task', '10 h', '5 h', '5 h', '50.0 %', '', 'ON TRACK']);
    expect(await page.getByRole('button', { name: 'Hide tasks (1)' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(await page.getByRole('link', { name: 'Mobile App' }).getAttribute('href')).toBe(
      `/projects/${ids.mobile}`,
    );
    // The chart's code loads after the figures.
    await expect
      .poll(() => page.getByRole('img', { name: 'Budget used per project' }).locator('svg').count())
      .toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-budgets');

    // From the keyboard: the status chips are radios.
    await page.getByRole('radio', { name: 'Over budget' }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/status=over/);
    await expect
      .poll(async () => (await tableRows(page, 'Budgets')).map((row) => row[0]))
      .toEqual(['Mobile App / Acme Corp']);
    await page.reload();
    await expect
      .poll(async () => (await tableRows(page, 'Budgets')).map((row) => row[0]))
      .toEqual(['Mobile App / Acme Corp']);
    expect(await page.getByRole('radio', { name: 'Over budget' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Month of monthly budgets').inputValue()).toBe('2026-11');

    // Several clients (as another report's tab passes them on) are not a filter this report takes.
    const clients = report.results.map((row: { client_id: string }) => row.client_id).join(',');
    await page.goto(`/reports/budgets?month=2026-11&client_id=${clients}`);
    await expect.poll(async () => (await tableRows(page, 'Budgets')).length).toBe(4);

    // A filter that matches nothing says so.
    await page.goto(`/reports/budgets?status=over&client_id=${byName['Support Retainer'].client_id}`);
    await expect.poll(() => page.getByText('No budgets with these filters.').isVisible()).toBe(true);
    await context.close();
  });

  it('does not show a member a budget hidden from the team', async () => {
    const { page, context } = await signedIn('mary@northwind.test');
    await page.goto('/reports/budgets?month=2026-11');
    await expect
      .poll(async () => (await tableRows(page, 'Budgets')).map((row) => row[0]))
      .toEqual(['Support Retainer / Globex', 'Website Redesign / Acme Corp']);
    const hers = await http<{ results: { project_name: string }[] }>(
      keito.server,
      'GET',
      '/v1/reports/budgets?month=2026-11',
      { headers: { cookie: await sessionCookie('mary@northwind.test') } },
    );
    expect(hers.body.results.map((row) => row.project_name)).toEqual([
      'Support Retainer',
      'Website Redesign',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Reports → Utilisation', () => {
  it('shows each person’s hours against capacity as the API does, and keeps the people filter in the URL', async () => {
    const report = await admin.call('GET', `/reports/utilisation?${WEEK}`);
    expect(
      report.results.map((row: Record<string, unknown>) => [
        row.name,
        row.tracked_hours,
        row.utilisation_percent,
        row.band,
      ]),
    ).toEqual([
      ['Ada Admin', 24, 120, 'over'],
      ['Bob Builder', 0, 0, 'under'],
      ['Mary Member', 14, 70, 'healthy'],
      ['Max Manager', 0, 0, 'under'],
    ]);

    const { page, context } = await signedIn(admin.email);
    await page.goto(`/reports/utilisation?${WEEK}`);
    await expect
      .poll(() => tableRows(page, 'Utilisation'))
      .toEqual([
        [
          'Ada Admin',
          '20.00',
          '20.00',
          '24.00',
          '24.00',
          '0.00',
          '120.0 %',
          '120.0 %',
          'OVER CAPACITY / 4.00 over',
        ],
        [
          'Bob Builder',
          '35.00',
          '35.00',
          '0.00',
          '0.00',
          '0.00',
          '0.0 %',
          '0.0 %',
          'UNDER CAPACITY / 35.00 under',
        ],
        [
          'Mary Member',
          '20.00',
          '20.00',
          '14.00',
          '14.00',
          '0.00',
          '70.0 %',
          '70.0 %',
          'HEALTHY / 6.00 under',
        ],
        [
          'Max Manager',
          '35.00',
          '35.00',
          '0.00',
          '0.00',
          '0.00',
          '0.0 %',
          '0.0 %',
          'UNDER CAPACITY / 35.00 under',
        ],
      ]);
    expect(await page.getByTestId('utilisation-total-tracked').innerText()).toBe('38.00');
    // The chart's code loads after the figures.
    await expect
      .poll(() => page.getByRole('img', { name: 'Utilisation per person' }).locator('svg').count())
      .toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-utilisation');

    await page.getByRole('combobox', { name: 'People' }).click();
    await page.getByRole('option', { name: 'Mary Member', exact: true }).click();
    await page.waitForURL(new RegExp(`user_id=${ids.mary}`));
    await page.reload();
    await expect
      .poll(async () => (await tableRows(page, 'Utilisation')).map((row) => row[0]))
      .toEqual(['Mary Member']);
    await context.close();
  });
});

describe('Reports → Agents', () => {
  it('shows agent and human hours, models, LLM spend and margin as the API does', async () => {
    const report = await admin.call('GET', `/reports/agents?${WEEK}`);
    expect(report.totals).toEqual({ agent_hours: 4.5, human_hours: 38 });
    expect(report.llm_spend_by_model).toEqual([
      { model: 'claude-sonnet', currency: 'GBP', amount: 0.12 },
      { model: 'gpt-4o', currency: 'GBP', amount: 0.5 },
    ]);
    // 4.5 h × £120 − 4.5 h × £10 − £0.62 of LLM usage.
    expect(report.margins).toEqual([
      expect.objectContaining({
        hours: 4.5,
        billable_amount: 540,
        time_cost: 45,
        llm_cost: 0.62,
        margin: 494.38,
      }),
    ]);

    const { page, context } = await signedIn(admin.email);
    await page.goto(`/reports/agents?${WEEK}`);
    await expect.poll(() => page.getByTestId('agent-hours').innerText()).toBe('4.50');
    expect(await page.getByTestId('human-hours').innerText()).toBe('38.00');
    expect((await tableRows(page, 'Hours by project'))[0]).toEqual(['Agent Ops', '4.50', '2.00', '69.2 %']);
    expect(await tableRows(page, 'Agent hours by model')).toEqual([
      ['claude-sonnet', '2.00'],
      ['gpt-4o', '1.50'],
      ['No model given', '1.00'],
    ]);
    expect(await tableRows(page, 'LLM spend by project')).toEqual([['Agent Ops', '£0.62']]);
    expect(await tableRows(page, 'LLM spend by model')).toEqual([
      ['claude-sonnet', '£0.12'],
      ['gpt-4o', '£0.50'],
    ]);
    expect(await tableRows(page, 'Agent margin by agent and project')).toEqual([
      ['review-bot', 'Agent Ops', '4.50', '£540.00', '£45.00', '£0.62', '£494.38'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-agents');

    // The model filter lives behind "More filters" and in the URL.
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByRole('textbox', { name: 'Model' }).fill('gpt-4o');
    await page.getByRole('textbox', { name: 'Model' }).press('Enter');
    await page.waitForURL(/model=gpt-4o/);
    await page.reload();
    await expect.poll(() => tableRows(page, 'Agent hours by model')).toEqual([['gpt-4o', '1.50']]);

    await page.goto('/reports/agents?period=custom&from=2020-01-06&to=2020-01-12');
    await expect
      .poll(() => page.getByText('No time or LLM usage in this period with these filters.').isVisible())
      .toBe(true);
    await context.close();
  });

  it('hides the amounts behind rates from a manager who may not see them', async () => {
    const report = await http<{ margins: unknown[] }>(keito.server, 'GET', `/v1/reports/agents?${WEEK}`, {
      headers: { cookie: await sessionCookie('max@northwind.test') },
    });
    expect(report.body.margins).toEqual([
      expect.objectContaining({ billable_amount: null, time_cost: null, llm_cost: 0.62, margin: null }),
    ]);
    const { page, context } = await signedIn('max@northwind.test');
    await page.goto(`/reports/agents?${WEEK}`);
    await expect
      .poll(() => tableRows(page, 'Agent margin by agent and project'))
      .toEqual([['review-bot', 'Agent Ops', '4.50', '—', '—', '£0.62', '—']]);
    expect(await page.getByText('Amounts behind rates you may not see are shown as —.').isVisible()).toBe(
      true,
    );
    await context.close();
  });
});

async function sessionCookie(email: string): Promise<string> {
  const response = await http(keito.server, 'POST', '/v1/auth/sign-in', { body: { email, password } });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('the people and budget reports on a phone', () => {
  it.each([
    { path: '/reports/budgets?month=2026-11', heading: 'Budgets', shot: 'reports-budgets-phone' },
    { path: `/reports/utilisation?${WEEK}`, heading: 'Utilisation', shot: 'reports-utilisation-phone' },
    { path: `/reports/agents?${WEEK}`, heading: 'Agent activity', shot: 'reports-agents-phone' },
  ])('$shot fits the width', async (screen) => {
    const { page, context } = await signedIn(admin.email, { phone: true });
    await page.goto(screen.path);
    await expect
      .poll(() => page.getByRole('heading', { name: screen.heading, exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('table').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, screen.shot);
    await context.close();
  });
});
