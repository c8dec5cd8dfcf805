import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { postgresErrorOf } from '../src/db/errors.ts';
import {
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
let workspace: Workspace;
let fixture: ProjectFixture;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  fixture = await newProject(workspace);
});

async function newAgent(name: string): Promise<Member> {
  const agent = await addUser(server, workspace, { name, user_type: 'agent' });
  await assign(workspace, fixture.projectId, agent.id);
  return agent;
}

function startTimer(member: Member, extra: Record<string, unknown> = {}) {
  return member.api.ok('POST', '/v1/time-entries', {
    project_id: fixture.projectId,
    task_id: fixture.taskId,
    spent_date: '2026-03-06',
    is_running: true,
    source: 'agent',
    ...extra,
  });
}

/** Moves a timer's start into the past, as if it had been running that long. */
async function backdateTimer(entryId: string, minutes: number) {
  await server.db.execute(
    sql`UPDATE time_entries SET timer_started_at = now() - make_interval(mins => ${minutes}) WHERE id = ${entryId}`,
  );
}

describe('timers', () => {
  it('starts with hours 0 and shows the hours so far while running', async () => {
    const agent = await newAgent('timer-bot-1');
    const timer = await startTimer(agent);
    expect(timer).toMatchObject({ is_running: true, hours: 0 });
    await backdateTimer(timer.id, 45);
    const running = await agent.api.ok('GET', `/v1/time-entries/${timer.id}`);
    expect(running.is_running).toBe(true);
    expect(running.hours).toBeCloseTo(0.75, 2);
  });

  it('stopping a timer computes hours from the start time', async () => {
    const agent = await newAgent('timer-bot-2');
    const timer = await startTimer(agent);
    await backdateTimer(timer.id, 90);
    const stopped = await agent.api.ok('PATCH', `/v1/time-entries/${timer.id}`, { is_running: false });
    expect(stopped.is_running).toBe(false);
    expect(stopped.hours).toBeCloseTo(1.5, 2);
    expect(stopped.timer_started_at).toBeNull();
    // Once stopped, the hours no longer grow.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await agent.api.ok('GET', `/v1/time-entries/${timer.id}`)).hours).toBe(stopped.hours);
  });

  it('hours given when stopping win over the elapsed time', async () => {
    const agent = await newAgent('timer-bot-3');
    const timer = await startTimer(agent);
    await backdateTimer(timer.id, 10);
    const stopped = await agent.api.ok('PATCH', `/v1/time-entries/${timer.id}`, {
      is_running: false,
      hours: 2.25,
    });
    expect(stopped.hours).toBe(2.25);
  });

  it('starting a second timer stops and saves the first', async () => {
    const agent = await newAgent('timer-bot-4');
    const first = await startTimer(agent);
    await backdateTimer(first.id, 30);
    const second = await startTimer(agent);
    const firstNow = await agent.api.ok('GET', `/v1/time-entries/${first.id}`);
    expect(firstNow.is_running).toBe(false);
    expect(firstNow.hours).toBeCloseTo(0.5, 2);
    expect((await agent.api.ok('GET', `/v1/time-entries/${second.id}`)).is_running).toBe(true);
    const running = await agent.api.ok('GET', '/v1/time-entries?is_running=true');
    expect(running.data.map((entry: { id: string }) => entry.id)).toEqual([second.id]);
  });

  it('concurrent starts leave exactly one running timer per user', async () => {
    const agent = await newAgent('timer-bot-5');
    const started = await Promise.all(Array.from({ length: 8 }, () => startTimer(agent)));
    expect(new Set(started.map((entry) => entry.id)).size).toBe(8);
    const running = await agent.api.ok('GET', `/v1/time-entries?is_running=true&user_id=${agent.id}`);
    expect(running.data).toHaveLength(1);
    const all = await agent.api.ok('GET', `/v1/time-entries?user_id=${agent.id}`);
    expect(all.data).toHaveLength(8);
  });

  it('the database refuses a second running timer for the same user', async () => {
    const agent = await newAgent('timer-bot-6');
    const first = await startTimer(agent);
    const second = await agent.api.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    const refused = await server.db
      .execute(sql`UPDATE time_entries SET timer_started_at = now() WHERE id = ${second.id}`)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(postgresErrorOf(refused)).toMatchObject({
      code: '23505',
      constraint: 'time_entries_one_running_timer',
    });
    expect((await agent.api.ok('GET', `/v1/time-entries/${first.id}`)).is_running).toBe(true);
  });

  it('timers of different users run side by side', async () => {
    const one = await newAgent('timer-bot-7');
    const two = await newAgent('timer-bot-8');
    const a = await startTimer(one);
    const b = await startTimer(two);
    expect((await one.api.ok('GET', `/v1/time-entries/${a.id}`)).is_running).toBe(true);
    expect((await two.api.ok('GET', `/v1/time-entries/${b.id}`)).is_running).toBe(true);
  });

  it('restarting a stopped entry continues from its hours', async () => {
    const agent = await newAgent('timer-bot-9');
    const entry = await agent.api.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    const restarted = await agent.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { is_running: true });
    expect(restarted.is_running).toBe(true);
    await backdateTimer(entry.id, 30);
    const stopped = await agent.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { is_running: false });
    expect(stopped.hours).toBeCloseTo(1.5, 2);
  });

  it('a discarded timer is deleted with 204', async () => {
    const agent = await newAgent('timer-bot-10');
    const timer = await startTimer(agent);
    expect((await agent.api.delete(`/v1/time-entries/${timer.id}`)).status).toBe(204);
    expect((await agent.api.get(`/v1/time-entries/${timer.id}`)).status).toBe(404);
  });

  it('workspace rounding applies when a timer stops', async () => {
    const roundingWorkspace = await newWorkspace(server, 'Rounders');
    const project = await newProject(roundingWorkspace);
    await roundingWorkspace.admin.ok('PATCH', '/v1/workspace', { rounding_minutes: 15 });
    const timer = await roundingWorkspace.admin.ok('POST', '/v1/time-entries', {
      project_id: project.projectId,
      spent_date: '2026-03-06',
      is_running: true,
    });
    await backdateTimer(timer.id, 50);
    const stopped = await roundingWorkspace.admin.ok('PATCH', `/v1/time-entries/${timer.id}`, {
      is_running: false,
    });
    expect(stopped.hours).toBe(0.75);
  });
});

