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

/** What is being chosen, in the singular and the plural, for messages. */
interface Noun {
  one: string;
  many: string;
}

function choose<T>(
  what: Noun,
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
        `"${value}" matches ${matches.length} ${what.many}: ${matches.map(describe).join(', ')}. Use the id.`,
      );
    }
  }
  const choices = candidates.length === 0 ? `(none available)` : candidates.map(describe).join(', ');
  throw new CliError(`No ${what.one} matches "${value}". Valid ${what.many}: ${choices}`);
}

/** Slug `acme` names `acme-website-redesign`: the first words of a name are enough when unambiguous. */
const startsWithWords = (slug: string, prefix: string) => prefix !== '' && slug.startsWith(`${prefix}-`);

/**
 * Finds a project by code, then by the slug of its name, then by id (case-insensitive), then by
 * the first words of its name (`acme` for "Acme Website Redesign") when only one project fits.
 */
export async function resolveProject(client: Keito, value: string): Promise<Project> {
  const wanted = value.trim().toLowerCase();
  const projects = await all(client.projects.list({ is_active: true, limit: 200 }));
  return choose(
    { one: 'project', many: 'projects' },
    value,
    projects,
    [
      (p) => (p.code ?? '').toLowerCase() === wanted,
      (p) => slugify(p.name) === slugify(value),
      (p) => p.id.toLowerCase() === wanted,
      (p) => startsWithWords(slugify(p.name), slugify(value)),
    ],
    (p) => `${projectHandle(p)} (${p.name}, ${p.id})`,
  );
}

/** Finds one of the project's tasks by the slug of its name, then by task id, then by its first words. */
export async function resolveTask(client: Keito, project: Project, value: string): Promise<TaskAssignment> {
  const assignments = await all(client.projects.taskAssignments.list(project.id, { limit: 200 }));
  const active = assignments.filter((a) => a.is_active);
  return choose(
    { one: `task of ${project.name}`, many: `tasks of ${project.name}` },
    value,
    active,
    [
      (a) => slugify(a.task_name) === slugify(value),
      (a) => a.task_id.toLowerCase() === value.toLowerCase(),
      (a) => startsWithWords(slugify(a.task_name), slugify(value)),
    ],
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
    { one: 'expense category', many: 'expense categories' },
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
