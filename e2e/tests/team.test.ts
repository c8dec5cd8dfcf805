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

const userNamed = async (name: string) =>
  (await admin.call('GET', '/users?limit=200')).data.find((user: { name: string }) => user.name === name);

describe('Team', () => {
  it('adds a person and an agent with roles, rates, capacity and business roles, and edits one', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Team' }).click();

    await page.getByRole('button', { name: 'Add person' }).click();
    const person = page.getByRole('dialog', { name: 'Add a person' });
    await person.getByLabel('Name').fill('Grace Hopper');
    await person.getByLabel('Email').fill('grace@northwind.test');
    await person.getByRole('combobox', { name: 'Role', exact: true }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    await person.getByRole('combobox', { name: 'Employment type' }).click();
    await page.getByRole('option', { name: 'Contractor' }).click();
    await person.getByRole('textbox', { name: 'Billable rate' }).fill('120');
    await person.getByRole('textbox', { name: 'Cost rate' }).fill('70');
    await person.getByLabel('Weekly capacity').fill('30');
    await person.getByLabel('Business roles').fill('Designer');
    await person.getByLabel('Business roles').press('Enter');
    await person.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByText('Grace Hopper', { exact: true }).isVisible()).toBe(true);
    expect(await userNamed('Grace Hopper')).toMatchObject({
      email: 'grace@northwind.test',
      user_type: 'human',
      role: 'manager',
      employment_type: 'contractor',
      billable_rate: 120,
      cost_rate: 70,
      weekly_capacity: 30,
      business_roles: ['Designer'],
      status: 'pending',
    });

    await page.getByRole('button', { name: 'Add agent' }).click();
    const agent = page.getByRole('dialog', { name: 'Add an agent' });
    expect(await agent.getByLabel('Email').count()).toBe(0);
    await agent.getByLabel('Agent name').fill('review-bot');
    await agent.getByRole('textbox', { name: 'Billable rate' }).fill('40');
    await agent.getByRole('textbox', { name: 'Cost rate' }).fill('5');
    await agent.getByLabel('Business roles').fill('Code review');
    await agent.getByLabel('Business roles').press('Enter');
    await agent.getByRole('button', { name: 'Add agent' }).click();
    await expect.poll(() => page.getByText('review-bot', { exact: true }).isVisible()).toBe(true);
    expect(await userNamed('review-bot')).toMatchObject({
      user_type: 'agent',
      status: 'active',
      billable_rate: 40,
      cost_rate: 5,
      weekly_capacity: null,
      business_roles: ['Code review'],
    });

    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Grace Hopper' });
    await edit.getByLabel('Weekly capacity').fill('35');
    await edit.getByRole('textbox', { name: 'Cost rate' }).fill('75');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '35 h/week' }).isVisible()).toBe(true);
    expect(await userNamed('Grace Hopper')).toMatchObject({ weekly_capacity: 35, cost_rate: 75 });
    expect(await page.getByRole('columnheader', { name: 'Cost rate' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'team');
    await context.close();
  });

  it("assigns a manager's teammates", async () => {
    const manager = await admin.call('POST', '/users', {
      name: 'Mia Manager',
      email: 'mia@northwind.test',
      role: 'manager',
    });
    const linus = await admin.call('POST', '/users', { name: 'Linus', email: 'linus@northwind.test' });
    const bot = await admin.call('POST', '/users', { name: 'docs-bot', user_type: 'agent' });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/team');
    await page.getByRole('button', { name: 'Teammates of Mia Manager' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mia Manager’s teammates' });
    await dialog.getByLabel('Teammates').click();
    await page.getByRole('option', { name: 'Linus' }).click();
    await page.getByRole('option', { name: 'docs-bot (agent)' }).click();
    // Tab leaves the picker (closing its list) for the save button.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByRole('option', { name: 'Linus' }).isVisible()).toBe(false);
    await dialog.getByRole('button', { name: 'Save teammates' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const saved = await admin.call('GET', `/users/${manager.id}/teammates`);
    expect([...saved.teammate_ids].sort()).toEqual([linus.id, bot.id].sort());
    await context.close();
  });

  it('archives and reactivates a member, and works at phone size', async () => {
    const { page, context } = await keito.browser.newPage({ phone: true });
    await admin.call('POST', '/users', { name: 'Temp Worker', email: 'temp@northwind.test' });
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Archive Temp Worker' }).click();
    await expect.poll(() => page.getByText('Temp Worker', { exact: true }).count()).toBe(0);
    expect((await userNamed('Temp Worker')).is_active).toBe(false);

    await page.locator('label', { hasText: /^Archived$/ }).click();
    await expect.poll(() => page.getByText('Temp Worker', { exact: true }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'team-archived-phone');
    await page.getByRole('button', { name: 'Reactivate Temp Worker' }).click();
    await expect.poll(() => page.getByText('Nobody is archived.').isVisible()).toBe(true);
    expect((await userNamed('Temp Worker')).is_active).toBe(true);
    await context.close();
  });
});
