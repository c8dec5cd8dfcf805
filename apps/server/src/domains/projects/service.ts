import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterNameCursor } from '../../db/keyset.ts';
import { preparedPer } from '../../db/prepared.ts';
import { projects, projectTaskAssignments, projectUserAssignments, tasks } from '../../db/schema/index.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { AuthorizationError, BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { type Abilities, authorize, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { findClient } from '../clients/service.ts';
import { projectHasExpenses } from '../expenses/queries.ts';
import type { BudgetProgress } from '../reports/budget-schemas.ts';
import { budgetProgressOf } from '../reports/budgets.ts';
import { projectHasTimeEntries } from '../time/queries.ts';
import { assignedProjectIds, findMembership } from './queries.ts';
import type {
  CreateProjectInput,
  ListProjectsFilters,
  ProjectResponse,
  UpdateProjectInput,
} from './schemas.ts';

export type ProjectRow = typeof projects.$inferSelect;

export function presentProject(
  abilities: Abilities,
  row: ProjectRow,
  budgetProgress: BudgetProgress | null,
): ProjectResponse {
  const rates = abilities.viewBillableRates();
  return {
    id: row.id,
    name: row.name,
    client_id: row.clientId,
    code: row.code,
    billing_type: row.billingType,
    is_billable: row.billingType !== 'non_billable',
    bill_by: row.billBy,
    hourly_rate: rates ? toNumber(row.hourlyRate) : null,
    fixed_fee: rates ? toNumber(row.fixedFee) : null,
    budget_by: row.budgetBy,
    budget_hours: toNumber(row.budgetHours),
    budget_amount: rates || row.showBudgetToAll ? toNumber(row.budgetAmount) : null,
    budget_resets_monthly: row.budgetResetsMonthly,
    budget_alert_percent: row.budgetAlertPercent,
    budget_includes_expenses: row.budgetIncludesExpenses,
    show_budget_to_all: row.showBudgetToAll,
    budget_progress: budgetProgress,
    starts_on: row.startsOn,
    ends_on: row.endsOn,
    notes: row.notes,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const findProjectQuery = preparedPer((db) =>
  db
    .select()
    .from(projects)
    .where(and(eq(projects.accountId, sql.placeholder('accountId')), eq(projects.id, sql.placeholder('id'))))
    .limit(1)
    .prepare('find_project'),
);

export async function findProject(db: Executor, accountId: string, projectId: string, field?: string) {
  const [row] = await findProjectQuery(db).execute({ accountId, id: projectId });
  if (row === undefined) throw new NotFoundError('Project', field);
  return row;
}

/** A project the actor sees (every project, or the ones they are on the team of); others do not exist for them. */
export async function findVisibleProject(
  db: Executor,
  abilities: Abilities,
  projectId: string,
): Promise<ProjectRow> {
  const { actor } = abilities;
  const project = await findProject(db, actor.accountId, projectId);
  if (abilities.viewAllProjects) return project;
  if ((await findMembership(db, actor.accountId, projectId, actor.userId)) === undefined) {
    throw new NotFoundError('Project');
  }
  return project;
}

export async function listProjects(
  db: Executor,
  actor: Actor,
  filters: ListProjectsFilters,
): Promise<Page<ProjectResponse>> {
  const abilities = await loadAbilities(db, actor);
  const conditions: (SQL | undefined)[] = [
    eq(projects.accountId, actor.accountId),
    afterNameCursor(projects.name, projects.id, filters.cursor),
  ];
  if (!abilities.viewAllProjects) {
    conditions.push(inArray(projects.id, assignedProjectIds(db, actor.accountId, actor.userId)));
  }
  if (filters.is_active !== undefined) conditions.push(eq(projects.isActive, filters.is_active));
  if (filters.client_id !== undefined) conditions.push(eq(projects.clientId, filters.client_id));
  const rows = await db
    .select()
    .from(projects)
    .where(and(...conditions))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(filters.limit + 1);
  // The page's budgets in one pass (rows holds one more than the page, which costs nothing much).
  const progress = await budgetProgressOf(db, abilities, rows);
  return toPage(
    rows,
    filters.limit,
    (row) => presentProject(abilities, row, progress.get(row.id) ?? null),
    (row) => [row.name, row.id],
  );
}

/** A project as answered, with its budget's figures as of now. */
async function presentWithBudget(
  db: Executor,
  abilities: Abilities,
  row: ProjectRow,
): Promise<ProjectResponse> {
  const progress = await budgetProgressOf(db, abilities, [row]);
  return presentProject(abilities, row, progress.get(row.id) ?? null);
}

export async function getProject(db: Executor, actor: Actor, projectId: string): Promise<ProjectResponse> {
  const abilities = await loadAbilities(db, actor);
  return presentWithBudget(db, abilities, await findVisibleProject(db, abilities, projectId));
}

/**
 * A project the actor may manage (edit it, its team and its tasks), with the actor's abilities.
 * A project the actor is not on does not exist for them, as in listings.
 */
export async function findManageableProject(
  db: Executor,
  actor: Actor,
  projectId: string,
): Promise<{ project: ProjectRow; abilities: Abilities }> {
  const [abilities, project, membership] = await Promise.all([
    loadAbilities(db, actor),
    findProject(db, actor.accountId, projectId),
    findMembership(db, actor.accountId, projectId, actor.userId),
  ]);
  if (abilities.manageProject(membership)) return { project, abilities };
  if (membership === undefined) throw new NotFoundError('Project');
  throw new AuthorizationError('You cannot manage this project');
}

const decimal = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : toDecimalString(value);

/** The budget type follows the figures given unless it is set explicitly. */
function inferBudgetBy(input: CreateProjectInput) {
  if (input.budget_by !== undefined) return input.budget_by;
  if (input.budget_amount != null) return 'total_fees' as const;
  if (input.budget_hours != null) return 'total_hours' as const;
  return 'none' as const;
}

function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && endsOn < startsOn)
    throw new BusinessRuleError('ends_on must not be before starts_on', 'ends_on');
}

