import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

type Entry = {
  id: string;
  project_id: string;
  task_id: string | null;
  is_running: boolean;
  source: string;
  notes: string | null;
  is_billable: boolean;
  metadata: Record<string, unknown> | null;
};

describe('keito time start', () => {
  it('starts a running timer on the project and task given by slug', async () => {
    const world = await createWorld();
    const result = await runKeito(
      ['time', 'start', '--project', 'acme', '--task', 'development', '--notes', 'OAuth'],
      {
        env: world.adminEnv,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ Timer started on Acme Website · Development');
    const running = await api<{ data: Entry[] }>(
      server,
      world.workspace.api_key,
      'GET',
      '/time-entries?is_running=true',
    );
    expect(running.data).toHaveLength(1);
    expect(running.data[0]).toMatchObject({
      project_id: world.fixture.project.id,
      task_id: world.fixture.task.id,
      notes: 'OAuth',
      source: 'cli',
      metadata: null,
    });
  });

  it('finds the project by the slug of its name and by id, and the task by id', async () => {
    const world = await createWorld();
    for (const project of ['acme-website', world.fixture.project.id]) {
      const result = await runKeito(
        ['time', 'start', '--project', project, '--task', world.fixture.task.id, '--json'],
        {
          env: world.adminEnv,
        },
      );
      expect(result.code).toBe(0);
      expect(json<Entry>(result)).toMatchObject({ project_id: world.fixture.project.id, is_running: true });
    }
  });

  it('finds a project by the first words of its name when only one fits, as the docs type --project acme', async () => {
    const world = await createWorld({ code: 'web', projectName: 'Acme Website Redesign' });
    const result = await runKeito(['time', 'start', '--project', 'acme', '--task', 'development', '--json'], {
      env: world.adminEnv,
    });
    expect(result.stderr).toBe('');
    expect(json<Entry>(result)).toMatchObject({
      project_id: world.fixture.project.id,
      task_id: world.fixture.task.id,
    });
    await api(server, world.workspace.api_key, 'POST', '/projects', {
      client_id: world.fixture.client.id,
      name: 'Acme Support Retainer',
    });
    const ambiguous = await runKeito(['time', 'start', '--project', 'acme'], { env: world.adminEnv });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"acme" matches 2 projects');
  });

  it('says which timer it stopped when one was already running', async () => {
    const world = await createWorld();
    const first = json<Entry>(
      await runKeito(['time', 'start', '--project', 'acme', '--json'], { env: world.adminEnv }),
    );
    const second = await runKeito(['time', 'start', '--project', 'acme'], { env: world.adminEnv });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Stopped the running timer ${first.id}`);
  });

  it('lists the valid choices when the project or task matches nothing', async () => {
    const world = await createWorld();
    const project = await runKeito(['time', 'start', '--project', 'nope'], { env: world.adminEnv });
    expect(project.code).toBe(1);
    expect(project.stderr).toContain('No project matches "nope"');
    expect(project.stderr).toContain(`acme (Acme Website, ${world.fixture.project.id})`);
    const task = await runKeito(['time', 'start', '--project', 'acme', '--task', 'design'], {
      env: world.adminEnv,
    });
    expect(task.code).toBe(1);
    expect(task.stderr).toContain('No task of Acme Website matches "design"');
    expect(task.stderr).toContain('development (Development');
  });

  it('refuses a slug that matches several projects and names them', async () => {
    const world = await createWorld({ code: 'web-a', projectName: 'Acme Portal' });
    await api(server, world.workspace.api_key, 'POST', '/projects', {
      client_id: world.fixture.client.id,
      name: 'Acme Portal',
      code: 'web-b',
    });
    const result = await runKeito(['time', 'start', '--project', 'acme-portal'], { env: world.adminEnv });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"acme-portal" matches 2 projects');
    expect(result.stderr).toContain('web-a (Acme Portal');
    expect(result.stderr).toContain('web-b (Acme Portal');
  });

  it('is a usage error (exit 2) without a project, and --billable / --no-billable are sent', async () => {
    const world = await createWorld();
    const missing = await runKeito(['time', 'start'], { env: world.adminEnv });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing --project');
    const billable = json<Entry>(
      await runKeito(['time', 'start', '--project', 'acme', '--no-billable', '--json'], {
        env: world.adminEnv,
      }),
    );
    expect(billable.is_billable).toBe(false);
  });

  it('takes --source, --agent-id and --session-id as the agent-mode page shows', async () => {
    const world = await createWorld();
    const result = await runKeito(
      [
        'time',
        'start',
        '--project',
        'acme',
        '--task',
        'development',
        '--source',
        'agent',
        '--agent-id',
        'my-custom-bot',
        '--session-id',
        'sess-42',
        '--json',
      ],
      { env: world.agentEnv },
    );
    expect(result.code).toBe(0);
    expect(json<Entry>(result)).toMatchObject({
      source: 'agent',
      metadata: { agent_id: 'my-custom-bot', session_id: 'sess-42' },
    });
  });
});
