import { integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { apiKeys } from './people.ts';

export const rateLimitWindowEnum = pgEnum('rate_limit_window', ['minute', 'day']);

/**
 * Fixed-window request counters per API key, in PostgreSQL so that every server instance counts
 * against the same numbers. One row per key and window size: a new window resets the row in the
 * same upsert, so the table never grows beyond two rows a key.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    apiKeyId: text('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    window: rateLimitWindowEnum('window').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    /**
     * How many requests the last upsert of this row admitted, returned with the new count so that a
     * statement counting several requests at once knows which of them got in, even when other
     * instances update the row concurrently (http/rate-limit.ts).
     */
    lastAdded: integer('last_added').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.apiKeyId, table.window] })],
);
