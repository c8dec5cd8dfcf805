import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { users } from './people.ts';

/**
 * Security events of a workspace (domains/audit): who did what, when and from where. Append-only;
 * the actor is kept as an id and the people it names keep their rows (archived, not deleted), so
 * the log outlives what it describes. Ids are time-ordered, so the newest first is id descending.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** sign_in.succeeded, api_key.created, user.archived ... (domains/audit/schemas.ts). */
    action: text('action').notNull(),
    /** Who did it; null when nobody was signed in (a failed sign-in). */
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The API key the actor used, when it was one rather than a browser session. */
    actorApiKeyId: text('actor_api_key_id'),
    /** What it was done to: a user id, an API key id. */
    targetId: text('target_id'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    /** What changed, e.g. {"from": "member", "to": "manager"}. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('audit_events_account_idx').on(table.accountId, table.id)],
);
