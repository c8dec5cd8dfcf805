import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { projectTaskAssignments, projectUserAssignments, tasks, users } from '../../db/schema/index.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Abilities, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { findUserInAccount } from '../people/queries.ts';
import { findTask } from '../tasks/service.ts';
import type {
  CreateTaskAssignmentInput,
  CreateUserAssignmentInput,
  TaskAssignmentResponse,
  UpdateTaskAssignmentInput,
  UpdateUserAssignmentInput,
  UserAssignmentResponse,
} from './schemas.ts';
import { assertCanSetRates, findManageableProject, findVisibleProject } from './service.ts';

const decimal = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : toDecimalString(value);

/** The condition for one assignment of one project of the actor's workspace. */
function oneAssignment(
  table: typeof projectTaskAssignments | typeof projectUserAssignments,
  actor: Actor,
  projectId: string,
  assignmentId: string,
) {
  return and(
    eq(table.accountId, actor.accountId),
    eq(table.projectId, projectId),
    eq(table.id, assignmentId),
  );
}

type TaskAssignmentRow = typeof projectTaskAssignments.$inferSelect & { taskName: string };
type UserAssignmentRow = typeof projectUserAssignments.$inferSelect & {
  userName: string;
  userType: 'human' | 'agent';
};

function presentTaskAssignment(abilities: Abilities, row: TaskAssignmentRow): TaskAssignmentResponse {
  return {
    id: row.id,
    project_id: row.projectId,
    task_id: row.taskId,
    task_name: row.taskName,
    is_billable: row.isBillable,
    hourly_rate: abilities.viewBillableRates() ? toNumber(row.hourlyRate) : null,
    budget_hours: toNumber(row.budgetHours),
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function presentUserAssignment(abilities: Abilities, row: UserAssignmentRow): UserAssignmentResponse {
  return {
    id: row.id,
    project_id: row.projectId,
    user_id: row.userId,
    user_name: row.userName,
    user_type: row.userType,
    is_project_manager: row.isProjectManager,
    hourly_rate: abilities.viewBillableRates() ? toNumber(row.hourlyRate) : null,
    budget_hours: toNumber(row.budgetHours),
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function selectTaskAssignments(db: Executor, accountId: string, projectId: string) {
  return db
    .select({ assignment: projectTaskAssignments, taskName: tasks.name })
    .from(projectTaskAssignments)
    .innerJoin(tasks, eq(tasks.id, projectTaskAssignments.taskId))
    .where(
      and(eq(projectTaskAssignments.accountId, accountId), eq(projectTaskAssignments.projectId, projectId)),
    )
    .orderBy(asc(tasks.name), asc(projectTaskAssignments.id))
    .$dynamic();
}

function selectUserAssignments(db: Executor, accountId: string, projectId: string) {
  return db
    .select({ assignment: projectUserAssignments, userName: users.name, userType: users.userType })
    .from(projectUserAssignments)
    .innerJoin(users, eq(users.id, projectUserAssignments.userId))
    .where(
      and(eq(projectUserAssignments.accountId, accountId), eq(projectUserAssignments.projectId, projectId)),
    )
    .orderBy(asc(users.name), asc(projectUserAssignments.id))
    .$dynamic();
}

export async function listTaskAssignments(db: Executor, actor: Actor, projectId: string) {
  const abilities = await loadAbilities(db, actor);
  await findVisibleProject(db, abilities, projectId);
  const rows = await selectTaskAssignments(db, actor.accountId, projectId);
  return rows.map((row) => presentTaskAssignment(abilities, { ...row.assignment, taskName: row.taskName }));
}

async function getTaskAssignment(
  db: Executor,
  abilities: Abilities,
  projectId: string,
  assignmentId: string,
) {
  const { actor } = abilities;
  const [row] = await selectTaskAssignments(db, actor.accountId, projectId).where(
    oneAssignment(projectTaskAssignments, actor, projectId, assignmentId),
  );
  if (row === undefined) throw new NotFoundError('Task assignment');
  return presentTaskAssignment(abilities, { ...row.assignment, taskName: row.taskName });
}

export async function createTaskAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  input: CreateTaskAssignmentInput,
): Promise<TaskAssignmentResponse> {
  const { project, abilities } = await findManageableProject(db, actor, projectId);
  assertCanSetRates(abilities, input, ['hourly_rate']);
  const task = await findTask(db, actor.accountId, input.task_id, 'task_id');
  if (!task.isActive) throw new BusinessRuleError('The task is archived; restore it first', 'task_id');
  const [row] = await db
    .insert(projectTaskAssignments)
    .values({
      id: newId('pta'),
      accountId: actor.accountId,
      projectId,
      taskId: task.id,
      isBillable: input.is_billable ?? (project.billingType !== 'non_billable' && task.billableByDefault),
      hourlyRate: decimal(input.hourly_rate) ?? null,
      budgetHours: decimal(input.budget_hours) ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: projectTaskAssignments.id });
  if (row === undefined) throw new ConflictError('This task is already assigned to the project', 'task_id');
  return getTaskAssignment(db, abilities, projectId, row.id);
}

export async function updateTaskAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  assignmentId: string,
  input: UpdateTaskAssignmentInput,
): Promise<TaskAssignmentResponse> {
  const { abilities } = await findManageableProject(db, actor, projectId);
  assertCanSetRates(abilities, input, ['hourly_rate']);
  const [row] = await db
    .update(projectTaskAssignments)
    .set({
      isBillable: input.is_billable,
      hourlyRate: decimal(input.hourly_rate),
      budgetHours: decimal(input.budget_hours),
      updatedAt: new Date(),
    })
    .where(oneAssignment(projectTaskAssignments, actor, projectId, assignmentId))
    .returning({ id: projectTaskAssignments.id });
  if (row === undefined) throw new NotFoundError('Task assignment');
  return getTaskAssignment(db, abilities, projectId, row.id);
}

/** Entries already logged against the task keep it; only new tracking is prevented. */
export async function deleteTaskAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  assignmentId: string,
) {
  await findManageableProject(db, actor, projectId);
  const [row] = await db
    .delete(projectTaskAssignments)
    .where(oneAssignment(projectTaskAssignments, actor, projectId, assignmentId))
    .returning({ id: projectTaskAssignments.id });
  if (row === undefined) throw new NotFoundError('Task assignment');
}

export async function listUserAssignments(db: Executor, actor: Actor, projectId: string) {
  const abilities = await loadAbilities(db, actor);
  await findVisibleProject(db, abilities, projectId);
  const rows = await selectUserAssignments(db, actor.accountId, projectId);
  return rows.map((row) =>
    presentUserAssignment(abilities, { ...row.assignment, userName: row.userName, userType: row.userType }),
  );
}

async function getUserAssignment(
  db: Executor,
  abilities: Abilities,
  projectId: string,
  assignmentId: string,
) {
  const { actor } = abilities;
  const [row] = await selectUserAssignments(db, actor.accountId, projectId).where(
    oneAssignment(projectUserAssignments, actor, projectId, assignmentId),
  );
  if (row === undefined) throw new NotFoundError('User assignment');
  return presentUserAssignment(abilities, {
    ...row.assignment,
    userName: row.userName,
    userType: row.userType,
  });
}

export async function createUserAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  input: CreateUserAssignmentInput,
): Promise<UserAssignmentResponse> {
  const { abilities } = await findManageableProject(db, actor, projectId);
  assertCanSetRates(abilities, input, ['hourly_rate']);
  const user = await findUserInAccount(db, actor.accountId, input.user_id, 'user_id');
  if (user.status === 'archived') throw new BusinessRuleError('The user is archived', 'user_id');
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(projectUserAssignments)
      .values({
        id: newId('pua'),
        accountId: actor.accountId,
        projectId,
        userId: user.id,
        isProjectManager: input.is_project_manager,
        hourlyRate: decimal(input.hourly_rate) ?? null,
        budgetHours: decimal(input.budget_hours) ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: projectUserAssignments.id });
    // The person hears about it (their preferences decide when the job runs); not who added themselves.
    if (inserted !== undefined && user.id !== actor.userId) {
      await enqueue(tx, 'send-project-assignment-email', {
        accountId: actor.accountId,
        userId: user.id,
        projectId,
        byId: actor.userId,
      });
    }
    return inserted;
  });
  if (row === undefined) throw new ConflictError('This user is already assigned to the project', 'user_id');
  return getUserAssignment(db, abilities, projectId, row.id);
}

