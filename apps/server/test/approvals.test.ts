import { type ReceivedMail, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  type ApiResponse,
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
let mailbox: TestMailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({ mail: { smtpUrl: mailbox.url, from: 'Keito <time@keito.test>' } });
});

afterAll(() => mailbox.close());

/** A week in the past, Monday to Sunday (workspaces start their weeks on Monday by default). */
const WEEK = { from: '2026-11-02', to: '2026-11-08' };
const NEXT_WEEK = { from: '2026-11-09', to: '2026-11-15' };

interface Team {
  workspace: Workspace;
  clientId: string;
  projectId: string;
  member: Member;
  agent: Member;
  /** Manages the member and the agent. */
  manager: Member;
  /** A manager of nobody here. */
  otherManager: Member;
  emails: { admin: string; member: string; manager: string };
}

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;

/** A workspace of its own per test, so each test's people (and mail) are its own. */
async function newTeam(name: string): Promise<Team> {
  const workspace = await newWorkspace(server, name);
  const { clientId, projectId } = await newProject(workspace);
  const [member, agent, manager, otherManager] = await Promise.all([
    addUser(server, workspace, { name: `${name} Member` }),
    addUser(server, workspace, { name: `${name} Agent`, user_type: 'agent' }),
    addUser(server, workspace, { name: `${name} Manager`, role: 'manager' }),
    addUser(server, workspace, { name: `${name} Other Manager`, role: 'manager' }),
  ]);
  for (const user of [member, agent, manager, otherManager]) await assign(workspace, projectId, user.id);
  await workspace.admin.ok('PUT', `/v1/users/${manager.id}/teammates`, {
    teammate_ids: [member.id, agent.id],
  });
  return {
    workspace,
    clientId,
    projectId,
    member,
    agent,
    manager,
    otherManager,
    emails: {
      admin: `admin@${name.toLowerCase()}.test`,
      member: emailOf(`${name} Member`),
      manager: emailOf(`${name} Manager`),
    },
  };
}

function logTime(team: Team, api: Api, body: Record<string, unknown>) {
  return api.ok('POST', '/v1/time-entries', {
    project_id: team.projectId,
    spent_date: WEEK.from,
    hours: 2,
    notes: 'work',
    ...body,
  });
}

function logExpense(team: Team, api: Api, body: Record<string, unknown> = {}) {
  return api.ok('POST', '/v1/expenses', {
    project_id: team.projectId,
    expense_category_id: 'cat_meals',
    spent_date: WEEK.from,
    total_cost: 42.5,
    ...body,
  });
}

function expectLocked(response: ApiResponse, reason: string) {
  expect(response.status).toBe(422);
  expect(response.body.error).toMatchObject({ code: 'entry_locked', reason });
}

/** The mail's text with quoted-printable soft breaks and folded headers undone. */
function textOf(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=3D/gi, '=')
    .replace(/\r?\n[ \t]+/g, ' ');
}

