// Submitting and deciding timesheets through the SDK, against the real server.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../src/index.js';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;
const WEEK = { from: '2026-11-02', to: '2026-11-08' };

beforeAll(async () => {
  world = await createWorld('Timesheets Ltd');
});

const logTime = (spent_date: string, notes = 'agent run') =>
  world.agent.timeEntries.create({
    project_id: world.fixture.project.id,
    spent_date,
    hours: 1.5,
    notes,
    source: 'agent',
  });

describe('timesheets', () => {
  it('an agent submits a week, the administrator rejects, the agent fixes and resubmits, and it is approved', async () => {
    const entry = await logTime(WEEK.from);
    const submitted = await world.agent.timesheets.submit(WEEK);
    expect(submitted).toMatchObject({ state: 'submitted', total_hours: 1.5, from: WEEK.from, to: WEEK.to });
    expect(submitted.time_entries.map((row) => row.id)).toEqual([entry.id]);

    const locked = await world.agent.timeEntries.update(entry.id, { notes: 'x' }).catch((error) => error);
    expect(locked).toBeInstanceOf(ValidationError);
    expect(locked).toMatchObject({ code: 'entry_locked', reason: 'submitted' });

    const queue = await world.admin.timesheets.list({ state: 'submitted' });
    expect(queue.data.map((row) => row.id)).toEqual([submitted.id]);

    const rejected = await world.admin.timesheets.reject(submitted.id, { reason: 'Say which feature' });
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'Say which feature' });
    await world.agent.timeEntries.update(entry.id, { notes: 'agent run: invoices feature' });

    const again = await world.agent.timesheets.submit(WEEK);
    const approved = await world.admin.timesheets.approve(again.id);
    expect(approved.state).toBe('approved');
    expect(approved.time_entries[0]).toMatchObject({ approval_status: 'approved', is_locked: true });
    const listed = await world.agent.timeEntries.list({ approval_status: 'approved' });
    expect(listed.data.map((row) => row.id)).toEqual([entry.id]);

    const withdrawn = await world.admin.timesheets.withdraw(again.id);
    expect(withdrawn.state).toBe('submitted');
    expect((await world.admin.timesheets.get(again.id)).daily_totals).toHaveLength(7);
    await expect(world.admin.timesheets.withdraw(again.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('bulk approve and reject answer per id', async () => {
    await logTime('2026-11-16');
    const one = await world.agent.timesheets.submit({ from: '2026-11-16', to: '2026-11-22' });
    await logTime('2026-11-23');
    const two = await world.agent.timesheets.submit({ from: '2026-11-23', to: '2026-11-29' });

    const approved = await world.admin.timesheets.approveMany({ ids: [one.id, 'tsh_missing'] });
    expect(approved.results.map(({ id, status }) => [id, status])).toEqual([
      [one.id, 200],
      ['tsh_missing', 404],
    ]);
    expect(approved.results[0]?.data?.state).toBe('approved');
    const rejected = await world.admin.timesheets.rejectMany({ ids: [two.id], reason: 'Too vague' });
    expect(rejected.results[0]).toMatchObject({ id: two.id, status: 200, data: { reason: 'Too vague' } });
  });
});
