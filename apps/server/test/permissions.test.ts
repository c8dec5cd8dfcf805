import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MANAGER_PERMISSIONS, type ManagerPermissions } from '../src/db/schema/index.ts';
import { type Abilities, abilitiesOf } from '../src/domains/access/abilities.ts';
import type { Role } from '../src/domains/access/actor.ts';
import {
  Api,
  type ApiResponse,
  addUser,
  assign,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * The permission matrix of auth/scopes.md, team-management/roles-permissions.md and
 * projects/project-team.md over every endpoint, for each kind of caller:
 *
 * - admin: the workspace's administrator;
 * - manager: a manager with the default granular permissions and one assigned teammate; project
 *   manager of the shared project;
 * - lead: a manager whose administrator allowed creating projects, seeing billable rates and managing
 *   clients and tasks, but not editing team entries; same teammate;
 * - teammate: a member, the managers' teammate;
 * - other: a member who is nobody's teammate;
 * - agent: an agent user (member role) assigned to the shared project only;
 * - foreign: the administrator key of another workspace.
 */

type Name = 'admin' | 'manager' | 'lead' | 'teammate' | 'other' | 'agent';
const everyone: Name[] = ['admin', 'manager', 'lead', 'teammate', 'other', 'agent'];
const nonAdmins: Name[] = ['manager', 'lead', 'teammate', 'other', 'agent'];

interface Actor {
  id: string;
  api: Api;
}

let server: TestServer;
let workspace: Workspace;
let foreignWorkspace: Workspace;
let foreign: Api;
let foreignProject: ProjectFixture;
let shared: ProjectFixture;
let unassigned: ProjectFixture;
const actors = {} as Record<Name, Actor>;

/** The callers' roles and granular permissions, as `beforeAll` creates them. */
const roles: Record<Name, Role> = {
  admin: 'administrator',
  manager: 'manager',
  lead: 'manager',
  teammate: 'member',
  other: 'member',
  agent: 'member',
};
const leadPermissions: Partial<ManagerPermissions> = {
  create_projects: true,
  view_billable_rates: true,
  manage_clients_and_tasks: true,
  edit_team_entries: false,
};

/**
 * What the permission map (src/domains/access/abilities.ts, itself pinned to the spec's table by
 * abilities.test.ts) grants each caller: the expectations below are read off it, so the HTTP answers
 * must agree with the map. Users are named by their fixture name here.
 */
function can(name: Name): Abilities {
  const granted = name === 'manager' ? {} : name === 'lead' ? leadPermissions : null;
  return abilitiesOf(
    {
      accountId: 'acc_fixture',
      userId: name,
      role: roles[name],
      userType: name === 'agent' ? 'agent' : 'human',
      managerPermissions: granted === null ? null : { ...DEFAULT_MANAGER_PERMISSIONS, ...granted },
      apiKeyId: null,
    },
    { teammateIds: roles[name] === 'manager' ? ['teammate'] : [] },
  );
}

/** Splits callers (or cases) into those the map allows and those it refuses. */
function byVerdict<Case>(cases: Case[], allowed: (item: Case) => boolean): [Case[], Case[]] {
  return [cases.filter(allowed), cases.filter((item) => !allowed(item))];
}

/** Whose entries each caller sees; a manager sees their teammates' on top of their own. */
const sees = Object.fromEntries(
  everyone.map((viewer) => [viewer, everyone.filter((owner) => can(viewer).viewEntriesOf(owner))]),
) as Record<Name, Name[]>;
/** Whose entries each caller may change: the lead sees the teammate's but may not edit them. */
const writes = Object.fromEntries(
  everyone.map((viewer) => [viewer, everyone.filter((owner) => can(viewer).editEntriesOf(owner))]),
) as Record<Name, Name[]>;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Acme');
  shared = await newProject(workspace, { name: 'Shared Website', hourly_rate: 150 });
  unassigned = await newProject(workspace, { name: 'Unassigned Research', hourly_rate: 200 });

  actors.admin = { id: workspace.adminId, api: workspace.admin };
  actors.manager = await addUser(server, workspace, { name: 'Mona Manager', role: 'manager' });
  actors.lead = await addUser(server, workspace, {
    name: 'Lee Lead',
    role: 'manager',
    manager_permissions: leadPermissions,
  });
  actors.teammate = await addUser(server, workspace, {
    name: 'Tess Teammate',
    billable_rate: 120,
    cost_rate: 45,
  });
  actors.other = await addUser(server, workspace, { name: 'Otto Other', billable_rate: 110, cost_rate: 40 });
  actors.agent = await addUser(server, workspace, {
    name: 'review-bot',
    user_type: 'agent',
    billable_rate: 75,
    cost_rate: 5,
  });
  for (const name of ['lead', 'teammate', 'other', 'agent'] as const) {
    await assign(workspace, shared.projectId, actors[name].id);
  }
  await assign(workspace, shared.projectId, actors.manager.id, { is_project_manager: true });
  for (const name of ['manager', 'lead'] as const) {
    await workspace.admin.ok('PUT', `/v1/users/${actors[name].id}/teammates`, {
      teammate_ids: [actors.teammate.id],
    });
  }

  foreignWorkspace = await newWorkspace(server, 'Globex');
  foreign = foreignWorkspace.admin;
  foreignProject = await newProject(foreignWorkspace, { name: 'Globex Portal' });
});

function expectError(response: ApiResponse, status: number, code: string, field?: string) {
  expect({ status: response.status, body: response.body }).toStrictEqual({
    status,
    body: {
      error:
        field === undefined
          ? { code, message: expect.any(String) }
          : { code, message: expect.any(String), field },
    },
  });
}

const resources = {
  'time-entries': {
    noun: 'time entry',
    nouns: 'time entries',
    body: (overrides: Record<string, unknown> = {}) => ({
      project_id: shared.projectId,
      task_id: shared.taskId,
      spent_date: '2026-03-02',
      hours: 1,
      notes: 'original',
      ...overrides,
    }),
  },
  expenses: {
    noun: 'expense',
    nouns: 'expenses',
    body: (overrides: Record<string, unknown> = {}) => ({
      project_id: shared.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-03-02',
      units: 10,
      notes: 'original',
      ...overrides,
    }),
  },
} as const;
type Resource = keyof typeof resources;

