import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let acme: { id: string };

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  acme = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  await admin.call('POST', '/clients', { name: 'Globex' });
  await admin.call('POST', '/tasks', { name: 'Design', default_hourly_rate: 90 });
  await admin.call('POST', '/tasks', { name: 'Development', is_default: true });
  await admin.call('POST', '/users', { name: 'Grace Hopper', email: 'grace@northwind.test' });
  await admin.call('POST', '/users', { name: 'review-bot', user_type: 'agent' });
});

describe('Manage → Projects', () => {
  it('creates a project with every field and budget, then edits its billing', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByLabel('Project name').fill('Website Redesign');
    await page.getByRole('combobox', { name: 'Client' }).fill('Acme');
    await page.getByRole('option', { name: 'Acme Corp' }).click();
    await page.getByLabel('Project code').fill('ACME-WEB');
    await page.getByLabel('Start date').fill('2026-01-05');
    await page.getByLabel('End date').fill('2026-06-30');
    await page.getByLabel('Notes').fill('Phase one of the redesign');
    await page.getByRole('radio', { name: 'Fixed fee' }).check();
    await page.getByLabel('Hourly rate').fill('120');
    await page.getByRole('textbox', { name: 'Fixed fee' }).fill('15000');
    await page.getByRole('combobox', { name: 'Budget type' }).click();
    await page.getByRole('option', { name: 'Total fees' }).click();
    await page.getByLabel('Budget amount').fill('12000');
    await page.getByLabel('Alert at').fill('75');
    await page.getByLabel('Budget resets every month').check();
    await page.getByLabel('Budget includes billable expenses').check();
    await page.getByLabel('Show the budget to everyone on the project').check();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-new');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/projects\/prj_/);
    await expect.poll(() => page.getByRole('heading', { name: 'Website Redesign' }).isVisible()).toBe(true);

    const projectId = page.url().split('/').pop();
    const project = await admin.call('GET', `/projects/${projectId}`);
    expect(project).toMatchObject({
      client_id: acme.id,
      name: 'Website Redesign',
      code: 'ACME-WEB',
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
      notes: 'Phase one of the redesign',
      billing_type: 'fixed_fee',
      bill_by: 'project',
      hourly_rate: 120,
      fixed_fee: 15000,
      budget_by: 'total_fees',
      budget_amount: 12000,
      budget_alert_percent: 75,
      budget_resets_monthly: true,
      budget_includes_expenses: true,
      show_budget_to_all: true,
    });

    await page.getByRole('radio', { name: 'Time & materials' }).check();
    await page.getByRole('combobox', { name: 'Bill by' }).click();
    await page.getByRole('option', { name: 'Task rates' }).click();
    await page.getByRole('combobox', { name: 'Budget type' }).click();
    await page.getByRole('option', { name: 'Total hours' }).click();
    await page.getByLabel('Budget hours').fill('200');
    await page.getByRole('button', { name: 'Save project' }).click();
    await expect
      .poll(async () => (await admin.call('GET', `/projects/${projectId}`)).budget_by)
      .toBe('total_hours');
    expect(await admin.call('GET', `/projects/${projectId}`)).toMatchObject({
      billing_type: 'time_and_materials',
      bill_by: 'tasks',
      hourly_rate: null,
      fixed_fee: null,
      budget_hours: 200,
      budget_amount: null,
      budget_includes_expenses: false,
    });
    await context.close();
  });

  it('manages a project’s tasks and team with their rates and the project-manager flag', async () => {
    const project = await admin.call('POST', '/projects', {
      name: 'Mobile App',
      client_id: acme.id,
      bill_by: 'tasks',
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/projects/${project.id}`);
    const tasks = page.getByRole('table', { name: 'Project tasks' });
    await expect
      .poll(() => tasks.getByRole('cell', { name: 'Development', exact: true }).isVisible())
      .toBe(true);

    await page.getByRole('combobox', { name: 'Add a task' }).click();
    await page.getByRole('option', { name: 'Design' }).click();
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect.poll(() => tasks.getByRole('cell', { name: 'Design', exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Hourly rate for Design').fill('150');
    await page.getByLabel('Hourly rate for Design').press('Enter');
    await page.getByLabel('Development is billable').click();
    const taskRows = async () =>
      (await admin.call('GET', `/projects/${project.id}/task-assignments`)).data as {
        task_name: string;
        is_billable: boolean;
        hourly_rate: number | null;
      }[];
    await expect
      .poll(async () => (await taskRows()).find((row) => row.task_name === 'Design')?.hourly_rate)
      .toBe(150);
    await expect
      .poll(async () => (await taskRows()).find((row) => row.task_name === 'Development')?.is_billable)
      .toBe(false);

    const team = page.getByRole('table', { name: 'Project team' });
    for (const option of ['Grace Hopper', 'review-bot (agent)']) {
      await page.getByRole('combobox', { name: 'Add a person or agent' }).click();
      await page.getByRole('option', { name: option }).click();
      await page.getByRole('button', { name: 'Add to team' }).click();
      await expect.poll(() => team.getByText(option.replace(' (agent)', '')).isVisible()).toBe(true);
    }
    await page.getByLabel('Grace Hopper manages the project').click();
    await expect
      .poll(async () =>
        (await admin.call('GET', `/projects/${project.id}/user-assignments`)).data.some(
          (row: { user_name: string; is_project_manager: boolean }) =>
            row.user_name === 'Grace Hopper' && row.is_project_manager,
        ),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Remove Design from the project' }).click();
    await expect.poll(() => tasks.getByRole('cell', { name: 'Design', exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-detail');

    // Per-person rates appear when the project bills by person.
    await admin.call('PATCH', `/projects/${project.id}`, { bill_by: 'people' });
    await page.reload();
    await page.getByLabel('Hourly rate for review-bot').fill('40');
    await page.getByLabel('Hourly rate for review-bot').blur();
    await expect
      .poll(
        async () =>
          (await admin.call('GET', `/projects/${project.id}/user-assignments`)).data.find(
            (row: { user_name: string }) => row.user_name === 'review-bot',
          )?.hourly_rate,
      )
      .toBe(40);
    await page.getByRole('button', { name: 'Remove review-bot from the project' }).click();
    await expect.poll(() => team.getByText('review-bot').count()).toBe(0);
    await context.close();
  });

  it('budgets hours per task and per person in the Tasks and Team tables', async () => {
    const project = await admin.call('POST', '/projects', { name: 'Support Retainer', client_id: acme.id });
    const grace = (await admin.call('GET', '/users')).data.find(
      (user: { name: string }) => user.name === 'Grace Hopper',
    );
    await admin.call('POST', `/projects/${project.id}/user-assignments`, { user_id: grace.id });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/projects/${project.id}`);
    const tasks = page.getByRole('table', { name: 'Project tasks' });
    await expect
      .poll(() => tasks.getByRole('cell', { name: 'Development', exact: true }).isVisible())
      .toBe(true);
    // No budget column until the project is budgeted by task.
    expect(await tasks.getByRole('columnheader', { name: 'Budget hours' }).count()).toBe(0);

    await page.getByRole('combobox', { name: 'Budget type' }).click();
    await page.getByRole('option', { name: 'Hours per task' }).click();
    await page.getByRole('button', { name: 'Save project' }).click();
    await expect.poll(() => tasks.getByRole('columnheader', { name: 'Budget hours' }).isVisible()).toBe(true);
    await page.getByLabel('Budget hours for Development').fill('37.5');
    await page.getByLabel('Budget hours for Development').press('Enter');
    const taskBudget = async () =>
      (await admin.call('GET', `/projects/${project.id}/task-assignments`)).data.find(
        (row: { task_name: string }) => row.task_name === 'Development',
      )?.budget_hours;
    await expect.poll(taskBudget).toBe(37.5);
    await page.reload();
    await expect.poll(() => page.getByLabel('Budget hours for Development').inputValue()).toBe('37.5');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-budget-per-task');

    // Emptying the cell removes that task's budget.
    await page.getByLabel('Budget hours for Development').fill('');
    await page.getByLabel('Budget hours for Development').blur();
    await expect.poll(taskBudget).toBe(null);

    await page.getByRole('combobox', { name: 'Budget type' }).click();
    await page.getByRole('option', { name: 'Hours per person' }).click();
    await page.getByRole('button', { name: 'Save project' }).click();
    const team = page.getByRole('table', { name: 'Project team' });
    await expect.poll(() => team.getByRole('columnheader', { name: 'Budget hours' }).isVisible()).toBe(true);
    expect(await tasks.getByRole('columnheader', { name: 'Budget hours' }).count()).toBe(0);
    await page.getByLabel('Budget hours for Grace Hopper').fill('20');
    await page.getByLabel('Budget hours for Grace Hopper').blur();
    await expect
      .poll(
        async () =>
          (await admin.call('GET', `/projects/${project.id}/user-assignments`)).data.find(
            (row: { user_name: string }) => row.user_name === 'Grace Hopper',
          )?.budget_hours,
      )
      .toBe(20);
    await screenshot(page, 'project-budget-per-person');
    await context.close();
  });

  it('lists projects by client and status, and archives and restores one', async () => {
    const globex = (await admin.call('GET', '/clients')).data.find(
      (client: { name: string }) => client.name === 'Globex',
    );
    const project = await admin.call('POST', '/projects', { name: 'Intranet', client_id: globex.id });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/projects');
    await expect.poll(() => page.getByRole('link', { name: 'Intranet' }).isVisible()).toBe(true);
    await page.getByRole('combobox', { name: 'Client' }).fill('Acme');
    await page.getByRole('option', { name: 'Acme Corp' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Intranet' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Website Redesign' }).isVisible()).toBe(true);
    await screenshot(page, 'projects');

    await page.goto(`/projects/${project.id}`);
    await page.getByRole('button', { name: 'Archive project' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Restore project' }).isVisible()).toBe(true);
    expect((await admin.call('GET', `/projects/${project.id}`)).is_active).toBe(false);
    await page.getByRole('link', { name: 'All projects' }).click();
    await page.waitForURL(/\/projects$/);
    await page.locator('label', { hasText: /^Archived$/ }).click();
    await page.getByRole('link', { name: 'Intranet' }).click();
    await page.getByRole('button', { name: 'Restore project' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive project' }).isVisible()).toBe(true);
    expect((await admin.call('GET', `/projects/${project.id}`)).is_active).toBe(true);
    await context.close();
  });

  it("shows a project's budget as it is spent, on its page and in the list", async () => {
    const project = await admin.call('POST', '/projects', {
      name: 'Helpdesk Retainer',
      client_id: acme.id,
      budget_by: 'total_hours',
      budget_hours: 10,
    });
    // 8.5 of 10 hours: past the default 80 % alert threshold.
    await admin.call('POST', '/time-entries', {
      project_id: project.id,
      spent_date: '2026-11-02',
      hours: 8.5,
      notes: 'support',
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/projects/${project.id}`);
    const budget = page
      .getByRole('heading', { name: 'Budget' })
      .locator('xpath=ancestor::div[contains(@class, "mantine-Paper-root")][1]');
    await expect.poll(() => budget.getByText('Warning').isVisible()).toBe(true);
    expect(await budget.innerText()).toMatch(
      /Spent\s+8\.50 h\s+of 10 h[\s\S]*Remaining 1\.50 h[\s\S]*85\.0 %/,
    );
    expect(await page.getByRole('progressbar', { name: 'Budget used' }).getAttribute('aria-valuenow')).toBe(
      '85',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-budget-progress');

    await page.goto('/projects');
    const row = page.getByRole('row', { name: /Helpdesk Retainer/ });
    await expect.poll(() => row.getByText('Warning').isVisible()).toBe(true);
    expect(await row.innerText()).toContain('8.50 h · 85 %');
    await context.close();
  });
});
