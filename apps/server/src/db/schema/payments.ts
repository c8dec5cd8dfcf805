import { pgEnum, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timestamps } from './common.ts';

/** Online payments (docs/decisions/0051-online-payments.md). */
export const paymentProviderEnum = pgEnum('payment_provider', ['stripe', 'paypal']);

/** A workspace's connection to a payment provider: at most one per provider. */
export const paymentGateways = pgTable(
  'payment_gateways',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    provider: paymentProviderEnum('provider').notNull(),
    /** PayPal's sandbox or live; null for Stripe, whose key itself says test or live. */
    mode: text('mode'),
    /** The credentials as JSON, sealed by lib/secret-box.ts: never stored or returned in clear. */
    credentials: text('credentials').notNull(),
    /**
     * The provider's id of the connected account when connected through the operator's platform
     * (Stripe Connect's acct_…): not a secret, and how a platform event finds its workspace.
     */
    externalAccountId: text('external_account_id'),
    ...timestamps,
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.provider] }),
    uniqueIndex('payment_gateways_external_account_unique').on(table.provider, table.externalAccountId),
  ],
);
