import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterNameCursor } from '../../db/keyset.ts';
import { clientContacts, clients, projects } from '../../db/schema/index.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { findAccount } from '../workspaces/service.ts';
import type {
  ClientResponse,
  ContactResponse,
  CreateClientInput,
  CreateContactInput,
  ListClientsFilters,
  UpdateClientInput,
  UpdateContactInput,
} from './schemas.ts';

type ClientRow = typeof clients.$inferSelect;
type ContactRow = typeof clientContacts.$inferSelect;

/** What a caller the permission map does not let manage clients and tasks is told (clients and tasks alike). */
export const DIRECTORY_REFUSAL = 'You cannot manage clients and tasks';

function presentClient(row: ClientRow): ClientResponse {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    currency: row.currency,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function presentContact(row: ContactRow): ContactResponse {
  return {
    id: row.id,
    client_id: row.clientId,
    first_name: row.firstName,
    last_name: row.lastName,
    title: row.title,
    email: row.email,
    phone_office: row.phoneOffice,
    phone_mobile: row.phoneMobile,
    fax: row.fax,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function findClient(db: Executor, accountId: string, clientId: string, field?: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.accountId, accountId), eq(clients.id, clientId)))
    .limit(1);
  if (row === undefined) throw new NotFoundError('Client', field);
  return row;
}

export async function listClients(
  db: Executor,
  actor: Actor,
  filters: ListClientsFilters,
): Promise<Page<ClientResponse>> {
  const conditions: (SQL | undefined)[] = [
    eq(clients.accountId, actor.accountId),
    afterNameCursor(clients.name, clients.id, filters.cursor),
  ];
  if (filters.is_active !== undefined) conditions.push(eq(clients.isActive, filters.is_active));
  const rows = await db
    .select()
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.name), asc(clients.id))
    .limit(filters.limit + 1);
  return toPage(rows, filters.limit, presentClient, (row) => [row.name, row.id]);
}

export async function getClient(db: Executor, actor: Actor, clientId: string): Promise<ClientResponse> {
  return presentClient(await findClient(db, actor.accountId, clientId));
}

export async function createClient(
  db: Executor,
  actor: Actor,
  input: CreateClientInput,
): Promise<ClientResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const currency = input.currency ?? (await findAccount(db, actor.accountId)).currency;
  const [row] = await db
    .insert(clients)
    .values({
      id: newId('cli'),
      accountId: actor.accountId,
      name: input.name,
      address: input.address ?? null,
      phone: input.phone ?? null,
      currency,
    })
    .returning();
  if (row === undefined) throw new Error('insert into clients returned no row');
  return presentClient(row);
}

export async function updateClient(
  db: Executor,
  actor: Actor,
  clientId: string,
  input: UpdateClientInput,
): Promise<ClientResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const [row] = await db
    .update(clients)
    .set({
      name: input.name,
      address: input.address,
      phone: input.phone,
      currency: input.currency,
      isActive: input.is_active,
      archivedAt: input.is_active === undefined ? undefined : input.is_active ? null : new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(clients.accountId, actor.accountId), eq(clients.id, clientId)))
    .returning();
  if (row === undefined) throw new NotFoundError('Client');
  return presentClient(row);
}

/** Only a client with no projects can be deleted; archiving keeps history and is preferred. */
export async function deleteClient(db: Executor, actor: Actor, clientId: string): Promise<void> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  await db.transaction(async (tx) => {
    await findClient(tx, actor.accountId, clientId);
    const [usage] = await tx
      .select({ projects: count() })
      .from(projects)
      .where(and(eq(projects.accountId, actor.accountId), eq(projects.clientId, clientId)));
    if ((usage?.projects ?? 0) > 0) {
      throw new BusinessRuleError('This client has projects; archive it instead of deleting it');
    }
    await tx.delete(clients).where(and(eq(clients.accountId, actor.accountId), eq(clients.id, clientId)));
  });
}

/**
 * Where a client's invoices go by default: its contacts' email addresses (clients/managing-clients,
 * "Email — Used for sending invoices"), in the order the contacts list shows them.
 */
export async function billingEmailsOf(db: Executor, accountId: string, clientId: string): Promise<string[]> {
  const rows = await db
    .select({ email: clientContacts.email })
    .from(clientContacts)
    .where(and(eq(clientContacts.accountId, accountId), eq(clientContacts.clientId, clientId)))
    .orderBy(asc(clientContacts.firstName), asc(clientContacts.id));
  return rows.flatMap(({ email }) => (email === null || email.trim() === '' ? [] : [email]));
}

export async function listContacts(db: Executor, actor: Actor, clientId: string): Promise<ContactResponse[]> {
  await findClient(db, actor.accountId, clientId);
  const rows = await db
    .select()
    .from(clientContacts)
    .where(and(eq(clientContacts.accountId, actor.accountId), eq(clientContacts.clientId, clientId)))
    .orderBy(asc(clientContacts.firstName), asc(clientContacts.id));
  return rows.map(presentContact);
}

export async function createContact(
  db: Executor,
  actor: Actor,
  clientId: string,
  input: CreateContactInput,
): Promise<ContactResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  await findClient(db, actor.accountId, clientId);
  const [row] = await db
    .insert(clientContacts)
    .values({
      id: newId('con'),
      accountId: actor.accountId,
      clientId,
      firstName: input.first_name,
      lastName: input.last_name ?? null,
      title: input.title ?? null,
      email: input.email ?? null,
      phoneOffice: input.phone_office ?? null,
      phoneMobile: input.phone_mobile ?? null,
      fax: input.fax ?? null,
    })
    .returning();
  if (row === undefined) throw new Error('insert into client_contacts returned no row');
  return presentContact(row);
}

export async function updateContact(
  db: Executor,
  actor: Actor,
  clientId: string,
  contactId: string,
  input: UpdateContactInput,
): Promise<ContactResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const [row] = await db
    .update(clientContacts)
    .set({
      firstName: input.first_name,
      lastName: input.last_name,
      title: input.title,
      email: input.email,
      phoneOffice: input.phone_office,
      phoneMobile: input.phone_mobile,
      fax: input.fax,
      updatedAt: new Date(),
    })
    .where(contactScope(actor, clientId, contactId))
    .returning();
  if (row === undefined) throw new NotFoundError('Contact');
  return presentContact(row);
}

export async function deleteContact(db: Executor, actor: Actor, clientId: string, contactId: string) {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const [row] = await db
    .delete(clientContacts)
    .where(contactScope(actor, clientId, contactId))
    .returning({ id: clientContacts.id });
  if (row === undefined) throw new NotFoundError('Contact');
}

function contactScope(actor: Actor, clientId: string, contactId: string) {
  return and(
    eq(clientContacts.accountId, actor.accountId),
    eq(clientContacts.clientId, clientId),
    eq(clientContacts.id, contactId),
  );
}
