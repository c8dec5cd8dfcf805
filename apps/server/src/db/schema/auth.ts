import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { users } from './people.ts';

/**
 * Web app sign-ins. The cookie holds a random token; only its SHA-256 is stored, so a leaked
 * database cannot be replayed as sessions. In PostgreSQL so that any server instance can check it.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /**
     * What the session list shows and "sign out" names: not the token's hash, which is the secret's
     * stand-in. Made by the database so that sessions older than the column get one too.
     */
    id: text('id').notNull().default(sql`('ses_' || replace(gen_random_uuid()::text, '-', ''))`),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    /** Where the sign-in came from, shown in the session list. */
    ipAddress: text('ip_address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Kept to the minute: the idle timeout counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The absolute end, whatever the activity: created_at plus the configured lifetime. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId), uniqueIndex('sessions_id_unique').on(table.id)],
);

/** The link a pending user follows to set a password and become active; one live link a user. */
export const invitations = pgTable(
  'invitations',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedById: text('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('invitations_user_unique').on(table.userId)],
);

/**
 * Counted attempts at guessing a secret (sign-in, invitation acceptance, password change), per
 * account and per client address (domains/auth/throttle.ts). In PostgreSQL so that every instance
 * counts the same attempts. The key is a SHA-256 of what is counted ("sign-in:ada@example.com",
 * "address:203.0.113.7"), so the table holds neither emails nor addresses, and is not per workspace:
 * an email names no workspace before sign-in, and an unknown email is counted like a known one.
 */
export const authThrottles = pgTable(
  'auth_throttles',
  {
    keyHash: text('key_hash').primaryKey(),
    attempts: integer('attempts').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  // Quiet counters are purged by age (domains/auth/throttle.ts).
  (table) => [index('auth_throttles_last_attempt_idx').on(table.lastAttemptAt)],
);
