import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { globalConfigPath } from '../../../core/config.js';
import { Context } from '../../../core/context.js';
import { CliError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

const quote = (value: string) => JSON.stringify(value);

/** The commented starting file; values given as flags are filled in. */
export function template(
  values: { project?: string | undefined; task?: string | undefined },
  local: boolean,
): string {
  const line = (key: string, value: string | undefined, example: string) =>
    value === undefined ? `# ${key} = ${quote(example)}` : `${key} = ${quote(value)}`;
  const defaults = [
    '[defaults]',
    line('project', values.project, 'acme'),
    line('task', values.task, 'development'),
  ];
  if (local) {
    return ['# Keito CLI: defaults for this repository (see `keito config list`).', ...defaults, ''].join(
      '\n',
    );
  }
  return [
    '# Keito CLI configuration. Precedence: flags > KEITO_* environment > ./.keito.toml > this file.',
    '',
    '[auth]',
    '# `keito auth login` fills these in (or set KEITO_API_KEY and KEITO_ACCOUNT_ID).',
    '# api_key = "keito_sk_..."',
    '# account_id = "acc_..."',
    '',
    ...defaults,
    '# source = "cli"',
    '',
    '[agent]',
    '# agent_id = "review-bot-01"',
    '',
  ].join('\n');
}

/** Creates ~/.keito/config.toml (or ./.keito.toml with `local`); refuses to overwrite without `force`. */
export async function runConfigInit(
  input: {
    file: string;
    local: boolean;
    force: boolean;
    project?: string | undefined;
    task?: string | undefined;
  },
  deps: { out: Output },
): Promise<string> {
  const exists = await access(input.file).then(
    () => true,
    () => false,
  );
  if (exists && !input.force) throw new CliError(`${input.file} already exists (use --force to replace it)`);
  await mkdir(path.dirname(input.file), { recursive: true, mode: 0o700 });
  await writeFile(input.file, template(input, input.local), { mode: input.local ? 0o644 : 0o600 });
  deps.out.result(
    { path: input.file },
    () => deps.out.success(`Created ${input.file}`),
    () => input.file,
  );
  return input.file;
}

interface Flags {
  local?: boolean;
  force?: boolean;
  project?: string;
  task?: string;
}

export function defineConfigInit(parent: Command, io: Io): void {
  parent
    .command('init')
    .description('Create config file (~/.keito/config.toml, or ./.keito.toml with --local)')
    .option('--local', 'Create ./.keito.toml in the current folder instead')
    .option('--project <slug>', 'Default project to write')
    .option('--task <slug>', 'Default task to write')
    .option('--force', 'Replace an existing file')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const file = flags.local ? path.join(io.cwd, '.keito.toml') : globalConfigPath(io.env);
      await runConfigInit(
        {
          file,
          local: flags.local === true,
          force: flags.force === true,
          project: flags.project,
          task: flags.task,
        },
        { out: ctx.out },
      );
    });
}
