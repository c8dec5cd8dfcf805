import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKeito, tempDir } from '../../../test/support/keito.js';

function bashComplete(script: string, words: string[]): string[] {
  const file = path.join(tempDir('keito-completion-'), 'keito.bash');
  writeFileSync(file, script);
  const line = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', [
    '-c',
    `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _keito_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
  ]);
  return out.toString().trim().split('\n').filter(Boolean);
}

describe('keito completion', () => {
  it('completes commands, subcommands and flags in bash', async () => {
    const result = await runKeito(['completion', 'bash']);
    expect(result.code).toBe(0);
    expect(bashComplete(result.stdout, ['keito', 't'])).toEqual(['time']);
    expect(bashComplete(result.stdout, ['keito', 'time', 'st']).sort()).toEqual(['start', 'status', 'stop']);
    expect(bashComplete(result.stdout, ['keito', 'time', 'stop', '--r'])).toEqual(['--round']);
    // A flag's value does not throw off where we are in the tree.
    expect(bashComplete(result.stdout, ['keito', 'time', 'start', '--project', 'acme', '--ta'])).toEqual([
      '--task',
    ]);
  });

  it('prints zsh and fish scripts that name every command', async () => {
    const zsh = await runKeito(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef keito/);
    expect(zsh.stdout).toContain('("time stop") opts=(--notes --round --discard');
    const fish = await runKeito(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c keito -n '__fish_use_subcommand' -a time");
    expect(fish.stdout).toContain(
      "complete -c keito -n '__fish_seen_subcommand_from time; and __fish_seen_subcommand_from stop' -l round",
    );
    expect((await runKeito(['completion', 'tcsh'])).code).toBe(2);
  });
});
