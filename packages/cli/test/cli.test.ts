// The binary as a whole: version, help, exit codes for usage errors, NO_COLOR.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createWorld, runKeito } from './support/keito.js';

const execFileAsync = promisify(execFile);

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

describe('keito', () => {
  it('prints the package version with --version', async () => {
    const result = await runKeito(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    // The bin is a launcher kept in git, so `npx keito` works right after `npm ci` (issue 12): it
    // builds dist/ on first use (and again when the sources are newer) and runs it.
    expect(pkg.bin.keito).toBe('./bin/keito.js');
    const launcher = fileURLToPath(new URL('../bin/keito.js', import.meta.url));
    const launched = await execFileAsync(process.execPath, [launcher, '--version']);
    expect(launched.stdout).toBe(`${pkg.version}\n`);
  });

  it('shows help for every command listed in the command reference with --help', async () => {
    const root = await runKeito(['--help']);
    expect(root.code).toBe(0);
    for (const word of ['auth', 'whoami', 'time', 'expense', 'config', '--json', '--quiet', '--version'])
      expect(root.stdout).toContain(word);
    for (const [group, subs] of Object.entries({
      auth: ['login', 'logout'],
      time: ['start', 'stop', 'log', 'list', 'status', 'delete'],
      expense: ['log', 'list'],
      config: ['init', 'set', 'list'],
    })) {
      for (const sub of subs) {
        const help = await runKeito([group, sub, '--help']);
        expect(help.code, `${group} ${sub}`).toBe(0);
        expect(help.stdout).toContain(`Usage: keito ${group} ${sub}`);
      }
    }
  });

  it('exits 2 for usage errors: unknown command, unknown flag, missing subcommand', async () => {
    expect((await runKeito(['tiem'])).code).toBe(2);
    const flag = await runKeito(['time', 'start', '--projcet', 'acme']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--projcet'");
    expect((await runKeito(['time'])).code).toBe(2);
  });

  it('colours only when asked: NO_COLOR wins over FORCE_COLOR, and pipes get plain text', async () => {
    const world = await createWorld();
    const coloured = await runKeito(['whoami'], {
      env: { ...world.adminEnv, NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(coloured.stdout).toContain('\u001b[32m✓\u001b[0m');
    const plain = await runKeito(['whoami'], { env: { ...world.adminEnv, NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    const piped = await runKeito(['whoami'], { env: { ...world.adminEnv, NO_COLOR: undefined } });
    expect(piped.stdout).not.toContain('\u001b[');
  });

  it('--quiet leaves only the essentials: the new entry id', async () => {
    const world = await createWorld();
    const result = await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--quiet'], {
      env: world.adminEnv,
    });
    expect(result.stdout).toMatch(/^te_\w+\n$/);
  });
});