export async function updateUserAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  assignmentId: string,
  input: UpdateUserAssignmentInput,
): Promise<UserAssignmentResponse> {
  const { abilities } = await findManageableProject(db, actor, projectId);
  assertCanSetRates(abilities, input, ['hourly_rate']);
  const [row] = await db
    .update(projectUserAssignments)
    .set({
      isProjectManager: input.is_project_manager,
      hourlyRate: decimal(input.hourly_rate),
      budgetHours: decimal(input.budget_hours),
      updatedAt: new Date(),
    })
    .where(oneAssignment(projectUserAssignments, actor, projectId, assignmentId))
    .returning({ id: projectUserAssignments.id });
  if (row === undefined) throw new NotFoundError('User assignment');
  return getUserAssignment(db, abilities, projectId, row.id);
}

/** Their entries stay on the project; they can no longer track new time to it. */
export async function deleteUserAssignment(
  db: Executor,
  actor: Actor,
  projectId: string,
  assignmentId: string,
) {
  await findManageableProject(db, actor, projectId);
  const [row] = await db
    .delete(projectUserAssignments)
    .where(oneAssignment(projectUserAssignments, actor, projectId, assignmentId))
    .returning({ id: projectUserAssignments.id });
  if (row === undefined) throw new NotFoundError('User assignment');
}
