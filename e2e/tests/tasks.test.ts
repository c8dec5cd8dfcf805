import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});

const taskNamed = async (name: string) =>
  (await admin.call('GET', '/tasks?limit=200')).data.find((task: { name: string }) => task.name === name);

describe('Manage → Tasks', () => {
  it('creates a default task with a rate, edits it, and new projects get it', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('button', { name: 'New task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Task name').fill('Design');
    await dialog.getByLabel('Default hourly rate').fill('95.5');
    await dialog.getByLabel('Add to new projects automatically').check();
    await dialog.getByRole('button', { name: 'Save task' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Design', exact: true }).isVisible()).toBe(true);
    expect(await taskNamed('Design')).toMatchObject({
      billable_by_default: true,
      default_hourly_rate: 95.5,
      is_default: true,
    });

    // Keyboard only: the form is reachable and submits with Enter.
    await page.getByRole('button', { name: 'New task' }).click();
    // The dialog puts the cursor in its first field; typing before it lands would type into nothing.
    const name = page.getByRole('dialog', { name: 'New task' }).getByLabel('Task name');
    await expect.poll(() => name.evaluate((field) => field === document.activeElement)).toBe(true);
    await page.keyboard.type('Internal admin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('cell', { name: 'Internal admin', exact: true }).isVisible())
      .toBe(true);
    expect(await taskNamed('Internal admin')).toMatchObject({
      billable_by_default: false,
      is_default: false,
    });

    await page.getByRole('button', { name: 'Edit Design' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit task' });
    await edit.getByLabel('Task name').fill('Design work');
    await edit.getByLabel('Default hourly rate').fill('110');
    await edit.getByRole('button', { name: 'Save task' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Design work', exact: true }).isVisible())
      .toBe(true);
    expect(await taskNamed('Design work')).toMatchObject({ default_hourly_rate: 110 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tasks');

    const client = await admin.call('POST', '/clients', { name: 'Acme' });
    const project = await admin.call('POST', '/projects', { name: 'Site', client_id: client.id });
    const assignments = (await admin.call('GET', `/projects/${project.id}/task-assignments`)).data;
    expect(assignments.map((a: { task_name: string }) => a.task_name)).toContain('Design work');
    await context.close();
  });

  it('archives and restores a task', async () => {
    await admin.call('POST', '/tasks', { name: 'Research' });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/tasks');
    await page.getByRole('button', { name: 'Archive Research' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Research', exact: true }).count()).toBe(0);
    expect((await taskNamed('Research')).is_active).toBe(false);

    await page.locator('label', { hasText: /^Archived$/ }).click();
    await page.getByRole('button', { name: 'Restore Research' }).click();
    await expect.poll(() => page.getByText('No archived tasks.').isVisible()).toBe(true);
    expect((await taskNamed('Research')).is_active).toBe(true);
    await context.close();
  });
});
