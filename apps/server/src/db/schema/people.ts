import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { hours, money, timestamps } from './common.ts';

export const userTypeEnum = pgEnum('user_type', ['human', 'agent']);
export const roleEnum = pgEnum('user_role', ['member', 'manager', 'administrator']);
export const userStatusEnum = pgEnum('user_status', ['pending', 'active', 'archived']);
export const employmentTypeEnum = pgEnum('employment_type', ['employee', 'contractor']);

/** What an administrator lets a manager do beyond the manager defaults (team-management/roles-permissions). */
export interface ManagerPermissions {
  create_projects: boolean;
  view_billable_rates: boolean;
  draft_invoices: boolean;
  send_invoices: boolean;
  manage_clients_and_tasks: boolean;
  edit_team_entries: boolean;
  withdraw_approvals: boolean;
}

export const DEFAULT_MANAGER_PERMISSIONS: ManagerPermissions = {
  create_projects: false,
  view_billable_rates: false,
  draft_invoices: true,
  send_invoices: false,
  manage_clients_and_tasks: false,
  edit_team_entries: true,
  withdraw_approvals: false,
};

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    userType: userTypeEnum('user_type').notNull().default('human'),
    role: roleEnum('role').notNull().default('member'),
    status: userStatusEnum('status').notNull().default('active'),
    employmentType: employmentTypeEnum('employment_type').notNull().default('employee'),
    businessRoles: text('business_roles').array().notNull().default(sql`'{}'::text[]`),
    billableRate: money('billable_rate'),
    costRate: money('cost_rate'),
    weeklyCapacity: hours('weekly_capacity'),
    timezone: text('timezone'),
    /** Personal settings: null follows the workspace's time_format. */
    timeFormat: text('time_format').$type<'12h' | '24h'>(),
    /** Profile fields (settings/personal-settings); `name` is kept as their join for display. */
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    /** The kinds of email this person turned on or off; a kind not named follows its default (domains/notifications/kinds.ts). */
    notificationPreferences: jsonb('notification_preferences')
      .$type<Partial<Record<string, boolean>>>()
      .notNull()
      .default({}),
    /** The secret in this person's unsubscribe links, made when their first notification is sent. */
    unsubscribeToken: text('unsubscribe_token'),
    managerPermissions: jsonb('manager_permissions').$type<ManagerPermissions>(),
    passwordHash: text('password_hash'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('users_account_email_unique').on(table.accountId, sql`lower(${table.email})`),
    index('users_account_name_idx').on(table.accountId, table.name, table.id),
    uniqueIndex('users_unsubscribe_token_unique').on(table.unsubscribeToken),
  ],
);

/** A manager sees and approves the time of the teammates assigned to them, and no one else's. */
export const managerTeammates = pgTable(
  'manager_teammates',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    managerId: text('manager_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    teammateId: text('teammate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.managerId, table.teammateId] })],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key, hex; the key itself is never stored. */
    hash: text('hash').notNull().unique(),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('api_keys_account_id_idx').on(table.accountId, table.id),
    index('api_keys_user_idx').on(table.userId, table.id),
  ],
);
