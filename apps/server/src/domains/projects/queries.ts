import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  projects,
  projectTaskAssignments,
  projectUserAssignments,
  tasks,
  users,
} from '../../db/schema/index.ts';
import type { ProjectMembership } from '../access/abilities.ts';

/** Ids of the projects a user is (actively) assigned to, as a subquery. */
export function assignedProjectIds(db: Executor, accountId: string, userId: string) {
  return db
    .select({ id: projectUserAssignments.projectId })
    .from(projectUserAssignments)
    .where(
      and(
        eq(projectUserAssignments.accountId, accountId),
        eq(projectUserAssignments.userId, userId),
        eq(projectUserAssignments.isActive, true),
      ),
    );
}

/** What a user is on a project's team, if they are (actively) on it. */
export async function findMembership(
  db: Executor,
  accountId: string,
  projectId: string,
  userId: string,
): Promise<ProjectMembership | undefined> {
  const [row] = await db
    .select({ isProjectManager: projectUserAssignments.isProjectManager })
    .from(projectUserAssignments)
    .where(
      and(
        eq(projectUserAssignments.accountId, accountId),
        eq(projectUserAssignments.projectId, projectId),
        eq(projectUserAssignments.userId, userId),
        eq(projectUserAssignments.isActive, true),
      ),
    )
    .limit(1);
  return row;
}

/** Ids of the projects a user is an active project manager of. */
export async function managedProjectIds(db: Executor, accountId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: projectUserAssignments.projectId })
    .from(projectUserAssignments)
    .where(
      and(
        eq(projectUserAssignments.accountId, accountId),
        eq(projectUserAssignments.userId, userId),
        eq(projectUserAssignments.isActive, true),
        eq(projectUserAssignments.isProjectManager, true),
      ),
    );
  return rows.map((row) => row.id);
}

/** The projects of a client, all of them or those listed. */
export function projectsOfClient(
  db: Executor,
  accountId: string,
  clientId: string,
  projectIds?: readonly string[],
) {
  return db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.accountId, accountId),
        eq(projects.clientId, clientId),
        projectIds === undefined ? undefined : inArray(projects.id, [...projectIds]),
      ),
    )
    .orderBy(projects.name, projects.id);
}

/** A per-task or per-person hour budget set on a project's task or team assignment. */
export interface BudgetAssignment {
  projectId: string;
  kind: 'task' | 'person';
  /** The task's or the person's id. */
  id: string;
  name: string;
  budgetHours: string;
}

/** The task and person hour budgets of the given projects, in name order. */
export async function budgetAssignmentsOf(
  db: Executor,
  accountId: string,
  projectIds: readonly string[],
): Promise<BudgetAssignment[]> {
  if (projectIds.length === 0) return [];
  const [taskRows, personRows] = await Promise.all([
    db
      .select({
        projectId: projectTaskAssignments.projectId,
        id: tasks.id,
        name: tasks.name,
        budgetHours: projectTaskAssignments.budgetHours,
      })
      .from(projectTaskAssignments)
      .innerJoin(tasks, eq(tasks.id, projectTaskAssignments.taskId))
      .where(
        and(
          eq(projectTaskAssignments.accountId, accountId),
          inArray(projectTaskAssignments.projectId, [...projectIds]),
          isNotNull(projectTaskAssignments.budgetHours),
        ),
      )
      .orderBy(asc(tasks.name), asc(tasks.id)),
    db
      .select({
        projectId: projectUserAssignments.projectId,
        id: users.id,
        name: users.name,
        budgetHours: projectUserAssignments.budgetHours,
      })
      .from(projectUserAssignments)
      .innerJoin(users, eq(users.id, projectUserAssignments.userId))
      .where(
        and(
          eq(projectUserAssignments.accountId, accountId),
          inArray(projectUserAssignments.projectId, [...projectIds]),
          isNotNull(projectUserAssignments.budgetHours),
        ),
      )
      .orderBy(asc(users.name), asc(users.id)),
  ]);
  const withKind = (kind: 'task' | 'person') => (row: (typeof taskRows)[number]) => ({
    ...row,
    kind,
    budgetHours: row.budgetHours ?? '0',
  });
  return [...taskRows.map(withKind('task')), ...personRows.map(withKind('person'))];
}

/** The active project managers of a project (who are told when its budget runs low). */
export async function projectManagerIdsOf(db: Executor, accountId: string, projectId: string) {
  const rows = await db
    .select({ userId: projectUserAssignments.userId })
    .from(projectUserAssignments)
    .where(
      and(
        eq(projectUserAssignments.accountId, accountId),
        eq(projectUserAssignments.projectId, projectId),
        eq(projectUserAssignments.isProjectManager, true),
        eq(projectUserAssignments.isActive, true),
      ),
    );
  return rows.map((row) => row.userId);
}
