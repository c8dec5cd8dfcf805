import path from 'node:path';
import type { Command } from 'commander';
import { SOURCES } from '../../../core/agent.js';
import {
  type ConfigFile,
  readConfigFile,
  setKey,
  settingSpec,
  writeConfigFile,
} from '../../../core/config.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** Sets one key in a config file, checking the key and its value. */
export async function runConfigSet(
  input: { file: ConfigFile; key: string; value: string },
  deps: { out: Output },
): Promise<void> {
  const spec = settingSpec(input.key);
  let value: string | boolean = input.value;
  if (spec.boolean) {
    if (!['true', 'false'].includes(input.value)) throw new UsageError(`${input.key} must be true or false`);
    value = input.value === 'true';
  }
  if (input.key === 'defaults.source' && !(SOURCES as readonly string[]).includes(input.value)) {
    throw new UsageError(`defaults.source must be one of: ${SOURCES.join(', ')}`);
  }
  setKey(input.file.data, input.key, value);
  await writeConfigFile(input.file);
  const shown = spec.secret ? '********' : input.value;
  deps.out.result({ key: input.key, value: spec.secret ? undefined : value, path: input.file.path }, () =>
    deps.out.success(`Set ${input.key} = ${shown} in ${input.file.path}`),
  );
}

export function defineConfigSet(parent: Command, io: Io): void {
  parent
    .command('set')
    .description('Set a config value, e.g. `keito config set defaults.project acme`')
    .argument('<key>', 'defaults.project, defaults.task, defaults.source, agent.agent_id, auth.api_key, ...')
    .argument('<value>', 'The value')
    .option('--local', 'Write to the nearest ./.keito.toml (created here if none)')
    .action(async (key: string, value: string, flags: { local?: boolean }, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const settings = await ctx.settings();
      const file = flags.local
        ? (settings.project ?? (await readConfigFile(path.join(io.cwd, '.keito.toml'))))
        : settings.global;
      await runConfigSet({ file, key, value }, { out: ctx.out });
    });
}
