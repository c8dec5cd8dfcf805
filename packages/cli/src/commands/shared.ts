// Pieces several commands share: the flags that attribute an entry, the project/task defaults, the
// running timer, and the names shown next to ids.
import type { Keito, TaskAssignment, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import type { Settings } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { parseDate, parsePositiveNumber } from '../core/format.js';

/** --source, --agent-id and --session-id, as `time start`, `time log` and `expense log` take them. */
export function attributionOptions(command: Command): Command {
  return command
    .option('--source <source>', 'Source value (web, cli, api, agent)')
    .option('--agent-id <id>', 'Agent identifier (sets source to agent)')
    .option('--session-id <id>', 'Session UUID for correlation');
}

/** --billable / --no-billable: undefined when neither is given, so the project's default applies. */
export function billableOptions(command: Command): Command {
  return command
    .option('--billable', 'Mark as billable (default from project)')
    .option('--no-billable', 'Mark as not billable');
}

/** The project from --project, KEITO_PROJECT or the config files; a usage error when none. */
export function requireProject(settings: Settings, flag: string | undefined): string {
  const project = settings.get('defaults.project', flag);
  if (!project) {
    throw new UsageError(
      'Missing --project: pass --project <slug|id>, set KEITO_PROJECT, or run `keito config set defaults.project <slug>`.',
    );
  }
  return project;
}

export function dateOption(value: string | undefined, now: Date, flag = '--date'): string | undefined {
  if (value === undefined) return undefined;
  const date = parseDate(value, now);
  if (!date) throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got "${value}"`);
  return date;
}

export function positiveOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = parsePositiveNumber(value);
  if (number === undefined) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return number;
}

/** The running timer of the key's user, if any. */
export async function runningTimer(client: Keito): Promise<TimeEntry | undefined> {
  const me = await client.users.me();
  const page = await client.timeEntries.list({ user_id: me.id, is_running: true, limit: 1 });
  return page.data[0];
}

/** Project names by id, for listings (only projects the user can see). */
export async function projectNames(client: Keito): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for await (const project of client.projects.list({ limit: 200 })) names.set(project.id, project.name);
  return names;
}

/** Task names by task id across the given projects' task assignments. */
export async function taskNames(client: Keito, projectIds: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(projectIds)].map(async (projectId) => {
      try {
        for await (const assignment of client.projects.taskAssignments.list(projectId, { limit: 200 })) {
          names.set((assignment as TaskAssignment).task_id, assignment.task_name);
        }
      } catch {
        // A project the user cannot read any more: its entries show the task id instead.
      }
    }),
  );
  return names;
}
