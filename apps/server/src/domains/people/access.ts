import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { managerTeammates, projectUserAssignments, users } from '../../db/schema/index.ts';
import { AuthorizationError, NotFoundError } from '../../lib/errors.ts';
import type { Actor } from '../access/actor.ts';

/**
 * Who may see and write whose data (auth/scopes, team-management/roles-permissions):
 * members their own; managers their own and their assigned teammates'; administrators everyone's.
 */
export type UserScope = { kind: 'all' } | { kind: 'some'; userIds: string[] };

export async function teammateIdsOf(db: Executor, actor: Actor): Promise<string[]> {
  const rows = await db
    .select({ id: managerTeammates.teammateId })
    .from(managerTeammates)
    .where(
      and(eq(managerTeammates.accountId, actor.accountId), eq(managerTeammates.managerId, actor.userId)),
    );
  return rows.map((row) => row.id);
}

/** Whose entries the actor may read. */
export async function readableUsers(db: Executor, actor: Actor): Promise<UserScope> {
  if (actor.role === 'administrator') return { kind: 'all' };
  if (actor.role === 'manager')
    return { kind: 'some', userIds: [actor.userId, ...(await teammateIdsOf(db, actor))] };
  return { kind: 'some', userIds: [actor.userId] };
}

/** Whether the actor may create or change entries that belong to `userId`. */
export async function canWriteFor(db: Executor, actor: Actor, userId: string): Promise<boolean> {
  if (userId === actor.userId || actor.role === 'administrator') return true;
  if (actor.role !== 'manager' || actor.managerPermissions?.edit_team_entries === false) return false;
  return (await teammateIdsOf(db, actor)).includes(userId);
}

export async function assertCanWriteFor(db: Executor, actor: Actor, userId: string): Promise<void> {
  if (!(await canWriteFor(db, actor, userId))) {
    throw new AuthorizationError("You cannot create or change another user's entries");
  }
}

export function assertAdministrator(actor: Actor, action: string): void {
  if (actor.role !== 'administrator') throw new AuthorizationError(`Only administrators can ${action}`);
}

/** Cost rates are for administrators only. */
export const canSeeCostRates = (actor: Actor) => actor.role === 'administrator';

/** Billable rates: administrators, managers allowed to by an administrator, and each user their own. */
export function canSeeBillableRate(actor: Actor, userId: string): boolean {
  if (actor.role === 'administrator' || actor.userId === userId) return true;
  return actor.role === 'manager' && actor.managerPermissions?.view_billable_rates === true;
}

export async function isAssignedToProject(
  db: Executor,
  accountId: string,
  projectId: string,
  userId: string,
) {
  const [row] = await db
    .select({ id: projectUserAssignments.id })
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
  return row !== undefined;
}

/** Loads a user of the actor's workspace, or fails with not_found naming the field it came from. */
export async function findUserInAccount(db: Executor, accountId: string, userId: string, field?: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  if (user === undefined) throw new NotFoundError('User', field);
  return user;
}
