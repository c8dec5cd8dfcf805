// Every documented Node sample, run against the real server. The samples print what the docs print, so
// most assertions are on the printed lines plus what the server then holds.

import { type Keito, NotFoundError } from '@keito/sdk';
import { api } from '@keito/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as samples from './samples/node-sdk.js';
import { createWorld, server, type TestWorld } from './support/keito.js';

let world: TestWorld;
let ids: samples.Ids;
const savedEnv = { ...process.env };
const working: samples.Agent = { run: async (task) => `done: ${task ?? 'work'}` };
const failing: samples.Agent = {
  run: async () => {
    throw new Error('agent crashed');
  },
};

beforeAll(async () => {
  world = await createWorld('Samples Ltd');
  const { fixture, workspace } = world;
  // A project the agent is not assigned to, for the project_not_assigned sample.
  const other = await api<{ id: string }>(server, workspace.api_key, 'POST', '/projects', {
    client_id: fixture.client.id,
    name: 'Unassigned project',
  });
  ids = {
    project: fixture.project.id,
    task: fixture.task.id,
    agentUser: fixture.agent.id,
    timeEntry: '',
    expense: '',
    unassignedProject: other.id,
  };
  // The samples that call `new Keito()` read these, as in a real agent's environment.
  process.env.KEITO_API_KEY = fixture.agentApiKey;
  process.env.KEITO_ACCOUNT_ID = workspace.account_id;
  process.env.KEITO_BASE_URL = server.baseUrl;
});

afterAll(() => {
  process.env = { ...savedEnv };
});

afterEach(() => {
  vi.restoreAllMocks();
});

function captureConsole() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  return lines;
}

async function allEntries(keito: Keito, projectId: string) {
  const entries = [];
  for await (const entry of keito.timeEntries.list({ project_id: projectId })) entries.push(entry);
  return entries;
}

describe('getting started', () => {
  it('initialises from explicit options and from the environment alone', async () => {
    for (const keito of [samples.initialiseExplicit(), samples.initialiseFromEnv()]) {
      expect(keito.accountId).toBe(world.workspace.account_id);
      const me = await keito.users.me();
      expect(me.id).toBe(world.fixture.agent.id);
      expect(me.user_type).toBe('agent');
    }
  });

  it('lists the projects the agent is assigned to', async () => {
    const lines = captureConsole();
    await samples.firstRequest(world.agent);
    expect(lines).toEqual([`${world.fixture.project.name} (${world.fixture.project.id})`]);
  });
});

