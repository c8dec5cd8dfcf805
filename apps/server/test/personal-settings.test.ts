import { beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  type Member,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
let workspace: Workspace;
let maya: Member;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  maya = await addUser(server, workspace, { name: 'Maya' });
});

describe('personal settings (settings/personal-settings)', () => {
  it('starts with no personal time format, names or phone: the workspace decides', async () => {
    const me = await maya.api.ok('GET', '/v1/users/me');
    expect(me).toMatchObject({
      name: 'Maya',
      time_format: null,
      first_name: null,
      last_name: null,
      phone: null,
    });
  });

  it('a member sets their own first and last name, phone, time zone and time format', async () => {
    const updated = await maya.api.ok('PATCH', `/v1/users/${maya.id}`, {
      first_name: 'Maya',
      last_name: 'Okafor',
      phone: '+44 20 7946 0000',
      timezone: 'Pacific/Kiritimati',
      time_format: '12h',
    });
    expect(updated).toMatchObject({
      first_name: 'Maya',
      last_name: 'Okafor',
      name: 'Maya Okafor',
      phone: '+44 20 7946 0000',
      timezone: 'Pacific/Kiritimati',
      time_format: '12h',
    });
    expect(await maya.api.ok('GET', '/v1/users/me')).toMatchObject({
      name: 'Maya Okafor',
      time_format: '12h',
    });
  });

  it('changing one part of the name keeps the other; clearing the time format follows the workspace again', async () => {
    const updated = await maya.api.ok('PATCH', `/v1/users/${maya.id}`, {
      last_name: 'Reyes',
      time_format: null,
    });
    expect(updated).toMatchObject({
      first_name: 'Maya',
      last_name: 'Reyes',
      name: 'Maya Reyes',
      time_format: null,
    });
  });

  it('refuses a time format other than 12h or 24h', async () => {
    const refused = await maya.api.patch(`/v1/users/${maya.id}`, { time_format: '36h' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_error', field: 'time_format' });
  });

  it("a member cannot change another person's profile", async () => {
    const refused = await maya.api.patch(`/v1/users/${workspace.adminId}`, { phone: '123' });
    expect(refused.status).toBe(403);
  });
});

describe("the workspace's default entry mode (settings/company-settings)", () => {
  it('starts on the timer and an administrator switches it to manual', async () => {
    expect(await workspace.admin.ok('GET', '/v1/workspace')).toMatchObject({ default_entry_mode: 'timer' });
    const updated = await workspace.admin.ok('PATCH', '/v1/workspace', { default_entry_mode: 'manual' });
    expect(updated).toMatchObject({ default_entry_mode: 'manual' });
    expect(await maya.api.ok('GET', '/v1/workspace')).toMatchObject({ default_entry_mode: 'manual' });
  });

  it('refuses another mode, and members cannot change it', async () => {
    expect((await workspace.admin.patch('/v1/workspace', { default_entry_mode: 'stopwatch' })).status).toBe(
      400,
    );
    expect((await maya.api.patch('/v1/workspace', { default_entry_mode: 'timer' })).status).toBe(403);
  });
});
