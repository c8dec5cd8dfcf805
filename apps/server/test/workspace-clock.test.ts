import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, todayIn } from '../src/lib/workspace-clock.ts';
import {
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

/**
 * "Lock entries after N days" counts the days in the workspace's time zone. Two workspaces 25 hours
 * apart (Kiritimati, UTC+14, and Pago Pago, UTC-11, neither with daylight saving) are never on the
 * same calendar day, so at any instant a date exists that one has locked and the other has not:
 * these tests hold whenever they run, and fail if the server counts days in UTC or in its own zone.
 */

const LOCK_DAYS = 3;

interface Team {
  workspace: Workspace;
  member: Member;
  projectId: string;
  taskId: string;
  zone: string;
}

let server: TestServer;
let east: Team;
let west: Team;

async function team(name: string, zone: string): Promise<Team> {
  const workspace = await newWorkspace(server, name);
  await workspace.admin.ok('PATCH', '/v1/workspace', { timezone: zone });
  const { projectId, taskId } = await newProject(workspace, { name: `${name} Website` });
  const member = await addUser(server, workspace, { name: `${name} Member` });
  await assign(workspace, projectId, member.id);
  return { workspace, member, projectId, taskId, zone };
}

beforeAll(async () => {
  server = await startTestServer();
  east = await team('Kiritimati', 'Pacific/Kiritimati');
  west = await team('PagoPago', 'Pacific/Pago_Pago');
});

function lockAfter(team: Team, days: number) {
  return team.workspace.admin.ok('PATCH', '/v1/workspace', { lock_entries_after_days: days });
}

/** `days` calendar days before today in the team's workspace zone. */
function daysAgo(team: Team, days: number): string {
  return addCalendarDays(todayIn(team.zone, new Date()), -days);
}

const writes = {
  'time entry': (team: Team, spentDate: string) =>
    team.member.api.post('/v1/time-entries', {
      project_id: team.projectId,
      task_id: team.taskId,
      spent_date: spentDate,
      hours: 1,
      source: 'api',
    }),
  expense: (team: Team, spentDate: string) =>
    team.member.api.post('/v1/expenses', {
      project_id: team.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: spentDate,
      units: 1000,
      source: 'api',
    }),
};

function expectLocked(response: ApiResponse, firstOpen: string) {
  expect(response.status).toBe(422);
  expect(response.body.error).toMatchObject({
    code: 'entry_locked',
    message: expect.stringContaining(`dates before ${firstOpen} are locked`),
  });
}

describe('the lock boundary in the workspace time zone', () => {
  beforeAll(async () => {
    await Promise.all([lockAfter(east, LOCK_DAYS), lockAfter(west, LOCK_DAYS)]);
  });

  it.each(Object.keys(writes) as (keyof typeof writes)[])(
    `a new %s may be dated ${LOCK_DAYS} days before today in the workspace zone, not a day earlier`,
    async (kind) => {
      for (const team of [east, west]) {
        const firstOpen = daysAgo(team, LOCK_DAYS);
        const open = await writes[kind](team, firstOpen);
        expect(open.status, `${team.zone} ${firstOpen}`).toBe(201);
        expect(open.body.is_locked).toBe(false);
        expectLocked(await writes[kind](team, addCalendarDays(firstOpen, -1)), firstOpen);
      }
    },
  );

  it.each(Object.keys(writes) as (keyof typeof writes)[])(
    'a date the UTC+14 workspace has locked is still open for a new %s in the UTC-11 workspace',
    async (kind) => {
      const lockedInTheEast = daysAgo(east, LOCK_DAYS + 1);
      expectLocked(await writes[kind](east, lockedInTheEast), daysAgo(east, LOCK_DAYS));
      const response = await writes[kind](west, lockedInTheEast);
      expect(response.status).toBe(201);
      expect(response.body.is_locked).toBe(false);
    },
  );
});

describe('entries that age into the locked period', () => {
  it('are locked on the day the workspace zone says, for listing, editing and deleting', async () => {
    await Promise.all([lockAfter(east, 0), lockAfter(west, 0)]);
    // Two days before Kiritimati's today is at most yesterday in Pago Pago.
    const date = daysAgo(east, 2);
    const [inTheEast, inTheWest] = await Promise.all(
      [east, west].map(async (team) => (await writes['time entry'](team, date)).body),
    );
    await Promise.all([lockAfter(east, 1), lockAfter(west, 1)]);

    const eastEntry = await east.member.api.ok('GET', `/v1/time-entries/${inTheEast.id}`);
    expect(eastEntry.is_locked).toBe(true);
    // The list's is_locked follows the lock days and the workspace zone as the entry's does.
    const listedInTheEast = await east.member.api.ok('GET', `/v1/time-entries?from=${date}&to=${date}`);
    expect(listedInTheEast.data).toEqual([expect.objectContaining({ id: inTheEast.id, is_locked: true })]);
    const refused = await east.member.api.patch(`/v1/time-entries/${inTheEast.id}`, { notes: 'late edit' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('entry_locked');
    expect((await east.member.api.delete(`/v1/time-entries/${inTheEast.id}`)).status).toBe(422);

    const listed = await west.member.api.ok('GET', `/v1/time-entries?from=${date}&to=${date}`);
    expect(listed.data).toEqual([expect.objectContaining({ id: inTheWest.id, is_locked: false })]);
    const edited = await west.member.api.ok('PATCH', `/v1/time-entries/${inTheWest.id}`, {
      notes: 'late edit',
    });
    expect(edited).toMatchObject({ notes: 'late edit', is_locked: false });
  });
});

describe('the default submission period', () => {
  const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

  // Each workspace's week starts on its own today: at any instant at least one of the two todays
  // is not UTC's, so a server taking the week of UTC's (or its own) today answers another period.
  it('is the week of today in the workspace zone', async () => {
    for (const team of [east, west]) {
      const today = daysAgo(team, 0);
      const weekday = WEEKDAYS[new Date(`${today}T00:00:00Z`).getUTCDay()];
      await team.workspace.admin.ok('PATCH', '/v1/workspace', {
        lock_entries_after_days: 0,
        week_starts_on: weekday,
      });
      const entry = (await writes['time entry'](team, today)).body;
      const submitted = await team.member.api.ok('POST', '/v1/timesheets/submit', {});
      expect({ from: submitted.from, to: submitted.to }, team.zone).toEqual({
        from: today,
        to: addCalendarDays(today, 6),
      });
      expect(submitted.time_entries.map((row: { id: string }) => row.id)).toContain(entry.id);
    }
  });
});
