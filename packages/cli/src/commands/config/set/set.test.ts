import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, runKeito, tempDir } from '../../../../test/support/keito.js';

describe('keito config init / set', () => {
  it('creates ~/.keito/config.toml with mode 0600 and sets defaults the documented way', async () => {
    const home = tempDir('keito-home-');
    const init = await runKeito(['config', 'init'], { home });
    const file = path.join(home, '.keito', 'config.toml');
    expect(init).toMatchObject({ code: 0, stdout: `✓ Created ${file}\n` });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await runKeito(['config', 'init'], { home })).code).toBe(1);

    expect((await runKeito(['config', 'set', 'defaults.project', 'acme'], { home })).code).toBe(0);
    expect((await runKeito(['config', 'set', 'defaults.task', 'development'], { home })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(
      /\[defaults\][\s\S]*project = "acme"[\s\S]*task = "development"/,
    );
    const listing = json<{ settings: Record<string, { value: string; origin: string }> }>(
      await runKeito(['config', 'list', '--json'], { home }),
    );
    expect(listing.settings['defaults.project']).toMatchObject({ value: 'acme', origin: 'global' });
    const text = await runKeito(['config', 'list'], { home });
    expect(text.stdout).toContain(`defaults.task\tdevelopment\tglobal (${file})`);
  });

  it('writes ./.keito.toml with --local, and refuses unknown keys and bad values (exit 2)', async () => {
    const home = tempDir('keito-home-');
    const repo = tempDir('keito-repo-');
    expect(
      (await runKeito(['config', 'init', '--local', '--project', 'acme-website'], { home, cwd: repo })).code,
    ).toBe(0);
    expect(readFileSync(path.join(repo, '.keito.toml'), 'utf8')).toContain('project = "acme-website"');
    expect(
      (await runKeito(['config', 'set', '--local', 'defaults.task', 'development'], { home, cwd: repo }))
        .code,
    ).toBe(0);
    expect(readFileSync(path.join(repo, '.keito.toml'), 'utf8')).toContain('task = "development"');
    const unknown = await runKeito(['config', 'set', 'defaults.colour', 'blue'], { home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('defaults.project');
    expect((await runKeito(['config', 'set', 'defaults.source', 'robot'], { home })).code).toBe(2);
  });
});
