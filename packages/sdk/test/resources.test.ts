// The management resources and the error classes against the real server.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  Keito,
  KeitoError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../src/index.js';
import { createWorld, server, type TestWorld } from './support/keito.js';

let world: TestWorld;

beforeAll(async () => {
  world = await createWorld('Management Ltd');
});

describe('management resources', () => {
  it('sets up a client, task, project, assignments, an agent and its key, and the agent can log time', async () => {
    const { admin } = world;
    const client = await admin.clients.create({ name: 'Globex', currency: 'GBP' });
    expect(client).toMatchObject({ name: 'Globex', currency: 'GBP', is_active: true });
    expect(await admin.clients.get(client.id)).toEqual(client);
    expect((await admin.clients.update(client.id, { phone: '+44 20 0000 0000' })).phone).toBe(
      '+44 20 0000 0000',
    );

    const task = await admin.tasks.create({ name: 'Code Review', default_hourly_rate: 120 });
    expect(task).toMatchObject({ name: 'Code Review', default_hourly_rate: 120, billable_by_default: true });
    expect((await admin.tasks.update(task.id, { name: 'Review' })).name).toBe('Review');

    const project = await admin.projects.create({
      client_id: client.id,
      name: 'Globex API',
      budget_hours: 100,
    });
    expect(project).toMatchObject({
      client_id: client.id,
      budget_hours: 100,
      billing_type: 'time_and_materials',
    });
    const taskAssignment = await admin.projects.taskAssignments.create(project.id, { task_id: task.id });
    expect(taskAssignment).toMatchObject({ project_id: project.id, task_id: task.id });
    const updatedTaskAssignment = await admin.projects.taskAssignments.update(project.id, taskAssignment.id, {
      hourly_rate: 150,
    });
    expect(updatedTaskAssignment.hourly_rate).toBe(150);

    const agent = await admin.users.create({ name: 'deploy-bot', user_type: 'agent' });
    expect(agent).toMatchObject({ user_type: 'agent', role: 'member', email: 'deploy-bot@agents.keito.ai' });
    const assignment = await admin.projects.userAssignments.create(project.id, { user_id: agent.id });
    const assigned = [];
    for await (const a of admin.projects.userAssignments.list(project.id)) assigned.push(a.user_id);
    expect(assigned).toContain(agent.id);

    const key = await admin.apiKeys.create({ name: 'deploy-bot key', user_id: agent.id });
    expect(key.key).toMatch(/^keito_sk_/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const listed = (await admin.apiKeys.list()).data.find((k) => k.id === key.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('key');

    const bot = new Keito({ apiKey: key.key, baseUrl: server.baseUrl });
    expect((await bot.users.me()).id).toBe(agent.id);
    const entry = await bot.timeEntries.create({
      project_id: project.id,
      task_id: task.id,
      spent_date: '2026-03-06',
      hours: 2,
      source: 'agent',
    });
    expect(entry).toMatchObject({ user_id: agent.id, billable_rate: null });

    // Unassigning the agent closes the project to its key.
    await admin.projects.userAssignments.delete(project.id, assignment.id);
    await expect(
      bot.timeEntries.create({ project_id: project.id, spent_date: '2026-03-06', hours: 1 }),
    ).rejects.toMatchObject({ code: 'project_not_assigned', status: 403 });

    // Revoking the key locks it out.
    await admin.apiKeys.delete(key.id);
    await expect(bot.users.me()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('lists users filtered by type', async () => {
    const agents = await world.admin.users.list({ user_type: 'agent' });
    expect(agents.data.length).toBeGreaterThan(0);
    expect(agents.data.every((u) => u.user_type === 'agent')).toBe(true);
  });

  it('lists expense categories, including the built-in LLM Usage', async () => {
    const categories = [];
    for await (const category of world.admin.expenseCategories.list()) categories.push(category);
    expect(categories.some((c) => c.name === 'LLM Usage')).toBe(true);
  });

  it('updates and deletes an expense', async () => {
    const expense = await world.agent.expenses.create({
      project_id: world.fixture.project.id,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-03-06',
      units: 10,
    });
    const updated = await world.agent.expenses.update(expense.id, { units: 20 });
    expect(updated).toMatchObject({ units: 20, total_cost: 0.06 });
    await world.agent.expenses.delete(expense.id);
    await expect(world.agent.expenses.get(expense.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('attaches, replaces and removes a receipt, and creates an expense with one', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n');
    const input = {
      project_id: world.fixture.project.id,
      expense_category_id: 'cat_transportation',
      spent_date: '2026-03-06',
      total_cost: 23.5,
    };
    const created = await world.agent.expenses.createWithReceipt(input, { data: pdf, fileName: 'taxi.pdf' });
    expect(created.receipt).toEqual({
      file_name: 'taxi.pdf',
      content_type: 'application/pdf',
      size: pdf.length,
      url: `/v1/expenses/${created.id}/receipt`,
    });

    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    );
    const replaced = await world.agent.expenses.attachReceipt(created.id, {
      data: new Blob([png]),
      fileName: 'taxi.png',
    });
    expect(replaced.receipt).toMatchObject({ file_name: 'taxi.png', content_type: 'image/png' });

    const error = await world.agent.expenses
      .attachReceipt(created.id, { data: new TextEncoder().encode('MZ not a pdf'), fileName: 'taxi.pdf' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeitoError);
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    expect((await world.agent.expenses.removeReceipt(created.id)).receipt).toBeNull();
  });
});

describe('errors from the real server', () => {
  it('a bad key is an AuthenticationError with the request id', async () => {
    const keito = new Keito({ apiKey: 'keito_sk_not_a_real_key', baseUrl: server.baseUrl });
    const error = await keito.timeEntries.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'authentication_error' });
    expect((error as KeitoError).requestId).toMatch(/.+/);
  });

  it('a validation failure names its field', async () => {
    const error = await world.agent.timeEntries
      .create({ project_id: world.fixture.project.id, spent_date: '06/03/2026', hours: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: 'validation_error', field: 'spent_date' });
  });

  it('metadata over 4KB is rejected with metadata_too_large', async () => {
    const error = await world.agent.timeEntries
      .create({
        project_id: world.fixture.project.id,
        spent_date: '2026-03-06',
        hours: 1,
        metadata: { blob: 'x'.repeat(5000) },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeitoError);
    expect(error).toMatchObject({ code: 'metadata_too_large', field: 'metadata' });
  });

  it('an unknown id is a NotFoundError', async () => {
    await expect(world.agent.timeEntries.get('te_does_not_exist')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an agent may not create users: PermissionError', async () => {
    await expect(world.agent.users.create({ name: 'rogue', user_type: 'agent' })).rejects.toBeInstanceOf(
      PermissionError,
    );
  });
});