function create(resource: Resource, owner: Name, overrides: Record<string, unknown> = {}) {
  return actors[owner].api.ok('POST', `/v1/${resource}`, resources[resource].body(overrides));
}

const possessive = (viewer: Name, owner: Name) => (viewer === owner ? 'their own' : `${owner}'s`);

describe.each(Object.keys(resources) as Resource[])('%s', (resource) => {
  const { noun, nouns } = resources[resource];
  const entries = {} as Record<Name, string>;

  beforeAll(async () => {
    for (const owner of everyone) entries[owner] = (await create(resource, owner)).id;
  });

  describe.each(everyone)('as %s', (viewer) => {
    it(`${viewer} reads exactly the ${nouns} of ${sees[viewer].join(', ')} by id`, async () => {
      for (const owner of everyone) {
        const response = await actors[viewer].api.get(`/v1/${resource}/${entries[owner]}`);
        if (sees[viewer].includes(owner)) {
          expect(response.status, `${viewer} reading ${owner}'s`).toBe(200);
          expect(response.body.user_id).toBe(actors[owner].id);
        } else {
          expectError(response, 404, 'not_found');
        }
      }
    });

    it(`${viewer} lists only the ${nouns} of ${sees[viewer].join(', ')}`, async () => {
      const response = await actors[viewer].api.get(
        `/v1/${resource}?project_id=${shared.projectId}&limit=200`,
      );
      expect(response.status).toBe(200);
      const visibleUsers = new Set(response.body.data.map((entry: { user_id: string }) => entry.user_id));
      expect([...visibleUsers].sort()).toEqual(sees[viewer].map((name) => actors[name].id).sort());
      const ids = response.body.data.map((entry: { id: string }) => entry.id);
      for (const owner of sees[viewer]) expect(ids).toContain(entries[owner]);
    });

    it(`${viewer} gets nothing when filtering the list by a user they may not see`, async () => {
      for (const owner of everyone.filter((name) => !sees[viewer].includes(name))) {
        const response = await actors[viewer].api.get(`/v1/${resource}?user_id=${actors[owner].id}`);
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual([]);
      }
    });

    for (const owner of everyone) {
      const verdict = writes[viewer].includes(owner)
        ? 'can'
        : sees[viewer].includes(owner)
          ? 'cannot (403)'
          : 'cannot see (404)';
      it(`${viewer} ${verdict} change or delete ${possessive(viewer, owner)} ${noun}`, async () => {
        const entry = await create(resource, owner);
        const patch = await actors[viewer].api.patch(`/v1/${resource}/${entry.id}`, { notes: 'changed' });
        const remove = await actors[viewer].api.delete(`/v1/${resource}/${entry.id}`);
        const after = await workspace.admin.get(`/v1/${resource}/${entry.id}`);
        if (writes[viewer].includes(owner)) {
          expect(patch.status).toBe(200);
          expect(patch.body.notes).toBe('changed');
          expect(remove.status).toBe(204);
          expect(after.status).toBe(404);
          return;
        }
        const [status, code] = sees[viewer].includes(owner)
          ? ([403, 'authorization_error'] as const)
          : ([404, 'not_found'] as const);
        expectError(patch, status, code);
        expectError(remove, status, code);
        expect(after.status).toBe(200);
        expect(after.body.notes).toBe('original');
      });
    }
  });

  const [onBehalf, notOnBehalf] = byVerdict<[Name, Name]>(
    [
      ['admin', 'teammate'],
      ['manager', 'teammate'],
      ['manager', 'other'],
      ['lead', 'teammate'],
      ['teammate', 'other'],
      ['agent', 'teammate'],
    ],
    ([author, owner]) => can(author).editEntriesOf(owner),
  );
  it.each(onBehalf)(`%s creates a ${noun} for %s`, async (author, owner) => {
    const response = await actors[author].api.post(
      `/v1/${resource}`,
      resources[resource].body({ user_id: actors[owner].id, notes: `by ${author}` }),
    );
    expect(response.status).toBe(201);
    expect(response.body.user_id).toBe(actors[owner].id);
  });
  it.each(notOnBehalf)(`%s cannot create a ${noun} for %s (403)`, async (author, owner) => {
    const response = await actors[author].api.post(
      `/v1/${resource}`,
      resources[resource].body({ user_id: actors[owner].id, notes: `by ${author}` }),
    );
    expectError(response, 403, 'authorization_error');
    const list = await workspace.admin.get(`/v1/${resource}?user_id=${actors[owner].id}&limit=200`);
    expect(list.body.data.map((entry: { notes: string }) => entry.notes)).not.toContain(`by ${author}`);
  });

  it.each(nonAdmins)(`%s cannot create a ${noun} on a project they are not assigned to`, async (name) => {
    const response = await actors[name].api.post(
      `/v1/${resource}`,
      resources[resource].body({ project_id: unassigned.projectId, task_id: unassigned.taskId }),
    );
    expectError(response, 403, 'project_not_assigned', 'project_id');
  });

  it(`admin creates a ${noun} on a project without being on its team`, async () => {
    const project = await newProject(workspace, { name: 'Admin Elsewhere' });
    const team = await workspace.admin.ok('GET', `/v1/projects/${project.projectId}/user-assignments`);
    const mine = team.data.find((row: { user_id: string }) => row.user_id === workspace.adminId);
    await workspace.admin.ok('DELETE', `/v1/projects/${project.projectId}/user-assignments/${mine.id}`);
    const response = await workspace.admin.post(
      `/v1/${resource}`,
      resources[resource].body({ project_id: project.projectId, task_id: project.taskId }),
    );
    expect(response.status).toBe(201);
  });

  it(`a manager cannot log a ${noun} for a teammate on a project the teammate is not on`, async () => {
    const response = await actors.manager.api.post(
      `/v1/${resource}`,
      resources[resource].body({
        user_id: actors.teammate.id,
        project_id: unassigned.projectId,
        task_id: unassigned.taskId,
      }),
    );
    expect(response.status).toBe(403);
    expect(['project_not_assigned', 'authorization_error']).toContain(response.body.error.code);
  });
});

