import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { preparedPer } from '../../db/prepared.ts';
import { projectTaskAssignments, projectUserAssignments, tasks, users } from '../../db/schema/index.ts';
import type { ProjectRow } from './service.ts';

export interface ResolvedRates {
  billableRate: string | null;
  costRate: string | null;
}

const personRatesQuery = preparedPer((db) =>
  db
    .select({
      billableRate: users.billableRate,
      costRate: users.costRate,
      projectRate: projectUserAssignments.hourlyRate,
    })
    .from(users)
    .leftJoin(
      projectUserAssignments,
      and(
        eq(projectUserAssignments.userId, users.id),
        eq(projectUserAssignments.projectId, sql.placeholder('projectId')),
      ),
    )
    .where(and(eq(users.accountId, sql.placeholder('accountId')), eq(users.id, sql.placeholder('userId'))))
    .limit(1)
    .prepare('person_rates'),
);

const taskRatesQuery = preparedPer((db) =>
  db
    .select({ projectRate: projectTaskAssignments.hourlyRate, defaultRate: tasks.defaultHourlyRate })
    .from(tasks)
    .leftJoin(
      projectTaskAssignments,
      and(
        eq(projectTaskAssignments.taskId, tasks.id),
        eq(projectTaskAssignments.projectId, sql.placeholder('projectId')),
      ),
    )
    .where(and(eq(tasks.accountId, sql.placeholder('accountId')), eq(tasks.id, sql.placeholder('taskId'))))
    .limit(1)
    .prepare('task_rates'),
);

export interface PersonRates {
  billableRate: string | null;
  costRate: string | null;
  /** The person's rate on the project (their assignment), when set. */
  projectRate: string | null;
}

export interface TaskRates {
  /** The task's rate on the project, when set. */
  projectRate: string | null;
  defaultRate: string | null;
}

/**
 * The one place the hourly rate of an entry is decided, by the project's "bill by":
 * - people:  the person's rate on the project, else the person's default rate;
 * - tasks:   the task's rate on the project, else the task's default rate;
 * - project: the project's rate;
 * - none (and non-billable projects): no rate.
 * The cost rate is always the person's. Entries store the result, so later changes to rates
 * do not rewrite history.
 */
export function ratesOf(
  project: Pick<ProjectRow, 'billingType' | 'billBy' | 'hourlyRate'>,
  person: PersonRates | undefined,
  task: TaskRates | undefined,
): ResolvedRates {
  const costRate = person?.costRate ?? null;
  if (project.billingType === 'non_billable') return { billableRate: null, costRate };
  switch (project.billBy) {
    case 'people':
      return { billableRate: person?.projectRate ?? person?.billableRate ?? null, costRate };
    case 'tasks':
      return { billableRate: task?.projectRate ?? task?.defaultRate ?? null, costRate };
    case 'project':
      return { billableRate: project.hourlyRate, costRate };
    case 'none':
      return { billableRate: null, costRate };
  }
}

/** `ratesOf` an entry of `userId` on `project` (and `taskId`), read from the database. */
export async function resolveRates(
  db: Executor,
  project: ProjectRow,
  userId: string,
  taskId: string | null,
): Promise<ResolvedRates> {
  const ids = { accountId: project.accountId, projectId: project.id };
  const [person] = await personRatesQuery(db).execute({ ...ids, userId });
  const [task] =
    taskId === null || project.billBy !== 'tasks' ? [] : await taskRatesQuery(db).execute({ ...ids, taskId });
  return ratesOf(project, person, task);
}