describe('submitting and approving a timesheet', () => {
  it('a member submits a week; their manager approves it; the entries lock for everyone', async () => {
    const team = await newTeam('Cycle');
    const api = team.member.api;
    const billable = await logTime(team, api, { hours: 3, is_billable: true });
    const internal = await logTime(team, api, {
      spent_date: '2026-11-03',
      hours: 2,
      is_billable: false,
      notes: null,
    });
    const expense = await logExpense(team, api);
    const outside = await logTime(team, api, { spent_date: NEXT_WEEK.from });

    const submitted = await api.post('/v1/timesheets/submit', WEEK);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      user: { id: team.member.id, name: 'Cycle Member', user_type: 'human' },
      from: WEEK.from,
      to: WEEK.to,
      state: 'submitted',
      total_hours: 5,
      billable_hours: 3,
      non_billable_hours: 2,
      expense_total: 42.5,
      currency: 'USD',
      submitted_by: { id: team.member.id },
      decided_at: null,
      decided_by: null,
      reason: null,
    });
    expect(submitted.body.flags).toEqual([
      {
        kind: 'missing_notes',
        date: '2026-11-03',
        time_entry_id: internal.id,
        hours: 2,
        capacity_hours: null,
      },
    ]);
    expect(submitted.body.time_entries.map((entry: { id: string }) => entry.id).sort()).toEqual(
      [billable.id, internal.id].sort(),
    );
    expect(submitted.body.expenses).toEqual([
      expect.objectContaining({ id: expense.id, approval_status: 'submitted' }),
    ]);
    expect(submitted.body.daily_totals).toHaveLength(7);
    expect(submitted.body.daily_totals[0]).toEqual({
      date: WEEK.from,
      hours: 3,
      billable_hours: 3,
      non_billable_hours: 0,
      expense_total: 42.5,
    });
    const id = submitted.body.id;

    // Read-only to the owner, and only the period's entries moved.
    expectLocked(await api.patch(`/v1/time-entries/${billable.id}`, { notes: 'changed' }), 'submitted');
    expectLocked(await api.delete(`/v1/expenses/${expense.id}`), 'submitted');
    expect(await api.ok('GET', `/v1/time-entries/${outside.id}`)).toMatchObject({
      approval_status: 'unsubmitted',
      timesheet_id: null,
    });

    const queue = await team.manager.api.ok('GET', '/v1/timesheets?state=submitted');
    expect(queue.data.map((row: { id: string }) => row.id)).toEqual([id]);
    expect(queue.data[0]).not.toHaveProperty('time_entries');

    const approved = await team.manager.api.post(`/v1/timesheets/${id}/approve`, undefined);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decided_by: { id: team.manager.id, name: 'Cycle Manager' },
      decided_at: expect.any(String),
    });

    for (const editor of [api, team.manager.api, team.workspace.admin]) {
      expectLocked(await editor.patch(`/v1/time-entries/${billable.id}`, { notes: 'changed' }), 'approved');
      expectLocked(await editor.patch(`/v1/expenses/${expense.id}`, { notes: 'changed' }), 'approved');
    }
    const approvedEntries = await api.ok('GET', `/v1/time-entries?approval_status=approved`);
    expect(approvedEntries.data.map((entry: { id: string }) => entry.id).sort()).toEqual(
      [billable.id, internal.id].sort(),
    );
    expect(approvedEntries.data[0]).toMatchObject({ is_locked: true, timesheet_id: id });
    const approvedExpenses = await api.ok('GET', '/v1/expenses?approval_status=approved');
    expect(approvedExpenses.data.map((row: { id: string }) => row.id)).toEqual([expense.id]);
    const unsubmitted = await api.ok('GET', '/v1/time-entries?approval_status=unsubmitted');
    expect(unsubmitted.data.map((entry: { id: string }) => entry.id)).toEqual([outside.id]);
  });

  it('an agent submits through the API and its manager approves', async () => {
    const team = await newTeam('Agentic');
    await logTime(team, team.agent.api, { source: 'agent', metadata: { model: 'claude' } });
    const submitted = await team.agent.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(submitted).toMatchObject({ user: { id: team.agent.id, user_type: 'agent' }, state: 'submitted' });
    const approved = await team.manager.api.ok('POST', `/v1/timesheets/${submitted.id}/approve`);
    expect(approved.state).toBe('approved');
    expect(approved.time_entries[0]).toMatchObject({ approval_status: 'approved', source: 'agent' });
  });

  it("a manager submits on behalf of a teammate, not of someone they don't manage", async () => {
    const team = await newTeam('Behalf');
    await logTime(team, team.agent.api, {});
    await logTime(team, team.otherManager.api, {});
    const submitted = await team.manager.api.ok('POST', '/v1/timesheets/submit', {
      ...WEEK,
      user_id: team.agent.id,
    });
    expect(submitted).toMatchObject({ user: { id: team.agent.id }, submitted_by: { id: team.manager.id } });
    const refused = await team.manager.api.post('/v1/timesheets/submit', {
      ...WEEK,
      user_id: team.otherManager.id,
    });
    expect(refused.status).toBe(403);
    const byMember = await team.member.api.post('/v1/timesheets/submit', { ...WEEK, user_id: team.agent.id });
    expect(byMember.status).toBe(403);
  });

  it('defaults to the current workspace week', async () => {
    const team = await newTeam('Thisweek');
    const today = new Date().toISOString().slice(0, 10);
    await logTime(team, team.member.api, { spent_date: today });
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', {});
    expect(submitted.from <= today && today <= submitted.to).toBe(true);
    expect(new Date(`${submitted.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(submitted.time_entries).toHaveLength(1);
  });

  it('a second submission in the same period carries only the entries added since', async () => {
    const team = await newTeam('Twice');
    const first = await logTime(team, team.member.api, {});
    const one = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const second = await logTime(team, team.member.api, { spent_date: '2026-11-05' });
    const two = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(two.id).not.toBe(one.id);
    expect(one.time_entries.map((entry: { id: string }) => entry.id)).toEqual([first.id]);
    expect(two.time_entries.map((entry: { id: string }) => entry.id)).toEqual([second.id]);

    const nothing = await team.member.api.post('/v1/timesheets/submit', WEEK);
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.message).toMatch(/Nothing to submit/);
    const mine = await team.member.api.ok('GET', `/v1/timesheets?user_id=${team.member.id}`);
    expect(mine.data).toHaveLength(2);
  });

  it('a running timer cannot be submitted, and nothing of the period is', async () => {
    const team = await newTeam('Running');
    const stopped = await logTime(team, team.member.api, {});
    const timer = await logTime(team, team.member.api, { spent_date: '2026-11-04', is_running: true });
    const refused = await team.member.api.post('/v1/timesheets/submit', WEEK);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/timer is running on 2026-11-04/);
    expect(await team.member.api.ok('GET', `/v1/time-entries/${stopped.id}`)).toMatchObject({
      approval_status: 'unsubmitted',
    });
    expect((await team.member.api.ok('GET', '/v1/timesheets')).data).toEqual([]);

    await team.member.api.ok('PATCH', `/v1/time-entries/${timer.id}`, { is_running: false });
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(submitted.time_entries).toHaveLength(2);
  });

  it('flags a day over the capacity share and a week over the capacity', async () => {
    const team = await newTeam('Flags');
    await team.workspace.admin.ok('PATCH', `/v1/users/${team.member.id}`, { weekly_capacity: 10 });
    await logTime(team, team.member.api, { hours: 8 });
    await logTime(team, team.member.api, { spent_date: '2026-11-03', hours: 1 });
    await logTime(team, team.member.api, { spent_date: '2026-11-04', hours: 2 });
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(submitted.flags).toEqual([
      { kind: 'over_daily_capacity', date: WEEK.from, time_entry_id: null, hours: 8, capacity_hours: 2 },
      { kind: 'overtime', date: WEEK.from, time_entry_id: null, hours: 11, capacity_hours: 10 },
    ]);
  });

  it("a second submission in the week is flagged for the person's whole week, not only its own entries", async () => {
    const team = await newTeam('Flags2');
    await team.workspace.admin.ok('PATCH', `/v1/users/${team.member.id}`, { weekly_capacity: 10 });
    await logTime(team, team.member.api, { spent_date: '2026-11-03', hours: 2 });
    await logTime(team, team.member.api, { spent_date: '2026-11-04', hours: 2 });
    await logTime(team, team.member.api, { spent_date: '2026-11-05', hours: 2 });
    const first = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(first.flags).toEqual([]);
    await logTime(team, team.member.api, { spent_date: '2026-11-05', hours: 1 });
    await logTime(team, team.member.api, { spent_date: '2026-11-06', hours: 2 });
    await logTime(team, team.member.api, { spent_date: '2026-11-07', hours: 2 });
    const second = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    // 2 + 1 hours on the 5th is over the day's share of 2; the week is 11 hours against 10.
    expect(second.flags).toEqual([
      { kind: 'overtime', date: WEEK.from, time_entry_id: null, hours: 11, capacity_hours: 10 },
      { kind: 'over_daily_capacity', date: '2026-11-05', time_entry_id: null, hours: 3, capacity_hours: 2 },
    ]);
  });
});

describe('who decides', () => {
  it('a manager acts only for their teammates, never for themselves; members never', async () => {
    const team = await newTeam('Scope');
    await logTime(team, team.member.api, {});
    await logTime(team, team.manager.api, {});
    const theirs = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const own = await team.manager.api.ok('POST', '/v1/timesheets/submit', WEEK);

    for (const path of ['approve', 'reject']) {
      const body = path === 'reject' ? { reason: 'no' } : undefined;
      expect((await team.otherManager.api.post(`/v1/timesheets/${theirs.id}/${path}`, body)).status).toBe(
        403,
      );
      expect((await team.member.api.post(`/v1/timesheets/${theirs.id}/${path}`, body)).status).toBe(403);
      expect((await team.manager.api.post(`/v1/timesheets/${own.id}/${path}`, body)).status).toBe(403);
    }
    expect((await team.otherManager.api.ok('GET', '/v1/timesheets')).data).toEqual([]);
    expect((await team.otherManager.api.get(`/v1/timesheets/${theirs.id}`)).status).toBe(404);
    const managerQueue = await team.manager.api.ok('GET', '/v1/timesheets?state=submitted');
    expect(managerQueue.data.map((row: { id: string }) => row.id).sort()).toEqual([theirs.id, own.id].sort());
    const memberQueue = await team.member.api.ok('GET', '/v1/timesheets');
    expect(memberQueue.data.map((row: { id: string }) => row.id)).toEqual([theirs.id]);

    // The administrator approves anyone, the manager included.
    const approved = await team.workspace.admin.ok('POST', `/v1/timesheets/${own.id}/approve`);
    expect(approved.state).toBe('approved');
    expect((await team.manager.api.post(`/v1/timesheets/${theirs.id}/approve`, undefined)).status).toBe(200);
    const again = await team.manager.api.post(`/v1/timesheets/${theirs.id}/approve`, undefined);
    expect(again.status).toBe(409);
  });

  it('reject, edit and resubmit: the reason reaches the person and the entries open again', async () => {
    const team = await newTeam('Rejects');
    const entry = await logTime(team, team.member.api, {});
    const first = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const rejected = await team.manager.api.ok('POST', `/v1/timesheets/${first.id}/reject`, {
      reason: 'Split the meeting time out',
    });
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'Split the meeting time out' });
    expect(rejected.time_entries[0]).toMatchObject({ approval_status: 'rejected', is_locked: false });
    const missingReason = await team.manager.api.post(`/v1/timesheets/${first.id}/reject`, {});
    expect(missingReason.status).toBe(400);

    const edited = await team.member.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { hours: 1.5 });
    expect(edited).toMatchObject({ hours: 1.5, approval_status: 'rejected' });
    const second = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expect(second.time_entries).toEqual([
      expect.objectContaining({ id: entry.id, hours: 1.5, approval_status: 'submitted' }),
    ]);
    expect(await team.manager.api.ok('GET', `/v1/timesheets/${first.id}`)).toMatchObject({
      state: 'rejected',
      time_entries: [],
    });
    const rejectedOnes = await team.manager.api.ok('GET', '/v1/timesheets?state=rejected');
    expect(rejectedOnes.data.map((row: { id: string }) => row.id)).toEqual([first.id]);
  });

  it('withdrawing an approval needs the permission and returns the timesheet to submitted', async () => {
    const team = await newTeam('Withdraw');
    const entry = await logTime(team, team.member.api, {});
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    await team.manager.api.ok('POST', `/v1/timesheets/${submitted.id}/approve`);

    expect((await team.manager.api.post(`/v1/timesheets/${submitted.id}/withdraw`, undefined)).status).toBe(
      403,
    );
    const withdrawn = await team.workspace.admin.ok('POST', `/v1/timesheets/${submitted.id}/withdraw`);
    expect(withdrawn).toMatchObject({ state: 'submitted', decided_at: null, decided_by: null });
    expect(withdrawn.time_entries[0]).toMatchObject({ approval_status: 'submitted' });
    // Submitted again: closed to the owner, open to an approver's correction.
    expectLocked(await team.member.api.patch(`/v1/time-entries/${entry.id}`, { notes: 'x' }), 'submitted');
    expect(
      await team.workspace.admin.ok('PATCH', `/v1/time-entries/${entry.id}`, { notes: 'corrected' }),
    ).toMatchObject({ notes: 'corrected', approval_status: 'submitted' });

    // A manager given the permission withdraws too; a timesheet not approved cannot be withdrawn.
    await team.workspace.admin.ok('PATCH', `/v1/users/${team.manager.id}`, {
      manager_permissions: { withdraw_approvals: true },
    });
    expect((await team.manager.api.post(`/v1/timesheets/${submitted.id}/withdraw`, undefined)).status).toBe(
      409,
    );
    await team.manager.api.ok('POST', `/v1/timesheets/${submitted.id}/approve`);
    expect((await team.manager.api.ok('POST', `/v1/timesheets/${submitted.id}/withdraw`)).state).toBe(
      'submitted',
    );
  });

  it('bulk approve and reject answer per id', async () => {
    const team = await newTeam('Bulk');
    await logTime(team, team.member.api, {});
    await logTime(team, team.agent.api, {});
    const one = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const two = await team.agent.api.ok('POST', '/v1/timesheets/submit', WEEK);
    await logTime(team, team.otherManager.api, {});
    const notMine = await team.otherManager.api.ok('POST', '/v1/timesheets/submit', WEEK);

    const approved = await team.manager.api.ok('POST', '/v1/timesheets/approve', {
      ids: [one.id, 'tsh_unknown', notMine.id],
    });
    expect(approved.results).toEqual([
      { id: one.id, status: 200, data: expect.objectContaining({ id: one.id, state: 'approved' }) },
      { id: 'tsh_unknown', status: 404, error: expect.objectContaining({ code: 'not_found' }) },
      { id: notMine.id, status: 403, error: expect.objectContaining({ code: 'authorization_error' }) },
    ]);
    const rejected = await team.manager.api.ok('POST', '/v1/timesheets/reject', {
      ids: [two.id, one.id],
      reason: 'Add notes, please',
    });
    expect(rejected.results).toEqual([
      {
        id: two.id,
        status: 200,
        data: expect.objectContaining({ state: 'rejected', reason: 'Add notes, please' }),
      },
      { id: one.id, status: 409, error: expect.objectContaining({ code: 'conflict' }) },
    ]);
    const noReason = await team.manager.api.post('/v1/timesheets/reject', { ids: [two.id] });
    expect(noReason.status).toBe(400);
  });
});

describe('locks, one rule', () => {
  const kinds = ['time entry', 'expense'] as const;
  const create = (team: Team, kind: (typeof kinds)[number], api: Api, body: Record<string, unknown> = {}) =>
    kind === 'time entry' ? logTime(team, api, body) : logExpense(team, api, body);
  const pathOf = (kind: (typeof kinds)[number]) =>
    kind === 'time entry' ? '/v1/time-entries' : '/v1/expenses';
  const tableOf = (kind: (typeof kinds)[number]) => (kind === 'time entry' ? 'time_entries' : 'expenses');

  it.each(kinds)('a submitted %s is read-only to its owner only', async (kind) => {
    const team = await newTeam(`Sub${kind.replace(' ', '')}`);
    const row = await create(team, kind, team.member.api);
    await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    expectLocked(await team.member.api.patch(`${pathOf(kind)}/${row.id}`, { notes: 'x' }), 'submitted');
    expectLocked(await team.member.api.delete(`${pathOf(kind)}/${row.id}`), 'submitted');
    expect((await team.member.api.ok('GET', `${pathOf(kind)}/${row.id}`)).is_locked).toBe(true);
    const byManager = await team.manager.api.ok('PATCH', `${pathOf(kind)}/${row.id}`, { notes: 'fixed' });
    expect(byManager).toMatchObject({ notes: 'fixed', is_locked: false });
  });

  it.each(kinds)('an invoiced %s is read-only to everyone, whatever its approval', async (kind) => {
    const team = await newTeam(`Inv${kind.replace(' ', '')}`);
    const row = await create(
      team,
      kind,
      team.member.api,
      kind === 'time entry' ? { is_billable: true } : { billable: true },
    );
    // Invoiced while Approvals was off, so the entry was never submitted; then Approvals is back on.
    await team.workspace.admin.ok('PATCH', '/v1/workspace', { features: { approvals: false } });
    const period = { from: WEEK.from, to: WEEK.to, summary_type: 'detailed' };
    const invoice = await team.workspace.admin.ok('POST', '/v1/invoices', {
      client_id: team.clientId,
      line_items_import: {
        project_ids: [team.projectId],
        ...(kind === 'time entry' ? { time: period } : { expenses: period }),
      },
    });
    expect(invoice.line_items).toHaveLength(1);
    await team.workspace.admin.ok('PATCH', '/v1/workspace', { features: { approvals: true } });
    for (const api of [team.member.api, team.workspace.admin]) {
      expectLocked(await api.patch(`${pathOf(kind)}/${row.id}`, { notes: 'x' }), 'invoiced');
    }
    // An invoiced entry is not taken by a submission either.
    const nothing = await team.member.api.post('/v1/timesheets/submit', WEEK);
    expect(nothing.status).toBe(422);
  });

  it.each(kinds)(
    'a %s in the locked period is closed to its owner; an administrator may still edit it, and it is recorded',
    async (kind) => {
      const team = await newTeam(`Dated${kind.replace(' ', '')}`);
      const row = await create(team, kind, team.member.api);
      await team.workspace.admin.ok('PATCH', '/v1/workspace', { lock_entries_after_days: 1 });
      expectLocked(await team.member.api.patch(`${pathOf(kind)}/${row.id}`, { notes: 'x' }), 'date_locked');
      expectLocked(await team.manager.api.patch(`${pathOf(kind)}/${row.id}`, { notes: 'x' }), 'date_locked');
      const edited = await team.workspace.admin.ok('PATCH', `${pathOf(kind)}/${row.id}`, {
        notes: 'late fix',
      });
      expect(edited).toMatchObject({ notes: 'late fix', is_locked: false });
      const recorded = await server.pool.query(
        `SELECT lock_overridden_by_id, lock_overridden_at FROM ${tableOf(kind)} WHERE id = $1`,
        [row.id],
      );
      expect(recorded.rows[0]).toEqual({
        lock_overridden_by_id: team.workspace.adminId,
        lock_overridden_at: expect.any(Date),
      });
    },
  );

  it('with approvals off nothing is submitted and entries stay editable', async () => {
    const team = await newTeam('Off');
    const entry = await logTime(team, team.member.api, {});
    await team.workspace.admin.ok('PATCH', '/v1/workspace', {
      features: { expenses: true, invoicing: true, approvals: false },
    });
    const refused = await team.member.api.post('/v1/timesheets/submit', WEEK);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('feature_disabled');
    expect((await team.manager.api.get('/v1/timesheets')).body.error.code).toBe('feature_disabled');
    expect(
      await team.member.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { notes: 'final' }),
    ).toMatchObject({ notes: 'final', approval_status: 'unsubmitted', is_locked: false });
  });
});

describe('concurrent approve and edit', () => {
  /** Waits until `count` statements of the test's database are waiting for a lock. */
  async function blockedStatements(count: number): Promise<void> {
    for (;;) {
      const { rows } = await server.pool.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0].n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Holds the entry's row lock in a transaction of the test's own, starts both requests, and lets
   * them go in the order they queued for the row: the outcome does not depend on timing.
   */
  async function race(
    entryId: string,
    first: () => Promise<ApiResponse>,
    second: () => Promise<ApiResponse>,
  ) {
    const holder = await server.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM time_entries WHERE id = $1 FOR UPDATE', [entryId]);
      const one = first();
      await blockedStatements(1);
      const two = second();
      await blockedStatements(2);
      await holder.query('COMMIT');
      return await Promise.all([one, two]);
    } finally {
      holder.release();
    }
  }

  it('an approval that gets the row first wins: the edit is refused and nothing changed', async () => {
    const team = await newTeam('RaceA');
    const entry = await logTime(team, team.member.api, { notes: 'as submitted' });
    await logTime(team, team.member.api, { spent_date: '2026-11-06' });
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const [approve, edit] = await race(
      entry.id,
      () => team.manager.api.post(`/v1/timesheets/${submitted.id}/approve`, undefined),
      () => team.workspace.admin.patch(`/v1/time-entries/${entry.id}`, { notes: 'edited meanwhile' }),
    );
    expect(approve.status).toBe(200);
    expectLocked(edit, 'approved');
    const after = await team.member.api.ok('GET', `/v1/timesheets/${submitted.id}`);
    expect(after.state).toBe('approved');
    expect(after.time_entries.map((row: { approval_status: string }) => row.approval_status)).toEqual([
      'approved',
      'approved',
    ]);
    expect(after.time_entries.find((row: { id: string }) => row.id === entry.id).notes).toBe('as submitted');
  });

  it('an edit that gets the row first wins: the approval then approves the edited entry', async () => {
    const team = await newTeam('RaceB');
    const entry = await logTime(team, team.member.api, { notes: 'as submitted' });
    const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    const [edit, approve] = await race(
      entry.id,
      () => team.workspace.admin.patch(`/v1/time-entries/${entry.id}`, { notes: 'edited first' }),
      () => team.manager.api.post(`/v1/timesheets/${submitted.id}/approve`, undefined),
    );
    expect(edit.status).toBe(200);
    expect(approve.status).toBe(200);
    expect(await team.member.api.ok('GET', `/v1/time-entries/${entry.id}`)).toMatchObject({
      notes: 'edited first',
      approval_status: 'approved',
    });
  });

  it("a submission that gets the row first wins over the owner's edit", async () => {
    const team = await newTeam('RaceC');
    const entry = await logTime(team, team.member.api, { notes: 'before' });
    const [submit, edit] = await race(
      entry.id,
      () => team.member.api.post('/v1/timesheets/submit', WEEK),
      () => team.member.api.patch(`/v1/time-entries/${entry.id}`, { notes: 'too late' }),
    );
    expect(submit.status).toBe(201);
    expectLocked(edit, 'submitted');
    expect((await team.member.api.ok('GET', `/v1/time-entries/${entry.id}`)).notes).toBe('before');
  });
});

describe('notifications', () => {
  it('a submission mails the approvers; approval, rejection and withdrawal mail the person', async () => {
    const team = await newTeam('Mailco');
    // Being added to the project's team came first.
    for (const person of [team.emails.member, team.emails.manager]) {
      const added = textOf(await mailbox.waitFor(person));
      expect(added).toContain('Subject: You were added to the project');
      expect(added).toContain('is on in your notification preferences');
    }
    await logTime(team, team.member.api, { hours: 4 });
    const first = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);

    for (const approver of [team.emails.admin, team.emails.manager]) {
      const mail = textOf(await mailbox.waitFor(approver));
      expect(mail).toContain('Subject: Timesheet to review: Mailco Member, 2026-11-02 to 2026-11-08');
      expect(mail).toContain('Content-Type: text/plain');
      expect(mail).toContain('Mailco Member submitted a timesheet for 2026-11-02 to 2026-11-08: 4 hours');
    }

    await team.manager.api.ok('POST', `/v1/timesheets/${first.id}/reject`, { reason: 'Notes are too vague' });
    const rejection = textOf(await mailbox.waitFor(team.emails.member));
    expect(rejection).toContain('Subject: Your timesheet for 2026-11-02 to 2026-11-08 was rejected');
    expect(rejection).toContain('Reason: Notes are too vague');

    const second = await team.member.api.ok('POST', '/v1/timesheets/submit', WEEK);
    await mailbox.waitFor(team.emails.admin);
    await mailbox.waitFor(team.emails.manager);
    await team.manager.api.ok('POST', `/v1/timesheets/${second.id}/approve`);
    const approval = textOf(await mailbox.waitFor(team.emails.member));
    expect(approval).toContain('Subject: Your timesheet for 2026-11-02 to 2026-11-08 was approved');
    expect(approval).toContain('Mailco Manager approved your timesheet');

    await team.workspace.admin.ok('POST', `/v1/timesheets/${second.id}/withdraw`);
    const withdrawal = textOf(await mailbox.waitFor(team.emails.member));
    expect(withdrawal).toContain('was withdrawn');
  });
});
