import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Api,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * One rule, one implementation: a timer is saved with the same hours however it stops (PATCH, a new
 * timer, a new timer in a batch, a stopped entry restarted), the 24-hour span limit holds on update
 * as on create, and require-notes holds when a timer stops and when notes are cleared.
 *
 * The server runs in this process, so faking `Date` sets the server's clock: a timer "runs" 30 hours
 * by starting it at one fake instant and stopping it at another, and the hours are exact.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  vi.useRealTimers();
});

function setClock(at: Date) {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
}

type Body = Record<string, unknown>;
type ErrorBody = { error: { code: string; message: string; field?: string } };

interface Setup {
  api: Api;
  projectId: string;
}

/** A workspace with its settings, and a project its administrator logs time on. */
async function workspaceWith(name: string, settings: Body): Promise<Setup> {
  const workspace: Workspace = await newWorkspace(server, name);
  await workspace.admin.ok('PATCH', '/v1/workspace', settings);
  const { projectId } = await newProject(workspace, { name: `${name} project` });
  return { api: workspace.admin, projectId };
}

function timerBody({ projectId }: Setup, extra: Body = {}): Body {
  return { project_id: projectId, spent_date: '2026-03-06', is_running: true, ...extra };
}

describe('a timer is saved with the same hours however it stops', () => {
  const STOP = new Date('2026-03-06T18:00:00.000Z');
  const minute = 60_000;
  const hour = 60 * minute;

  /** Each way a running timer of `setup`'s person stops, at the current (fake) time. */
  const paths: Record<string, (setup: Setup, timerId: string) => Promise<unknown>> = {
    'PATCH is_running: false': ({ api }, timerId) =>
      api.ok('PATCH', `/v1/time-entries/${timerId}`, { is_running: false }),
    'a new timer': (setup) => setup.api.ok('POST', '/v1/time-entries', timerBody(setup)),
    'a new timer in a batch': async (setup) => {
      const result = await setup.api.ok('POST', '/v1/time-entries/batch', { items: [timerBody(setup)] });
      expect(result.failed).toEqual([]);
    },
    'restarting a stopped entry': async (setup) => {
      const entry = await setup.api.ok('POST', '/v1/time-entries', {
        project_id: setup.projectId,
        spent_date: '2026-03-06',
        hours: 1,
      });
      await setup.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { is_running: true });
    },
  };

  let byRounding: Record<number, Setup>;
  beforeAll(async () => {
    byRounding = {
      0: await workspaceWith('Exact', { rounding_minutes: 0 }),
      6: await workspaceWith('Tenths', { rounding_minutes: 6 }),
      15: await workspaceWith('Quarters', { rounding_minutes: 15 }),
    };
  });

  it.each([
    [0, '7 minutes', 7 * minute, 0.1167],
    [6, '7 minutes', 7 * minute, 0.1],
    [15, '7 minutes', 7 * minute, 0],
    [15, '7m30s (half a step)', 7.5 * minute, 0.25],
    [0, '1h29m30s', 89.5 * minute, 1.4917],
    [6, '1h29m30s', 89.5 * minute, 1.5],
    [15, '1h29m30s', 89.5 * minute, 1.5],
    [0, '30 hours', 30 * hour, 24],
    [6, '30 hours', 30 * hour, 24],
    [15, '30 hours', 30 * hour, 24],
  ])(
    'rounding %s minutes, running %s (%s ms): %s hours on every path',
    async (rounding, _span, ms, expected) => {
      const setup = byRounding[rounding];
      if (setup === undefined) throw new Error(`no workspace rounding to ${rounding} minutes`);
      const start = new Date(STOP.getTime() - ms);
      const saved: Record<string, unknown> = {};
      for (const [path, stop] of Object.entries(paths)) {
        setClock(start);
        const timer = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup));
        setClock(STOP);
        await stop(setup, timer.id);
        const stopped = await setup.api.ok('GET', `/v1/time-entries/${timer.id}`);
        expect(stopped).toMatchObject({
          is_running: false,
          timer_started_at: null,
          started_at: start.toISOString(),
          ended_at: STOP.toISOString(),
        });
        saved[path] = stopped.hours;
      }
      expect(saved).toEqual(Object.fromEntries(Object.keys(paths).map((path) => [path, expected])));
    },
  );

  it('hours recorded before a restart count toward the cap on both paths', async () => {
    const setup = byRounding[0] as Setup;
    const saved: Record<string, unknown> = {};
    for (const path of ['PATCH is_running: false', 'a new timer'] as const) {
      setClock(new Date(STOP.getTime() - 2 * hour));
      const timer = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup, { hours: 23 }));
      setClock(STOP);
      await paths[path]?.(setup, timer.id);
      saved[path] = (await setup.api.ok('GET', `/v1/time-entries/${timer.id}`)).hours;
    }
    expect(saved).toEqual({ 'PATCH is_running: false': 24, 'a new timer': 24 });
  });
});