describe('time entries', () => {
  it('creates an agent entry with its metadata', async () => {
    const entry = await samples.createTimeEntry(world.agent, ids);
    expect(entry).toMatchObject({
      project_id: ids.project,
      task_id: ids.task,
      user_id: ids.agentUser,
      spent_date: '2026-03-06',
      hours: 1.5,
      notes: 'Refactored authentication module',
      is_running: false,
      source: 'agent',
      metadata: { agent_id: 'review-bot-01', agent_type: 'claude-code', model: 'claude-opus-4-6' },
    });
    expect(entry.id).toMatch(/^te_/);
    expect(entry.metadata.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await world.agent.timeEntries.get(entry.id)).toEqual(entry);
  });

  it('starts a running timer and stops it', async () => {
    const { timer, running } = await samples.startAndStopTimer(world.agent, ids);
    expect(running.is_running).toBe(true);
    expect(running.spent_date).toBe(new Date().toISOString().slice(0, 10));
    const stopped = await world.agent.timeEntries.get(timer.id);
    expect(stopped).toMatchObject({ is_running: false, hours: 1.5, notes: 'Completed code review' });
  });

  it('lists the agent entries of the week, as the page prints them', async () => {
    const lines = captureConsole();
    await samples.listTimeEntries(world.agent, ids);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toContain('2026-03-06: 1.5h — Refactored authentication module');
    for (const line of lines) expect(line).toMatch(/^2026-03-0[1-6]: /);
  });

  it('walks every page with the cursor loop', async () => {
    const expected = (await allEntries(world.admin, ids.project)).map((entry) => entry.id);
    const lines = captureConsole();
    await samples.paginateTimeEntries(world.agent, ids);
    expect(lines.sort()).toEqual(expected.sort());
  });

  it('deletes an entry', async () => {
    const entry = await samples.createTimeEntry(world.agent, ids);
    await samples.deleteTimeEntry(world.agent, { ...ids, timeEntry: entry.id });
    await expect(world.agent.timeEntries.get(entry.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('expenses', () => {
  it('creates an LLM usage expense priced from the category', async () => {
    const expense = await samples.createExpense(world.agent, ids);
    ids.expense = expense.id;
    expect(expense).toMatchObject({
      project_id: ids.project,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-03-06',
      units: 45,
      unit_price: 0.003,
      total_cost: 0.135,
      source: 'agent',
      metadata: {
        session_id: '550e8400-e29b-41d4-a716-446655440000',
        input_tokens: 30000,
        output_tokens: 15000,
      },
    });
  });

  it('lists and prints expenses', async () => {
    const lines = captureConsole();
    await samples.listExpenses(world.agent, ids);
    expect(lines).toContain('2026-03-06: 45 units — claude-opus-4-6: 30k input + 15k output tokens');
  });

  it('gets one expense and prints its total', async () => {
    const lines = captureConsole();
    await samples.getExpense(world.agent, ids);
    expect(lines).toEqual(['Total cost: 0.135']);
  });
});

describe('filtering', () => {
  it('combines every time entry filter with AND', async () => {
    const page = await samples.filterTimeEntries(world.agent, ids);
    expect(page.data.length).toBeGreaterThan(0);
    for (const entry of page.data) {
      expect(entry).toMatchObject({ source: 'agent', project_id: ids.project, user_id: ids.agentUser });
      expect(entry.is_running).toBe(false);
      expect(entry.spent_date >= '2026-03-01' && entry.spent_date <= '2026-03-31').toBe(true);
    }
    const combined = await samples.combineFilters(world.agent, ids);
    expect(combined.data.map((e) => e.id).sort()).toEqual(page.data.map((e) => e.id).sort());
  });

  it('collects all entries across pages', async () => {
    const count = (await allEntries(world.admin, ids.project)).length;
    const lines = captureConsole();
    await samples.collectAllEntries(world.agent, ids);
    expect(lines).toEqual([`Total entries: ${count}`]);
  });

  it('sums the LLM cost of the project', async () => {
    const expenses = [];
    for await (const e of world.agent.expenses.list({ source: 'agent', project_id: ids.project }))
      expenses.push(e);
    const total = expenses.reduce((sum, e) => sum + e.total_cost, 0);
    expect(total).toBeGreaterThan(0);
    const lines = captureConsole();
    await samples.totalLlmCost(world.agent, ids);
    expect(lines).toEqual([`Total LLM cost: £${total.toFixed(2)}`]);
  });
});

describe('error handling', () => {
  it('reports a validation error with its field', async () => {
    const lines = captureConsole();
    await samples.errorTypes(world.agent, ids);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Validation failed: .+ \(field: spent_date\)$/);
  });

  it('accepts the documented retry options', () => {
    const { keito, noRetries, fromReference } = samples.retryOptions();
    expect([keito.maxRetries, keito.retryDelay]).toEqual([3, 1000]);
    expect(noRetries.maxRetries).toBe(0);
    expect(fromReference.maxRetries).toBe(3);
  });

  it('discards the running timer when the agent fails', async () => {
    const before = (await allEntries(world.agent, ids.project)).length;
    await expect(samples.agentSessionCleanup(world.agent, ids, failing)).rejects.toThrow('agent crashed');
    const after = await allEntries(world.agent, ids.project);
    expect(after).toHaveLength(before);
    expect(after.some((entry) => entry.is_running)).toBe(false);
  });

  it('recognises project_not_assigned', async () => {
    const lines = captureConsole();
    await samples.projectNotAssigned(world.agent, ids);
    expect(lines).toEqual(['Agent user is not assigned to this project']);
  });
});

describe('agent integration', () => {
  it('runs the session pattern: timer, stop, LLM expense with the same session_id', async () => {
    const { entry, result, expense } = await samples.agentSessionPattern(ids, working);
    expect(result).toBe('done: Review the authentication module');
    expect(await world.agent.timeEntries.get(entry.id)).toMatchObject({
      is_running: false,
      hours: 1.5,
      notes: 'Reviewed and refactored auth module',
    });
    expect(expense.metadata.session_id).toBe(entry.metadata.session_id);
    expect(expense).toMatchObject({ units: 40, total_cost: 0.12 });
  });

  it('the documented wrapper bills a successful run and deletes the timer of a failed one', async () => {
    const config = {
      projectId: ids.project,
      taskId: ids.task,
      agentId: 'wrapper-bot',
      model: 'claude-opus-4-6',
    };
    const result = await samples.trackAgentWork(world.agent, config, async () => ({
      result: 42,
      inputTokens: 2000,
      outputTokens: 1000,
    }));
    expect(result).toBe(42);
    const entries = (await allEntries(world.agent, ids.project)).filter(
      (e) => e.metadata?.agent_id === 'wrapper-bot',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.is_running).toBe(false);
    const expenses = (await world.agent.expenses.list({ project_id: ids.project, limit: 200 })).data.filter(
      (e) => e.metadata?.session_id === entries[0]?.metadata?.session_id,
    );
    expect(expenses).toHaveLength(1);
    expect(expenses[0]).toMatchObject({ units: 3, total_cost: 0.009 });

    await expect(
      samples.trackAgentWork(world.agent, { ...config, agentId: 'failing-bot' }, () =>
        failing.run().then(() => ({
          result: 0,
          inputTokens: 0,
          outputTokens: 0,
        })),
      ),
    ).rejects.toThrow('agent crashed');
    const failed = (await allEntries(world.agent, ids.project)).filter(
      (e) => e.metadata?.agent_id === 'failing-bot',
    );
    expect(failed).toEqual([]);
  });

  it('runs the quickstart: an entry, then its expense correlated by session_id', async () => {
    const lines = captureConsole();
    const { entry, expense } = await samples.quickstart(ids);
    expect(lines).toEqual([`Created entry: ${entry.id}`]);
    expect(expense.metadata.session_id).toBe(entry.metadata.session_id);
    expect(expense.total_cost).toBe(0.135);
  });
});
