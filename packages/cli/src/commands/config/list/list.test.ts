import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, tempDir } from '../../../../test/support/keito.js';

type Listing = { settings: Record<string, { value?: string; origin?: string }> };

/** A home with ~/.keito/config.toml and a repository with ./.keito.toml two folders above the cwd. */
function layout(globalToml: string, projectToml: string) {
  const home = tempDir('keito-home-');
  mkdirSync(path.join(home, '.keito'));
  writeFileSync(path.join(home, '.keito', 'config.toml'), globalToml);
  const repo = tempDir('keito-repo-');
  writeFileSync(path.join(repo, '.keito.toml'), projectToml);
  const cwd = path.join(repo, 'packages', 'app');
  mkdirSync(cwd, { recursive: true });
  return { home, cwd };
}

describe('keito config list and the precedence flags > env > ./.keito.toml > ~/.keito/config.toml > defaults', () => {
  it('takes each key from the highest-priority place that sets it', async () => {
    const { home, cwd } = layout(
      '[auth]\napi_key = "keito_sk_globalglobalglobal"\naccount_id = "acc_global"\n[defaults]\nproject = "from-global"\ntask = "global-task"\nsource = "api"\n',
      '[defaults]\nproject = "from-project"\ntask = "project-task"\n',
    );
    const listing = json<Listing>(
      await runKeito(['config', 'list', '--json'], { home, cwd, env: { KEITO_TASK: 'env-task' } }),
    );
    expect(listing.settings['defaults.project']).toMatchObject({ value: 'from-project', origin: 'project' });
    expect(listing.settings['defaults.task']).toMatchObject({ value: 'env-task', origin: 'env' });
    expect(listing.settings['defaults.source']).toMatchObject({ value: 'api', origin: 'global' });
    expect(listing.settings['auth.account_id']).toMatchObject({ value: 'acc_global', origin: 'global' });
    expect(listing.settings['auth.api_key']?.value).not.toContain('globalglobalglobal');
    expect(listing.settings['api.base_url']).toMatchObject({
      value: 'https://api.keito.ai/v1',
      origin: 'default',
    });
  });

  it('uses that precedence when it logs time: flag over env over project file over global file', async () => {
    const world = await createWorld();
    const { home, cwd } = layout(
      `[auth]\napi_key = "${world.workspace.api_key}"\naccount_id = "${world.workspace.account_id}"\n[api]\nbase_url = "${world.adminEnv.KEITO_BASE_URL}"\n[defaults]\nproject = "nope-global"\nsource = "api"\n`,
      '[defaults]\nproject = "acme"\n',
    );
    // Project file beats the global file; the key, account and URL come from the global file.
    const fromFiles = json<{ project_id: string; source: string }>(
      await runKeito(['time', 'log', '--hours', '1', '--json'], { home, cwd }),
    );
    expect(fromFiles).toMatchObject({ project_id: world.fixture.project.id, source: 'api' });
    // The environment beats the project file, and a flag beats the environment.
    const fromEnv = await runKeito(['time', 'log', '--hours', '1'], {
      home,
      cwd,
      env: { KEITO_PROJECT: 'env-project', KEITO_SOURCE: 'cli' },
    });
    expect(fromEnv.stderr).toContain('No project matches "env-project"');
    const fromFlag = json<{ project_id: string; source: string }>(
      await runKeito(['time', 'log', '--hours', '1', '--project', 'acme', '--json'], {
        home,
        cwd,
        env: { KEITO_PROJECT: 'env-project', KEITO_SOURCE: 'cli' },
      }),
    );
    expect(fromFlag).toMatchObject({ project_id: world.fixture.project.id, source: 'cli' });
  });
});
