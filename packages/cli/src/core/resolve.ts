// Projects, tasks and expense categories by the names people type: `--project acme --task development`.
import type { ExpenseCategory, Keito, Project, TaskAssignment } from '@keito/sdk';
import { CliError } from './errors.js';
import { slugify } from './format.js';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

/** A project's handle as users type it: its code, else the slug of its name. */
export function projectHandle(project: Pick<Project, 'code' | 'name'>): string {
  return project.code ? project.code : slugify(project.name);
}

function choose<T>(
  what: string,
  value: string,
  candidates: T[],
  rules: ((item: T) => boolean)[],
  describe: (item: T) => string,
): T {
  for (const rule of rules) {
    const matches = candidates.filter(rule);
    if (matches.length === 1) return matches[0] as T;
    if (matches.length > 1) {
      throw new CliError(
        `"${value}" matches ${matches.length} ${what}s: ${matches.map(describe).join(', ')}. Use the id.`,
      );
    }
  }
  const choices = candidates.length === 0 ? `(none available)` : candidates.map(describe).join(', ');
  throw new CliError(`No ${what} matches "${value}". Valid ${what}s: ${choices}`);
}

/** Finds a project by code, then by the slug of its name, then by id (case-insensitive). */
export async function resolveProject(client: Keito, value: string): Promise<Project> {
  const wanted = value.trim().toLowerCase();
  const projects = await all(client.projects.list({ is_active: true, limit: 200 }));
  return choose(
    'project',
    value,
    projects,
    [
      (p) => (p.code ?? '').toLowerCase() === wanted,
      (p) => slugify(p.name) === slugify(value),
      (p) => p.id.toLowerCase() === wanted,
    ],
    (p) => `${projectHandle(p)} (${p.name}, ${p.id})`,
  );
}

/** Finds one of the project's tasks by the slug of its name, then by task id. */
export async function resolveTask(client: Keito, project: Project, value: string): Promise<TaskAssignment> {
  const assignments = await all(client.projects.taskAssignments.list(project.id, { limit: 200 }));
  const active = assignments.filter((a) => a.is_active);
  return choose(
    `task of ${project.name}`,
    value,
    active,
    [(a) => slugify(a.task_name) === slugify(value), (a) => a.task_id.toLowerCase() === value.toLowerCase()],
    (a) => `${slugify(a.task_name)} (${a.task_name}, ${a.task_id})`,
  );
}

/** Finds an expense category by id (including the `cat_llm_usage` alias), then by name or its slug. */
export async function resolveCategory(
  client: Keito,
  value: string,
): Promise<ExpenseCategory | { id: string }> {
  if (value === 'cat_llm_usage') return { id: value };
  const categories = await all(client.expenseCategories.list({ is_active: true }));
  return choose(
    'expense category',
    value,
    categories,
    [
      (c) => c.id.toLowerCase() === value.toLowerCase(),
      (c) => c.name.toLowerCase() === value.trim().toLowerCase(),
      (c) => slugify(c.name) === slugify(value),
    ],
    (c) => `"${c.name}" (${c.id})`,
  );
}
