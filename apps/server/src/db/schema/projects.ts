import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { clients } from './clients.ts';
import { hours, money, timestamps } from './common.ts';
import { users } from './people.ts';

export const billingTypeEnum = pgEnum('billing_type', ['time_and_materials', 'fixed_fee', 'non_billable']);
/** Which rate a billable hour is charged at (projects/creating-projects "Bill By"). */
export const billByEnum = pgEnum('bill_by', ['project', 'tasks', 'people', 'none']);
export const budgetByEnum = pgEnum('budget_by', ['none', 'total_hours', 'total_fees', 'task', 'person']);

export const projects = pgTable(
  'projects',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    code: text('code'),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    notes: text('notes'),
    billingType: billingTypeEnum('billing_type').notNull().default('time_and_materials'),
    billBy: billByEnum('bill_by').notNull().default('project'),
    hourlyRate: money('hourly_rate'),
    fixedFee: money('fixed_fee'),
    budgetBy: budgetByEnum('budget_by').notNull().default('none'),
    budgetHours: hours('budget_hours'),
    budgetAmount: money('budget_amount'),
    budgetResetsMonthly: boolean('budget_resets_monthly').notNull().default(false),
    budgetAlertPercent: integer('budget_alert_percent').notNull().default(80),
    budgetIncludesExpenses: boolean('budget_includes_expenses').notNull().default(false),
    showBudgetToAll: boolean('show_budget_to_all').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    index('projects_account_name_idx').on(table.accountId, table.name, table.id),
    index('projects_client_idx').on(table.clientId),
  ],
);

/** Company-level tasks: the shared vocabulary of kinds of work. */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    billableByDefault: boolean('billable_by_default').notNull().default(true),
    defaultHourlyRate: money('default_hourly_rate'),
    /** Added to every new project automatically. */
    isDefault: boolean('is_default').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('tasks_account_name_idx').on(table.accountId, table.name, table.id)],
);

export const projectTaskAssignments = pgTable(
  'project_task_assignments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'restrict' }),
    isBillable: boolean('is_billable').notNull(),
    hourlyRate: money('hourly_rate'),
    budgetHours: hours('budget_hours'),
    budgetAmount: money('budget_amount'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (table) => [uniqueIndex('project_task_assignments_unique').on(table.projectId, table.taskId)],
);

export const projectUserAssignments = pgTable(
  'project_user_assignments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isProjectManager: boolean('is_project_manager').notNull().default(false),
    /** Used when the project bills by person; null means the user's default rate. */
    hourlyRate: money('hourly_rate'),
    budgetHours: hours('budget_hours'),
    budgetAmount: money('budget_amount'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('project_user_assignments_unique').on(table.projectId, table.userId),
    index('project_user_assignments_user_idx').on(table.userId),
  ],
);
