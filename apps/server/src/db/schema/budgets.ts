import { pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { money } from './common.ts';
import { projects } from './projects.ts';

export const budgetAlertLevelEnum = pgEnum('budget_alert_level', ['warning', 'over']);

/**
 * The budget alerts sent (domains/reports/budget-alerts.ts): one row per project, budget period and
 * level, so each crossing is mailed once (docs/decisions/0038-budget-alerts.md). The budget figure is
 * part of the key: a budget raised after an alert can be crossed, and alerted, again.
 */
export const budgetAlerts = pgTable(
  'budget_alerts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The month of a monthly budget (YYYY-MM), or `life` for a budget over the project's life. */
    period: text('period').notNull(),
    level: budgetAlertLevelEnum('level').notNull(),
    /** Hours, or an amount in the project's currency, as the budget stood when crossed. */
    budget: money('budget').notNull(),
    spent: money('spent').notNull(),
    crossedAt: timestamp('crossed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('budget_alerts_crossing_unique').on(table.projectId, table.period, table.level, table.budget),
  ],
);