describe('projects', () => {
  it('administrators list every project; everyone else only the projects they are assigned to', async () => {
    for (const name of everyone) {
      const response = await actors[name].api.get('/v1/projects?limit=200');
      expect(response.status).toBe(200);
      const ids = response.body.data.map((project: { id: string }) => project.id);
      expect(ids).toContain(shared.projectId);
      if (name === 'admin') expect(ids).toContain(unassigned.projectId);
      else expect(ids, name).not.toContain(unassigned.projectId);
    }
  });

  it.each(nonAdmins)(
    '%s gets 404 for a project they are not assigned to, and for its tasks and team',
    async (name) => {
      for (const path of ['', '/task-assignments', '/user-assignments']) {
        expectError(
          await actors[name].api.get(`/v1/projects/${unassigned.projectId}${path}`),
          404,
          'not_found',
        );
      }
      expect((await actors[name].api.get(`/v1/projects/${shared.projectId}`)).status).toBe(200);
    },
  );

  it('administrators see an unassigned project', async () => {
    expect((await workspace.admin.get(`/v1/projects/${unassigned.projectId}`)).status).toBe(200);
  });

  it('project rates are hidden from members and managers without view_billable_rates', async () => {
    const rates: Record<Name, number | null> = {
      admin: 150,
      lead: 150,
      manager: null,
      teammate: null,
      other: null,
      agent: null,
    };
    for (const name of everyone) {
      const project = await actors[name].api.ok('GET', `/v1/projects/${shared.projectId}`);
      expect(project.hourly_rate, name).toBe(rates[name]);
    }
  });

  const projectCreators: Name[] = ['admin', 'lead', 'manager', 'teammate', 'agent'];
  const [creators, nonCreators] = byVerdict(projectCreators, (name) => can(name).createProjects);
  const projectNames = async () =>
    (await workspace.admin.ok('GET', '/v1/projects?limit=200')).data.map(
      (project: { name: string }) => project.name,
    );
  it.each(creators)('%s creates a project', async (name) => {
    const response = await actors[name].api.post('/v1/projects', {
      name: `Created by ${name}`,
      client_id: shared.clientId,
    });
    expect(response.status).toBe(201);
    expect(await projectNames()).toContain(`Created by ${name}`);
  });
  it.each(nonCreators)('%s cannot create a project (403)', async (name) => {
    const response = await actors[name].api.post('/v1/projects', {
      name: `Created by ${name}`,
      client_id: shared.clientId,
    });
    expectError(response, 403, 'authorization_error');
    expect(await projectNames()).not.toContain(`Created by ${name}`);
  });

  /** What each caller is on the shared project's team: the manager is its project manager. */
  const onShared = (name: Name) => ({ isProjectManager: name === 'manager' });
  const [sharedManagers, notSharedManagers] = byVerdict<Name>(
    ['admin', 'manager', 'lead', 'teammate', 'agent'],
    (name) => can(name).manageProject(onShared(name)),
  );
  it.each(sharedManagers)('%s updates the shared project', async (name) => {
    const response = await actors[name].api.patch(`/v1/projects/${shared.projectId}`, {
      notes: `edited by ${name}`,
    });
    expect(response.status).toBe(200);
    expect((await workspace.admin.ok('GET', `/v1/projects/${shared.projectId}`)).notes).toBe(
      `edited by ${name}`,
    );
  });
  it.each(notSharedManagers)('%s cannot update the shared project it is on (403)', async (name) => {
    const response = await actors[name].api.patch(`/v1/projects/${shared.projectId}`, {
      notes: `edited by ${name}`,
    });
    expectError(response, 403, 'authorization_error');
    expect((await workspace.admin.ok('GET', `/v1/projects/${shared.projectId}`)).notes).not.toBe(
      `edited by ${name}`,
    );
  });

  it.each(['manager', 'lead', 'teammate'] as Name[])(
    '%s cannot update, archive or staff a project they are not assigned to',
    async (name) => {
      const api = actors[name].api;
      for (const response of [
        await api.patch(`/v1/projects/${unassigned.projectId}`, { notes: 'hijacked' }),
        await api.post(`/v1/projects/${unassigned.projectId}/archive`, {}),
        await api.post(`/v1/projects/${unassigned.projectId}/user-assignments`, { user_id: actors[name].id }),
      ]) {
        expect([403, 404]).toContain(response.status);
      }
      const after = await workspace.admin.ok('GET', `/v1/projects/${unassigned.projectId}`);
      expect(after).toMatchObject({ is_active: true });
      expect(after.notes).not.toBe('hijacked');
      const team = await workspace.admin.ok('GET', `/v1/projects/${unassigned.projectId}/user-assignments`);
      expect(team.data.map((row: { user_id: string }) => row.user_id)).not.toContain(actors[name].id);
    },
  );

  it("a project manager without the billable-rates permission cannot change the project's rates", async () => {
    // roles-permissions.md: "View/edit billable rates — See and modify hourly rates" is granted per manager.
    const project = await newProject(workspace, { name: 'Rates', hourly_rate: 100 });
    const pm = await assign(workspace, project.projectId, actors.manager.id, { is_project_manager: true });
    expectError(
      await actors.manager.api.patch(`/v1/projects/${project.projectId}`, { hourly_rate: 1 }),
      403,
      'authorization_error',
      'hourly_rate',
    );
    expectError(
      await actors.manager.api.patch(`/v1/projects/${project.projectId}/user-assignments/${pm.id}`, {
        hourly_rate: 1,
      }),
      403,
      'authorization_error',
      'hourly_rate',
    );
    expect((await workspace.admin.ok('GET', `/v1/projects/${project.projectId}`)).hourly_rate).toBe(100);
    const team = await workspace.admin.ok('GET', `/v1/projects/${project.projectId}/user-assignments`);
    const row = team.data.find((assignment: { id: string }) => assignment.id === pm.id);
    expect(row.hourly_rate).toBeNull();
  });

  it('the project manager staffs their project; a member of it cannot', async () => {
    const project = await newProject(workspace, { name: 'Staffing' });
    await assign(workspace, project.projectId, actors.manager.id, { is_project_manager: true });
    await assign(workspace, project.projectId, actors.other.id);
    expectError(
      await actors.other.api.post(`/v1/projects/${project.projectId}/user-assignments`, {
        user_id: actors.teammate.id,
      }),
      403,
      'authorization_error',
    );
    const byManager = await actors.manager.api.post(`/v1/projects/${project.projectId}/user-assignments`, {
      user_id: actors.teammate.id,
    });
    expect(byManager.status).toBe(201);
    const task = await workspace.admin.ok('POST', '/v1/tasks', { name: 'Staffing QA' });
    expectError(
      await actors.other.api.post(`/v1/projects/${project.projectId}/task-assignments`, { task_id: task.id }),
      403,
      'authorization_error',
    );
    expect(
      (
        await actors.manager.api.post(`/v1/projects/${project.projectId}/task-assignments`, {
          task_id: task.id,
        })
      ).status,
    ).toBe(201);
  });
});