export async function createProject(
  db: Executor,
  actor: Actor,
  input: CreateProjectInput,
): Promise<ProjectResponse> {
  const abilities = await authorize(db, actor, (can) => can.createProjects, 'You cannot create projects');
  checkDates(input.starts_on, input.ends_on);
  const project = await db.transaction(async (tx) => {
    const client = await findClient(tx, actor.accountId, input.client_id, 'client_id');
    if (!client.isActive)
      throw new BusinessRuleError('The client is archived; restore it first', 'client_id');
    const [project] = await tx
      .insert(projects)
      .values({
        id: newId('prj'),
        accountId: actor.accountId,
        clientId: client.id,
        name: input.name,
        code: input.code ?? null,
        billingType: input.billing_type,
        billBy: input.bill_by ?? (input.billing_type === 'non_billable' ? 'none' : 'project'),
        hourlyRate: decimal(input.hourly_rate) ?? null,
        fixedFee: decimal(input.fixed_fee) ?? null,
        budgetBy: inferBudgetBy(input),
        budgetHours: decimal(input.budget_hours) ?? null,
        budgetAmount: decimal(input.budget_amount) ?? null,
        budgetResetsMonthly: input.budget_resets_monthly,
        budgetAlertPercent: input.budget_alert_percent,
        budgetIncludesExpenses: input.budget_includes_expenses,
        showBudgetToAll: input.show_budget_to_all,
        startsOn: input.starts_on ?? null,
        endsOn: input.ends_on ?? null,
        notes: input.notes ?? null,
      })
      .returning();
    if (project === undefined) throw new Error('insert into projects returned no row');

    // The creator manages the project, and the company's default tasks come with it.
    await tx.insert(projectUserAssignments).values({
      id: newId('pua'),
      accountId: actor.accountId,
      projectId: project.id,
      userId: actor.userId,
      isProjectManager: true,
    });
    const defaultTasks = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, actor.accountId), eq(tasks.isDefault, true), eq(tasks.isActive, true)));
    if (defaultTasks.length > 0) {
      await tx.insert(projectTaskAssignments).values(
        defaultTasks.map((task) => ({
          id: newId('pta'),
          accountId: actor.accountId,
          projectId: project.id,
          taskId: task.id,
          isBillable: project.billingType !== 'non_billable' && task.billableByDefault,
        })),
      );
    }
    return project;
  });
  return presentWithBudget(db, abilities, project);
}

/** Managing a project does not by itself let a manager set what it charges. */
export function assertCanSetRates(
  abilities: Abilities,
  input: Record<string, unknown>,
  rateFields: readonly string[],
): void {
  if (abilities.viewBillableRates()) return;
  const field = rateFields.find((name) => input[name] !== undefined);
  if (field !== undefined) throw new AuthorizationError('You cannot view or edit billable rates', field);
}

const PROJECT_RATE_FIELDS = ['hourly_rate', 'fixed_fee', 'budget_amount'] as const;

export async function updateProject(
  db: Executor,
  actor: Actor,
  projectId: string,
  input: UpdateProjectInput,
): Promise<ProjectResponse> {
  const { project: existing, abilities } = await findManageableProject(db, actor, projectId);
  assertCanSetRates(abilities, input, PROJECT_RATE_FIELDS);
  checkDates(input.starts_on ?? existing.startsOn, input.ends_on ?? existing.endsOn);
  if (input.client_id !== undefined) await findClient(db, actor.accountId, input.client_id, 'client_id');
  const [row] = await db
    .update(projects)
    .set({
      name: input.name,
      clientId: input.client_id,
      code: input.code,
      billingType: input.billing_type,
      billBy: input.bill_by,
      hourlyRate: decimal(input.hourly_rate),
      fixedFee: decimal(input.fixed_fee),
      budgetBy: input.budget_by,
      budgetHours: decimal(input.budget_hours),
      budgetAmount: decimal(input.budget_amount),
      budgetResetsMonthly: input.budget_resets_monthly,
      budgetAlertPercent: input.budget_alert_percent,
      budgetIncludesExpenses: input.budget_includes_expenses,
      showBudgetToAll: input.show_budget_to_all,
      startsOn: input.starts_on,
      endsOn: input.ends_on,
      notes: input.notes,
      isActive: input.is_active,
      archivedAt: input.is_active === undefined ? undefined : input.is_active ? null : new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(projects.accountId, actor.accountId), eq(projects.id, projectId)))
    .returning();
  if (row === undefined) throw new NotFoundError('Project');
  return presentWithBudget(db, abilities, row);
}

/** Only a project nobody has tracked time or expenses on can be deleted; archive the others. */
export async function deleteProject(db: Executor, actor: Actor, projectId: string): Promise<void> {
  await findManageableProject(db, actor, projectId);
  await db.transaction(async (tx) => {
    const [timeTracked, expensesLogged] = await Promise.all([
      projectHasTimeEntries(tx, actor.accountId, projectId),
      projectHasExpenses(tx, actor.accountId, projectId),
    ]);
    if (timeTracked || expensesLogged) {
      throw new BusinessRuleError(
        'This project has time entries or expenses; archive it instead of deleting it',
      );
    }
    await tx.delete(projects).where(and(eq(projects.accountId, actor.accountId), eq(projects.id, projectId)));
  });
}