describe('manual entries', () => {
  it('start and end times across midnight give the hours between them', async () => {
    const entry = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: '2026-03-06',
      started_at: '2026-03-06T22:30:00Z',
      ended_at: '2026-03-07T01:00:00Z',
    });
    expect(entry.hours).toBe(2.5);
    expect(entry.started_at).toBe('2026-03-06T22:30:00.000Z');
    expect(entry.ended_at).toBe('2026-03-07T01:00:00.000Z');
  });

  it('is_billable follows the task on the project, and non-billable projects', async () => {
    const internal = await newProject(workspace, { name: 'Internal', billing_type: 'non_billable' });
    const entry = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: internal.projectId,
      task_id: internal.taskId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    expect(entry.is_billable).toBe(false);
    const assignments = await workspace.admin.ok('GET', `/v1/projects/${fixture.projectId}/task-assignments`);
    const assignment = assignments.data.find((row: { task_id: string }) => row.task_id === fixture.taskId);
    await workspace.admin.ok('PATCH', `/v1/projects/${fixture.projectId}/task-assignments/${assignment.id}`, {
      is_billable: false,
    });
    const onTask = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      task_id: fixture.taskId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    expect(onTask.is_billable).toBe(false);
    await workspace.admin.ok('PATCH', `/v1/projects/${fixture.projectId}/task-assignments/${assignment.id}`, {
      is_billable: true,
    });
  });

  it('stores the rate resolved at the time, so later rate changes do not rewrite history', async () => {
    const billed = await newProject(workspace, { name: 'Rated', hourly_rate: 100 });
    const before = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: billed.projectId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    await workspace.admin.ok('PATCH', `/v1/projects/${billed.projectId}`, { hourly_rate: 120 });
    const after = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: billed.projectId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    expect(before.billable_rate).toBe(100);
    expect(after.billable_rate).toBe(120);
    expect((await workspace.admin.ok('GET', `/v1/time-entries/${before.id}`)).billable_rate).toBe(100);
  });
});
