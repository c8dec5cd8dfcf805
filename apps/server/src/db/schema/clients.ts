import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timestamps } from './common.ts';

export const clients = pgTable(
  'clients',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    currency: text('currency').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('clients_account_name_idx').on(table.accountId, table.name, table.id)],
);

/** The people at a client who receive invoices. */
export const clientContacts = pgTable(
  'client_contacts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name'),
    title: text('title'),
    email: text('email'),
    phoneOffice: text('phone_office'),
    phoneMobile: text('phone_mobile'),
    fax: text('fax'),
    ...timestamps,
  },
  (table) => [index('client_contacts_client_idx').on(table.clientId)],
);