describe('the 24-hour span limit on update, as on create', () => {
  let setup: Setup;
  let createRefusal: ErrorBody;
  beforeAll(async () => {
    setup = await workspaceWith('Spans', {});
    const refused = await setup.api.post('/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      started_at: '2026-03-06T08:00:00Z',
      ended_at: '2026-03-07T08:00:01Z',
    });
    expect(refused.status).toBe(422);
    createRefusal = refused.body;
    expect(createRefusal.error).toMatchObject({ code: 'unprocessable', field: 'ended_at' });
  });

  async function spanEntry() {
    return setup.api.ok('POST', '/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      started_at: '2026-03-06T08:00:00Z',
      ended_at: '2026-03-06T10:00:00Z',
    });
  }

  it('refuses a start and an end more than 24 hours apart', async () => {
    const entry = await spanEntry();
    const refused = await setup.api.patch(`/v1/time-entries/${entry.id}`, {
      started_at: '2026-03-06T08:00:00Z',
      ended_at: '2026-03-07T14:00:00Z',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual(createRefusal);
    expect(await setup.api.ok('GET', `/v1/time-entries/${entry.id}`)).toMatchObject({
      hours: 2,
      ended_at: '2026-03-06T10:00:00.000Z',
    });
  });

  it('checks a new end against the stored start, and a new start against the stored end', async () => {
    const entry = await spanEntry();
    const lateEnd = await setup.api.patch(`/v1/time-entries/${entry.id}`, {
      ended_at: '2026-03-07T08:00:01Z',
    });
    expect(lateEnd.status).toBe(422);
    expect(lateEnd.body).toEqual(createRefusal);
    const earlyStart = await setup.api.patch(`/v1/time-entries/${entry.id}`, {
      started_at: '2026-03-05T09:59:59Z',
    });
    expect(earlyStart.status).toBe(422);
    expect(earlyStart.body).toEqual(createRefusal);
    // Exactly a day is allowed.
    const moved = await setup.api.ok('PATCH', `/v1/time-entries/${entry.id}`, {
      started_at: '2026-03-05T10:00:00Z',
    });
    expect(moved.started_at).toBe('2026-03-05T10:00:00.000Z');
  });

  it('refuses hours over 24 with the same error as create', async () => {
    const entry = await spanEntry();
    const created = await setup.api.post('/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      hours: 24.5,
    });
    const updated = await setup.api.patch(`/v1/time-entries/${entry.id}`, { hours: 24.5 });
    expect(created.status).toBe(400);
    expect(updated.status).toBe(400);
    expect(updated.body).toEqual(created.body);
    expect(updated.body.error).toMatchObject({ code: 'validation_error', field: 'hours' });
  });

  it('refuses on create a span over 24 hours even when hours are given', async () => {
    const refused = await setup.api.post('/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      hours: 1,
      started_at: '2026-03-06T08:00:00Z',
      ended_at: '2026-03-07T09:00:00Z',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual(createRefusal);
  });
});

describe('require-notes on every path', () => {
  let setup: Setup;
  let createRefusal: ErrorBody;
  beforeAll(async () => {
    setup = await workspaceWith('Noted', { require_notes: true });
    const refused = await setup.api.post('/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      hours: 1,
    });
    expect(refused.status).toBe(422);
    createRefusal = refused.body;
    expect(createRefusal).toEqual({
      error: { code: 'unprocessable', message: 'notes are required in this workspace', field: 'notes' },
    });
  });

  it('a timer starts without notes, but stops only with them', async () => {
    const timer = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup));
    const bare = await setup.api.patch(`/v1/time-entries/${timer.id}`, { is_running: false });
    expect(bare.status).toBe(422);
    expect(bare.body).toEqual(createRefusal);
    const blank = await setup.api.patch(`/v1/time-entries/${timer.id}`, { is_running: false, notes: ' ' });
    expect(blank.body).toEqual(createRefusal);
    expect((await setup.api.ok('GET', `/v1/time-entries/${timer.id}`)).is_running).toBe(true);
    const stopped = await setup.api.ok('PATCH', `/v1/time-entries/${timer.id}`, {
      is_running: false,
      notes: 'Fixed the invoice PDF',
    });
    expect(stopped).toMatchObject({ is_running: false, notes: 'Fixed the invoice PDF' });
  });

  it('a timer started with notes stops without being given them again', async () => {
    const timer = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup, { notes: 'Standup' }));
    const stopped = await setup.api.ok('PATCH', `/v1/time-entries/${timer.id}`, { is_running: false });
    expect(stopped).toMatchObject({ is_running: false, notes: 'Standup' });
  });

  it('the notes of a stopped entry cannot be cleared; other edits leave them alone', async () => {
    const entry = await setup.api.ok('POST', '/v1/time-entries', {
      project_id: setup.projectId,
      spent_date: '2026-03-06',
      hours: 1,
      notes: 'Review',
    });
    for (const notes of [null, '', '   ']) {
      const cleared = await setup.api.patch(`/v1/time-entries/${entry.id}`, { notes });
      expect(cleared.status).toBe(422);
      expect(cleared.body).toEqual(createRefusal);
    }
    const edited = await setup.api.ok('PATCH', `/v1/time-entries/${entry.id}`, { hours: 2 });
    expect(edited).toMatchObject({ hours: 2, notes: 'Review' });
  });

  it('a running timer may have its notes cleared until it stops', async () => {
    const timer = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup, { notes: 'Draft' }));
    const cleared = await setup.api.ok('PATCH', `/v1/time-entries/${timer.id}`, { notes: null });
    expect(cleared).toMatchObject({ is_running: true, notes: null });
  });

  it('starting a timer still stops and saves the previous one without notes; they are asked for on its next notes edit', async () => {
    const first = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup));
    const second = await setup.api.ok('POST', '/v1/time-entries', timerBody(setup));
    const batch = await setup.api.ok('POST', '/v1/time-entries/batch', { items: [timerBody(setup)] });
    expect(batch.failed).toEqual([]);
    for (const stopped of [first, second]) {
      expect(await setup.api.ok('GET', `/v1/time-entries/${stopped.id}`)).toMatchObject({
        is_running: false,
        notes: null,
      });
    }
    const cleared = await setup.api.patch(`/v1/time-entries/${first.id}`, { notes: '' });
    expect(cleared.body).toEqual(createRefusal);
    const noted = await setup.api.ok('PATCH', `/v1/time-entries/${first.id}`, { notes: 'Triage' });
    expect(noted.notes).toBe('Triage');
  });
});
