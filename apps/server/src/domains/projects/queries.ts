import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { projects, projectUserAssignments } from '../../db/schema/index.ts';
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