describe('users and rates', () => {
  it('cost rates are visible to administrators only', async () => {
    for (const name of everyone) {
      const self = await actors[name].api.ok('GET', '/v1/users/me');
      const teammate = await actors[name].api.get(`/v1/users/${actors.teammate.id}`);
      const costRate = name === 'admin' ? 45 : null;
      const list = await actors[name].api.ok('GET', '/v1/users?limit=200');
      const listed = list.data.find((user: { id: string }) => user.id === actors.teammate.id);
      if (can(name).viewProfileOf('teammate')) {
        expect(teammate.body.cost_rate, name).toBe(costRate);
        expect(listed?.cost_rate, `${name} listing the teammate`).toBe(costRate);
      } else {
        expectError(teammate, 404, 'not_found');
        expect(listed, `${name} listing the teammate`).toBeUndefined();
      }
      if (name !== 'admin') expect(self.cost_rate, `${name} on themself`).toBeNull();
      if (name !== 'admin') {
        for (const user of list.data) expect(user.cost_rate, `${name} listing ${user.name}`).toBeNull();
      }
    }
    const agentSeenByAdmin = await workspace.admin.ok('GET', `/v1/users/${actors.agent.id}`);
    expect(agentSeenByAdmin.cost_rate).toBe(5);
  });

  it('billable rates are visible to administrators, the user themself, and managers allowed to see them', async () => {
    const expected: Record<Name, number | null | 'hidden'> = {
      admin: 120,
      lead: 120,
      manager: null,
      teammate: 120,
      other: 'hidden',
      agent: 'hidden',
    };
    for (const name of everyone) {
      const response = await actors[name].api.get(`/v1/users/${actors.teammate.id}`);
      if (expected[name] === 'hidden') expectError(response, 404, 'not_found');
      else expect(response.body.billable_rate, name).toBe(expected[name]);
    }
    const otherSelf = await actors.other.api.ok('GET', '/v1/users/me');
    expect(otherSelf.billable_rate).toBe(110);
  });

  it("the rate stored on an entry follows the same rule as the user's billable rate", async () => {
    const entry = await create('time-entries', 'teammate', { notes: 'rated' });
    const rates: Partial<Record<Name, number | null>> = {
      admin: 150,
      lead: 150,
      manager: null,
      teammate: 150,
    };
    for (const [name, rate] of Object.entries(rates) as [Name, number | null][]) {
      const seen = await actors[name].api.ok('GET', `/v1/time-entries/${entry.id}`);
      expect(seen.billable_rate, name).toBe(rate);
    }
  });

  it('members see only themselves in the roster', async () => {
    for (const name of ['teammate', 'other', 'agent'] as const) {
      const list = await actors[name].api.ok('GET', '/v1/users?limit=200');
      expect(list.data.map((user: { id: string }) => user.id)).toEqual([actors[name].id]);
      expectError(await actors[name].api.get(`/v1/users/${workspace.adminId}`), 404, 'not_found');
    }
  });

  it.each(nonAdmins)('%s cannot add a user', async (name) => {
    const response = await actors[name].api.post('/v1/users', {
      name: `Invited by ${name}`,
      email: `invited.by.${name}@example.test`,
    });
    expectError(response, 403, 'authorization_error');
    const roster = await workspace.admin.ok('GET', '/v1/users?limit=200');
    expect(roster.data.map((user: { email: string }) => user.email)).not.toContain(
      `invited.by.${name}@example.test`,
    );
  });

  it.each(nonAdmins)("%s cannot change another user's profile, role or rates", async (name) => {
    const target = name === 'other' ? actors.teammate : actors.other;
    for (const body of [
      { name: 'Renamed' },
      { role: 'administrator' },
      { billable_rate: 999 },
      { is_active: false },
    ]) {
      const response = await actors[name].api.patch(`/v1/users/${target.id}`, body);
      expect([403, 404], JSON.stringify(body)).toContain(response.status);
    }
    const after = await workspace.admin.ok('GET', `/v1/users/${target.id}`);
    expect(after).toMatchObject({ role: 'member', is_active: true });
    expect(after.name).not.toBe('Renamed');
    expect(after.billable_rate).not.toBe(999);
  });

  it.each(nonAdmins)(
    '%s may change their own timezone but not promote themself or change their own rates',
    async (name) => {
      const changed = await actors[name].api.patch(`/v1/users/${actors[name].id}`, {
        timezone: 'Europe/London',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.timezone).toBe('Europe/London');
      expectError(
        await actors[name].api.patch(`/v1/users/${actors[name].id}`, { role: 'administrator' }),
        403,
        'authorization_error',
      );
      expectError(
        await actors[name].api.patch(`/v1/users/${actors[name].id}`, { billable_rate: 999 }),
        403,
        'authorization_error',
      );
      const after = await workspace.admin.ok('GET', `/v1/users/${actors[name].id}`);
      expect(after.role).not.toBe('administrator');
      expect(after.billable_rate).not.toBe(999);
    },
  );

  it.each(nonAdmins)('%s cannot assign teammates', async (name) => {
    const response = await actors[name].api.put(`/v1/users/${actors.manager.id}/teammates`, {
      teammate_ids: [actors.other.id],
    });
    expectError(response, 403, 'authorization_error');
    const teammates = await workspace.admin.ok('GET', `/v1/users/${actors.manager.id}/teammates`);
    expect(teammates.teammate_ids).toEqual([actors.teammate.id]);
  });

  it('administrators add and update users', async () => {
    const created = await workspace.admin.post('/v1/users', {
      name: 'New Hire',
      email: 'new.hire@example.test',
    });
    expect(created.status).toBe(201);
    const updated = await workspace.admin.patch(`/v1/users/${created.body.id}`, { cost_rate: 33 });
    expect(updated.status).toBe(200);
    expect(updated.body.cost_rate).toBe(33);
  });
});

describe('workspace settings and directory', () => {
  it.each(nonAdmins)('%s cannot change workspace settings', async (name) => {
    expectError(
      await actors[name].api.patch('/v1/workspace', { name: `Renamed by ${name}` }),
      403,
      'authorization_error',
    );
    const workspaceNow = await actors[name].api.ok('GET', '/v1/workspace');
    expect(workspaceNow).toMatchObject({ id: workspace.accountId, name: 'Acme' });
  });

  it('administrators change workspace settings', async () => {
    const response = await workspace.admin.patch('/v1/workspace', { phone: '+44 20 0000 0000' });
    expect(response.status).toBe(200);
    expect(response.body.phone).toBe('+44 20 0000 0000');
  });

  it.each(nonAdmins)('%s cannot create or change expense categories', async (name) => {
    expectError(
      await actors[name].api.post('/v1/expense-categories', { name: `Category by ${name}` }),
      403,
      'authorization_error',
    );
    expectError(
      await actors[name].api.patch('/v1/expense-categories/cat_llm_usage', { unit_price: 1 }),
      403,
      'authorization_error',
    );
    const categories = await workspace.admin.ok('GET', '/v1/expense-categories');
    const names = categories.data.map((category: { name: string }) => category.name);
    expect(names).not.toContain(`Category by ${name}`);
    const llm = await workspace.admin.ok('GET', '/v1/expense-categories/cat_llm_usage');
    expect(llm.unit_price).toBe(0.003);
  });

  it('administrators create expense categories and everyone can read them', async () => {
    const created = await workspace.admin.post('/v1/expense-categories', { name: 'Hosting' });
    expect(created.status).toBe(201);
    for (const name of everyone) {
      expect((await actors[name].api.get(`/v1/expense-categories/${created.body.id}`)).status).toBe(200);
    }
  });

  const [directoryManagers, notDirectoryManagers] = byVerdict<Name>(
    ['admin', 'lead', 'manager', 'teammate', 'agent'],
    (name) => can(name).manageDirectory,
  );
  const changeDirectory = async (name: Name) => {
    const api = actors[name].api;
    return {
      created: await api.post('/v1/clients', { name: `Client by ${name}` }),
      updated: await api.patch(`/v1/clients/${shared.clientId}`, { phone: `phone of ${name}` }),
      contact: await api.post(`/v1/clients/${shared.clientId}/contacts`, { first_name: name }),
    };
  };
  it.each(directoryManagers)('%s manages clients and contacts', async (name) => {
    const { created, updated, contact } = await changeDirectory(name);
    expect([created.status, updated.status, contact.status]).toEqual([201, 200, 201]);
  });
  it.each(notDirectoryManagers)('%s cannot manage clients and contacts (403)', async (name) => {
    const { created, updated, contact } = await changeDirectory(name);
    for (const response of [created, updated, contact]) expectError(response, 403, 'authorization_error');
    const clients = await workspace.admin.ok('GET', '/v1/clients?limit=200');
    expect(clients.data.map((client: { name: string }) => client.name)).not.toContain(`Client by ${name}`);
    const client = await workspace.admin.ok('GET', `/v1/clients/${shared.clientId}`);
    expect(client.phone).not.toBe(`phone of ${name}`);
    expect((await actors[name].api.get(`/v1/clients/${shared.clientId}`)).status).toBe(200);
  });

  it.each(directoryManagers)('%s manages company tasks', async (name) => {
    const api = actors[name].api;
    const created = await api.post('/v1/tasks', { name: `Task by ${name}` });
    const updated = await api.patch(`/v1/tasks/${shared.taskId}`, { default_hourly_rate: 7 });
    expect([created.status, updated.status]).toEqual([201, 200]);
    await workspace.admin.ok('PATCH', `/v1/tasks/${shared.taskId}`, { default_hourly_rate: null });
  });
  it.each(notDirectoryManagers)('%s cannot manage company tasks (403)', async (name) => {
    const api = actors[name].api;
    expectError(await api.post('/v1/tasks', { name: `Task by ${name}` }), 403, 'authorization_error');
    expectError(
      await api.patch(`/v1/tasks/${shared.taskId}`, { default_hourly_rate: 7 }),
      403,
      'authorization_error',
    );
    const task = await workspace.admin.ok('GET', `/v1/tasks/${shared.taskId}`);
    expect(task.default_hourly_rate).toBeNull();
  });
});

describe('API keys', () => {
  it.each(everyone)('%s creates a key of their own that acts as them', async (name) => {
    const created = await actors[name].api.post('/v1/api-keys', { name: `${name} laptop` });
    expect(created.status).toBe(201);
    expect(created.body.user_id).toBe(actors[name].id);
    const me = await new Api(server.baseUrl, created.body.key).ok('GET', '/v1/users/me');
    expect(me.id).toBe(actors[name].id);
  });

  it.each(nonAdmins)('%s lists only their own keys', async (name) => {
    const list = await actors[name].api.ok('GET', '/v1/api-keys?limit=200');
    expect(list.data.length).toBeGreaterThan(0);
    expect(new Set(list.data.map((key: { user_id: string }) => key.user_id))).toEqual(
      new Set([actors[name].id]),
    );
    const filtered = await actors[name].api.ok('GET', `/v1/api-keys?user_id=${workspace.adminId}`);
    expect(filtered.data).toEqual([]);
  });

  it("administrators list everyone's keys", async () => {
    const list = await workspace.admin.ok('GET', '/v1/api-keys?limit=200');
    const owners = new Set(list.data.map((key: { user_id: string }) => key.user_id));
    for (const name of everyone) expect(owners).toContain(actors[name].id);
  });

  it("a member cannot revoke another member's key; an administrator can", async () => {
    const key = await actors.other.api.ok('POST', '/v1/api-keys', { name: 'to revoke' });
    const keyApi = new Api(server.baseUrl, key.key);
    expectError(await actors.teammate.api.delete(`/v1/api-keys/${key.id}`), 404, 'not_found');
    expectError(await actors.manager.api.delete(`/v1/api-keys/${key.id}`), 404, 'not_found');
    expect((await keyApi.get('/v1/users/me')).status).toBe(200);
    expect((await workspace.admin.delete(`/v1/api-keys/${key.id}`)).status).toBe(204);
    expectError(await keyApi.get('/v1/users/me'), 401, 'authentication_error');
  });

  it('everyone revokes their own key', async () => {
    for (const name of everyone) {
      const key = await actors[name].api.ok('POST', '/v1/api-keys', { name: 'short-lived' });
      expect((await actors[name].api.delete(`/v1/api-keys/${key.id}`)).status).toBe(204);
      expectError(await new Api(server.baseUrl, key.key).get('/v1/users/me'), 401, 'authentication_error');
    }
  });

  it('administrators create keys for agent users but not for other people', async () => {
    const forAgent = await workspace.admin.post('/v1/api-keys', {
      name: 'agent key',
      user_id: actors.agent.id,
    });
    expect(forAgent.status).toBe(201);
    expect(forAgent.body.user_id).toBe(actors.agent.id);
    const me = await new Api(server.baseUrl, forAgent.body.key).ok('GET', '/v1/users/me');
    expect(me.id).toBe(actors.agent.id);
    for (const human of ['teammate', 'manager'] as const) {
      expectError(
        await workspace.admin.post('/v1/api-keys', { name: 'impersonation', user_id: actors[human].id }),
        403,
        'authorization_error',
      );
    }
  });

  it.each(nonAdmins)('%s cannot create a key for anyone else, agents included', async (name) => {
    const target = name === 'agent' ? actors.teammate : actors.agent;
    expectError(
      await actors[name].api.post('/v1/api-keys', { name: 'borrowed', user_id: target.id }),
      403,
      'authorization_error',
    );
    const keys = await workspace.admin.ok('GET', `/v1/api-keys?user_id=${target.id}&limit=200`);
    expect(keys.data.map((key: { name: string }) => key.name)).not.toContain('borrowed');
  });
});

describe("another workspace's administrator key", () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    const entry = await create('time-entries', 'teammate', { notes: 'acme only' });
    const expense = await create('expenses', 'teammate', { notes: 'acme only' });
    const contact = await workspace.admin.ok('POST', `/v1/clients/${shared.clientId}/contacts`, {
      first_name: 'Acme',
    });
    const category = await workspace.admin.ok('POST', '/v1/expense-categories', { name: 'Acme Travel' });
    const key = await actors.agent.api.ok('POST', '/v1/api-keys', { name: 'agent second key' });
    const team = await workspace.admin.ok('GET', `/v1/projects/${shared.projectId}/user-assignments`);
    const tasks = await workspace.admin.ok('GET', `/v1/projects/${shared.projectId}/task-assignments`);
    ids = {
      entry: entry.id,
      expense: expense.id,
      contact: contact.id,
      category: category.id,
      key: key.id,
      keySecret: key.key,
      userAssignment: team.data[0].id,
      taskAssignment: tasks.data[0].id,
    };
  });

  it('gets 404 for every resource of this workspace by id', async () => {
    const paths = [
      `/v1/time-entries/${ids.entry}`,
      `/v1/expenses/${ids.expense}`,
      `/v1/projects/${shared.projectId}`,
      `/v1/projects/${shared.projectId}/task-assignments`,
      `/v1/projects/${shared.projectId}/user-assignments`,
      `/v1/clients/${shared.clientId}`,
      `/v1/clients/${shared.clientId}/contacts`,
      `/v1/tasks/${shared.taskId}`,
      `/v1/users/${actors.teammate.id}`,
      `/v1/users/${workspace.adminId}`,
      `/v1/users/${actors.manager.id}/teammates`,
      `/v1/expense-categories/${ids.category}`,
    ];
    for (const path of paths) expectError(await foreign.get(path), 404, 'not_found');
  });

  it("never lists this workspace's rows, even when filtering by their ids", async () => {
    const acmeIds = new Set<string>([
      ids.entry as string,
      ids.expense as string,
      ids.category as string,
      ids.key as string,
      shared.projectId,
      shared.clientId,
      shared.taskId,
      ...everyone.map((name) => actors[name].id),
    ]);
    const lists = [
      '/v1/time-entries?limit=200',
      `/v1/time-entries?project_id=${shared.projectId}`,
      `/v1/time-entries?user_id=${actors.teammate.id}`,
      `/v1/time-entries?client_id=${shared.clientId}`,
      '/v1/expenses?limit=200',
      `/v1/expenses?project_id=${shared.projectId}`,
      `/v1/expenses?user_id=${actors.teammate.id}`,
      `/v1/expenses?expense_category_id=${ids.category}`,
      '/v1/projects?limit=200',
      `/v1/projects?client_id=${shared.clientId}`,
      '/v1/clients?limit=200',
      '/v1/tasks?limit=200',
      '/v1/users?limit=200',
      '/v1/expense-categories',
      '/v1/api-keys?limit=200&include_revoked=true',
      `/v1/api-keys?user_id=${actors.agent.id}`,
    ];
    for (const path of lists) {
      const response = await foreign.get(path);
      expect(response.status, path).toBe(200);
      const listed: { id: string; user_id?: string; project_id?: string }[] = response.body.data;
      for (const row of listed) {
        expect(acmeIds.has(row.id), `${path} listed ${row.id}`).toBe(false);
        if (row.user_id !== undefined) expect(acmeIds.has(row.user_id), path).toBe(false);
        if (row.project_id !== undefined) expect(acmeIds.has(row.project_id), path).toBe(false);
      }
    }
    const workspaceSeen = await foreign.ok('GET', '/v1/workspace');
    expect(workspaceSeen.id).toBe(foreignWorkspace.accountId);
  });

  it("cannot create entries that reference this workspace's project, task, user or category", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        '/v1/time-entries',
        { project_id: shared.projectId, spent_date: '2026-03-02', hours: 1 },
        'project_id',
      ],
      [
        '/v1/time-entries',
        { project_id: foreignProject.projectId, task_id: shared.taskId, spent_date: '2026-03-02', hours: 1 },
        'task_id',
      ],
      [
        '/v1/time-entries',
        {
          project_id: foreignProject.projectId,
          user_id: actors.teammate.id,
          spent_date: '2026-03-02',
          hours: 1,
        },
        'user_id',
      ],
      [
        '/v1/expenses',
        {
          project_id: shared.projectId,
          expense_category_id: 'cat_llm_usage',
          spent_date: '2026-03-02',
          units: 1,
        },
        'project_id',
      ],
      [
        '/v1/expenses',
        {
          project_id: foreignProject.projectId,
          expense_category_id: ids.category,
          spent_date: '2026-03-02',
          total_cost: 10,
        },
        'expense_category_id',
      ],
      [
        '/v1/expenses',
        {
          project_id: foreignProject.projectId,
          expense_category_id: 'cat_llm_usage',
          user_id: actors.agent.id,
          spent_date: '2026-03-02',
          units: 1,
        },
        'user_id',
      ],
    ];
    for (const [path, body, field] of cases) {
      expectError(await foreign.post(path, body), 404, 'not_found', field);
    }
    const entries = await workspace.admin.ok('GET', '/v1/time-entries?limit=200');
    const expenses = await workspace.admin.ok('GET', '/v1/expenses?limit=200');
    const foreignEntries = await foreign.ok('GET', '/v1/time-entries?limit=200');
    const foreignExpenses = await foreign.ok('GET', '/v1/expenses?limit=200');
    expect(foreignEntries.data).toEqual([]);
    expect(foreignExpenses.data).toEqual([]);
    for (const row of [...entries.data, ...expenses.data]) {
      expect(row.project_id).not.toBe(foreignProject.projectId);
    }
  });

  it("cannot wire this workspace's clients, users or tasks into its own projects, teams or keys", async () => {
    const foreignManager = await foreign.ok('POST', '/v1/users', {
      name: 'Globex Manager',
      email: 'manager@globex.test',
      role: 'manager',
    });
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/projects', { name: 'Stolen client', client_id: shared.clientId }, 'client_id'],
      ['PATCH', `/v1/projects/${foreignProject.projectId}`, { client_id: shared.clientId }, 'client_id'],
      [
        'POST',
        `/v1/projects/${foreignProject.projectId}/user-assignments`,
        { user_id: actors.teammate.id },
        'user_id',
      ],
      [
        'POST',
        `/v1/projects/${foreignProject.projectId}/task-assignments`,
        { task_id: shared.taskId },
        'task_id',
      ],
      [
        'PUT',
        `/v1/users/${foreignManager.id}/teammates`,
        { teammate_ids: [actors.teammate.id] },
        'teammate_ids',
      ],
      ['POST', '/v1/api-keys', { name: 'stolen agent', user_id: actors.agent.id }, 'user_id'],
    ];
    for (const [method, path, body, field] of cases) {
      expectError(await foreign.request(method, path, body), 404, 'not_found', field);
    }
    const ownEntry = await foreign.ok('POST', '/v1/time-entries', {
      project_id: foreignProject.projectId,
      spent_date: '2026-03-02',
      hours: 1,
    });
    const ownExpense = await foreign.ok('POST', '/v1/expenses', {
      project_id: foreignProject.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-03-02',
      units: 1,
    });
    expectError(
      await foreign.patch(`/v1/time-entries/${ownEntry.id}`, { task_id: shared.taskId }),
      404,
      'not_found',
      'task_id',
    );
    expectError(
      await foreign.patch(`/v1/expenses/${ownExpense.id}`, { expense_category_id: ids.category }),
      404,
      'not_found',
      'expense_category_id',
    );
    expect((await foreign.ok('GET', `/v1/time-entries/${ownEntry.id}`)).task_id).toBeNull();
    expect((await foreign.ok('GET', `/v1/expenses/${ownExpense.id}`)).expense_category_id).toBe(
      ownExpense.expense_category_id,
    );
    const project = await foreign.ok('GET', `/v1/projects/${foreignProject.projectId}`);
    expect(project.client_id).toBe(foreignProject.clientId);
    const agentKeys = await workspace.admin.ok('GET', `/v1/api-keys?user_id=${actors.agent.id}&limit=200`);
    expect(agentKeys.data.map((key: { name: string }) => key.name)).not.toContain('stolen agent');
  });

  it('cannot change or delete anything of this workspace', async () => {
    const writes: [string, string, unknown][] = [
      ['PATCH', `/v1/time-entries/${ids.entry}`, { notes: 'globex was here' }],
      ['DELETE', `/v1/time-entries/${ids.entry}`, undefined],
      ['PATCH', `/v1/expenses/${ids.expense}`, { notes: 'globex was here' }],
      ['DELETE', `/v1/expenses/${ids.expense}`, undefined],
      ['PATCH', `/v1/projects/${shared.projectId}`, { notes: 'globex was here' }],
      ['POST', `/v1/projects/${shared.projectId}/archive`, {}],
      ['DELETE', `/v1/projects/${unassigned.projectId}`, undefined],
      ['POST', `/v1/projects/${shared.projectId}/user-assignments`, { user_id: actors.teammate.id }],
      [
        'PATCH',
        `/v1/projects/${shared.projectId}/user-assignments/${ids.userAssignment}`,
        { hourly_rate: 1 },
      ],
      ['DELETE', `/v1/projects/${shared.projectId}/user-assignments/${ids.userAssignment}`, undefined],
      ['POST', `/v1/projects/${shared.projectId}/task-assignments`, { task_id: shared.taskId }],
      [
        'PATCH',
        `/v1/projects/${shared.projectId}/task-assignments/${ids.taskAssignment}`,
        { hourly_rate: 1 },
      ],
      ['DELETE', `/v1/projects/${shared.projectId}/task-assignments/${ids.taskAssignment}`, undefined],
      ['PATCH', `/v1/clients/${shared.clientId}`, { name: 'globex was here' }],
      ['DELETE', `/v1/clients/${shared.clientId}`, undefined],
      ['POST', `/v1/clients/${shared.clientId}/contacts`, { first_name: 'Globex' }],
      ['PATCH', `/v1/clients/${shared.clientId}/contacts/${ids.contact}`, { first_name: 'Globex' }],
      ['DELETE', `/v1/clients/${shared.clientId}/contacts/${ids.contact}`, undefined],
      ['PATCH', `/v1/tasks/${shared.taskId}`, { name: 'globex was here' }],
      ['PATCH', `/v1/users/${actors.teammate.id}`, { name: 'globex was here' }],
      ['PUT', `/v1/users/${actors.manager.id}/teammates`, { teammate_ids: [] }],
      ['PATCH', `/v1/expense-categories/${ids.category}`, { name: 'globex was here' }],
      ['DELETE', `/v1/api-keys/${ids.key}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const response = await foreign.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code, `${method} ${path}`).toBe('not_found');
    }

    const admin = workspace.admin;
    expect((await admin.ok('GET', `/v1/time-entries/${ids.entry}`)).notes).toBe('acme only');
    expect((await admin.ok('GET', `/v1/expenses/${ids.expense}`)).notes).toBe('acme only');
    expect(await admin.ok('GET', `/v1/projects/${shared.projectId}`)).toMatchObject({ is_active: true });
    expect((await admin.ok('GET', `/v1/projects/${shared.projectId}`)).notes).not.toBe('globex was here');
    expect((await admin.ok('GET', `/v1/projects/${unassigned.projectId}`)).id).toBe(unassigned.projectId);
    const team = await admin.ok('GET', `/v1/projects/${shared.projectId}/user-assignments`);
    expect(team.data.map((row: { id: string }) => row.id)).toContain(ids.userAssignment);
    const tasks = await admin.ok('GET', `/v1/projects/${shared.projectId}/task-assignments`);
    expect(tasks.data.map((row: { id: string }) => row.id)).toContain(ids.taskAssignment);
    expect((await admin.ok('GET', `/v1/clients/${shared.clientId}`)).name).not.toBe('globex was here');
    const contacts = await admin.ok('GET', `/v1/clients/${shared.clientId}/contacts`);
    expect(contacts.data.map((row: { first_name: string }) => row.first_name)).toEqual(
      expect.not.arrayContaining(['Globex']),
    );
    expect(contacts.data.map((row: { id: string }) => row.id)).toContain(ids.contact);
    expect((await admin.ok('GET', `/v1/tasks/${shared.taskId}`)).name).not.toBe('globex was here');
    expect((await admin.ok('GET', `/v1/users/${actors.teammate.id}`)).name).toBe('Tess Teammate');
    expect((await admin.ok('GET', `/v1/users/${actors.manager.id}/teammates`)).teammate_ids).toEqual([
      actors.teammate.id,
    ]);
    expect((await admin.ok('GET', `/v1/expense-categories/${ids.category}`)).name).toBe('Acme Travel');
    expect((await new Api(server.baseUrl, ids.keySecret).get('/v1/users/me')).status).toBe(200);
  });
});

describe('Keito-Account-Id', () => {
  it("is accepted when it names the key's workspace", async () => {
    const api = new Api(server.baseUrl, actors.teammate.api.key, { 'Keito-Account-Id': workspace.accountId });
    const me = await api.get('/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(actors.teammate.id);
  });

  it('is refused with 401 when it names another workspace', async () => {
    const acmeKeyForGlobex = new Api(server.baseUrl, workspace.admin.key, {
      'Keito-Account-Id': foreignWorkspace.accountId,
    });
    const globexKeyForAcme = new Api(server.baseUrl, foreign.key, {
      'Keito-Account-Id': workspace.accountId,
    });
    expectError(await acmeKeyForGlobex.get('/v1/users/me'), 401, 'authentication_error');
    expectError(await globexKeyForAcme.get(`/v1/projects/${shared.projectId}`), 401, 'authentication_error');
    expectError(await globexKeyForAcme.get('/v1/time-entries'), 401, 'authentication_error');
  });

  it('is refused with 401 when it names no workspace at all', async () => {
    const api = new Api(server.baseUrl, workspace.admin.key, { 'Keito-Account-Id': 'acc_doesnotexist' });
    expectError(await api.get('/v1/users/me'), 401, 'authentication_error');
  });

  it('a write with a mismatched header changes nothing', async () => {
    const api = new Api(server.baseUrl, actors.agent.api.key, {
      'Keito-Account-Id': foreignWorkspace.accountId,
    });
    const before = await actors.agent.api.ok('GET', '/v1/time-entries?limit=200');
    expectError(
      await api.post('/v1/time-entries', resources['time-entries'].body()),
      401,
      'authentication_error',
    );
    const after = await actors.agent.api.ok('GET', '/v1/time-entries?limit=200');
    expect(after.data.length).toBe(before.data.length);
  });
});
