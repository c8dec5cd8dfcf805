import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { projectUserAssignments } from '../../db/schema/index.ts';
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
