import type { Command } from 'commander';
import { detectAgent } from '../../../core/agent.js';
import { getKey, type Resolved, SETTINGS, type Settings } from '../../../core/config.js';
import { Context } from '../../../core/context.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

function mask(value: string): string {
  return value.length <= 14 ? '********' : `${value.slice(0, 12)}…${value.slice(-4)}`;
}

/** Shows every key's effective value and where it comes from (flag, env, project, global, default). */
export function runConfigList(deps: { settings: Settings; out: Output }): Record<string, Resolved> {
  const { settings, out } = deps;
  const resolved: Record<string, Resolved> = {};
  for (const spec of SETTINGS) {
    const entry = settings.resolve(spec.key);
    if (
      spec.key === 'auth.api_key' &&
      entry.value === undefined &&
      getKey(settings.global.data, 'auth.keychain')
    ) {
      resolved[spec.key] = { value: '(in the OS keychain)', origin: 'global', where: 'keychain' };
      continue;
    }
    resolved[spec.key] =
      spec.secret && entry.value !== undefined ? { ...entry, value: mask(entry.value) } : entry;
  }
  const agent = detectAgent(settings.env);
  const files = { global: settings.global.path, project: settings.project?.path ?? null };
  out.result({ settings: resolved, files, agent: agent ?? null }, () => {
    const rows = Object.entries(resolved)
      .filter(([, entry]) => entry.value !== undefined)
      .map(([key, entry]) => [
        key,
        entry.value ?? '',
        entry.where ? `${entry.origin} (${entry.where})` : `${entry.origin}`,
      ]);
    const lines = [out.table(['KEY', 'VALUE', 'FROM'], rows)];
    if (out.isTTY) {
      lines.push('', `Global config:  ${files.global}`, `Project config: ${files.project ?? '(none)'}`);
      if (agent) lines.push(`Agent mode:     ${agent.agentType} (detected ${agent.variable})`);
    }
    return lines.join('\n');
  });
  return resolved;
}

export function defineConfigList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('Show current configuration and where each value comes from')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      runConfigList({ settings: await ctx.settings(), out: ctx.out });
    });
}
