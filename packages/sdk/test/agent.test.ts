// The SDK's agent helpers against the real server: trackAgentWork and the start/stop session object.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Expense, Keito, TimeEntry } from '../src/index.js';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;

beforeAll(async () => {
  world = await createWorld('Agents R Us');
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function bySession(keito: Keito, sessionId: string) {
  const project_id = world.fixture.project.id;
  const entries = (await collect<TimeEntry>(keito.timeEntries.list({ project_id }))).filter(
    (e) => e.metadata?.session_id === sessionId,
  );
  const expenses = (await collect<Expense>(keito.expenses.list({ project_id }))).filter(
    (e) => e.metadata?.session_id === sessionId,
  );
  return { entries, expenses };
}

describe('trackAgentWork', () => {
  it('records a stopped entry with measured hours and the token cost under one session_id', async () => {
    let sessionId = '';
    let runningDuringWork: boolean | undefined;
    const result = await world.agent.trackAgentWork(
      {
        projectId: world.fixture.project.id,
        taskId: world.fixture.task.id,
        agentId: 'bot-7',
        model: 'claude-opus-4-6',
      },
      async (session) => {
        sessionId = session.sessionId;
        runningDuringWork = (await world.agent.timeEntries.get(session.entry.id)).is_running;
        return { result: 'reviewed', inputTokens: 25_000, outputTokens: 15_000, notes: 'Reviewed auth' };
      },
    );
    expect(result).toBe('reviewed');
    expect(runningDuringWork).toBe(true);
    const { entries, expenses } = await bySession(world.agent, sessionId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      is_running: false,
      hours: 0,
      notes: 'Reviewed auth',
      source: 'agent',
      task_id: world.fixture.task.id,
      metadata: { agent_id: 'bot-7', model: 'claude-opus-4-6', session_id: sessionId },
    });
    expect(expenses).toHaveLength(1);
    expect(expenses[0]).toMatchObject({
      units: 40,
      total_cost: 0.12,
      source: 'agent',
      notes: 'claude-opus-4-6: 25k input + 15k output tokens',
      metadata: { agent_id: 'bot-7', input_tokens: 25_000, output_tokens: 15_000 },
    });
  });

  it('deletes the timer and rethrows when the work fails', async () => {
    let sessionId = '';
    await expect(
      world.agent.trackAgentWork(
        { projectId: world.fixture.project.id, agentId: 'bot-8' },
        async (session) => {
          sessionId = session.sessionId;
          throw new Error('model refused');
        },
      ),
    ).rejects.toThrow('model refused');
    const { entries, expenses } = await bySession(world.agent, sessionId);
    expect(entries).toEqual([]);
    expect(expenses).toEqual([]);
  });
});

describe('agent sessions', () => {
  it('stops with given hours and logs usage correlated by session_id', async () => {
    const session = await world.agent.startAgentSession({
      projectId: world.fixture.project.id,
      agentId: 'bot-9',
      agentType: 'claude-code',
      model: 'claude-sonnet-4',
      sessionId: 'session-fixed-1',
      spentDate: '2026-03-06',
    });
    expect(session.entry).toMatchObject({ is_running: true, spent_date: '2026-03-06', hours: 0 });
    const extra = await session.logUsage({ inputTokens: 1000, outputTokens: 500, notes: 'planning step' });
    const { entry, expense } = await session.stop({ hours: 0.75, inputTokens: 3000, outputTokens: 1000 });
    expect(entry).toMatchObject({ is_running: false, hours: 0.75 });
    expect(expense).toMatchObject({
      units: 4,
      metadata: { session_id: 'session-fixed-1', model: 'claude-sonnet-4' },
    });
    expect(extra).toMatchObject({ units: 1.5, notes: 'planning step' });
    const stored = await bySession(world.agent, 'session-fixed-1');
    expect(stored.entries).toHaveLength(1);
    expect(stored.expenses).toHaveLength(2);
    await expect(session.stop()).rejects.toThrow(/already stopped/);
  });

  it('creates no expense when no tokens were used', async () => {
    const session = await world.agent.startAgentSession({
      projectId: world.fixture.project.id,
      agentId: 'bot-10',
    });
    const { expense } = await session.stop();
    expect(expense).toBeUndefined();
    expect((await bySession(world.agent, session.sessionId)).expenses).toEqual([]);
  });

  it('discards a session, deleting its timer', async () => {
    const session = await world.agent.startAgentSession({
      projectId: world.fixture.project.id,
      agentId: 'bot-11',
    });
    await session.discard();
    expect((await bySession(world.agent, session.sessionId)).entries).toEqual([]);
  });

  it('measures elapsed hours from the start', async () => {
    const session = await world.agent.startAgentSession({
      projectId: world.fixture.project.id,
      agentId: 'bot-12',
    });
    expect(session.elapsedHours(session.startedAt + 90 * 60_000)).toBe(1.5);
    expect(session.elapsedHours(session.startedAt + 20_000)).toBe(0.01);
    await session.discard();
  });
});
