/**
 * Who reaches which invoices (docs/decisions/0027-invoice-numbering-and-states.md): administrators
 * every invoice; managers who may draft or send invoices those of the projects they manage; members
 * none. What each may do with them is abilities.ts's (draftInvoices, sendInvoices).
 */
import type { Executor } from '../../db/client.ts';
import { AuthorizationError, InvoiceLockedError, NotFoundError } from '../../lib/errors.ts';
import { type Abilities, loadAbilities, requireAbility } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { managedProjectIds } from '../projects/queries.ts';
import type { InvoiceScope, InvoiceWithClient } from './queries.ts';
import * as queries from './queries.ts';

export interface InvoicingAccess {
  abilities: Abilities;
  scope: InvoiceScope;
}

const NO_INVOICES = 'You cannot see invoices';

/** The actor's abilities and invoice scope; refuses people who see no invoices. */
export async function invoicingAccess(db: Executor, actor: Actor): Promise<InvoicingAccess> {
  const abilities = await loadAbilities(db, actor);
  requireAbility(abilities.viewInvoices, NO_INVOICES);
  const scope: InvoiceScope = abilities.invoiceEveryProject
    ? { kind: 'all' }
    : {
        kind: 'projects',
        projectIds: await managedProjectIds(db, actor.accountId, actor.userId),
        userId: actor.userId,
      };
  return { abilities, scope };
}

/** Refuses projects outside the actor's scope (a manager's projects they do not manage). */
export function assertProjectsInScope(
  access: InvoicingAccess,
  projectIds: Iterable<string>,
  field: string,
): void {
  const { scope } = access;
  if (scope.kind === 'all') return;
  for (const projectId of projectIds) {
    if (!scope.projectIds.includes(projectId)) {
      throw new AuthorizationError('You can only invoice the projects you manage', field);
    }
  }
}

/** An invoice the actor reaches; others do not exist for them (404, as in the list). */
export async function findReachableInvoice(
  db: Executor,
  access: InvoicingAccess,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceWithClient> {
  const { accountId } = access.abilities.actor;
  const invoice = await queries.findInvoice(db, accountId, id, options);
  if (invoice === undefined || !(await queries.invoiceInScope(db, accountId, id, access.scope))) {
    throw new NotFoundError('Invoice');
  }
  return invoice;
}

/**
 * Drafts are edited by whoever may draft invoices; an open invoice (already with the client) only
 * by those who may send them; paid and closed ones by nobody.
 */
export function assertEditable(access: InvoicingAccess, invoice: Pick<InvoiceWithClient, 'state'>): void {
  if (invoice.state === 'paid' || invoice.state === 'closed') throw new InvoiceLockedError(invoice.state);
  const { abilities } = access;
  if (invoice.state === 'draft') {
    requireAbility(abilities.draftInvoices || abilities.sendInvoices, 'You cannot edit invoices');
  } else {
    requireAbility(abilities.sendInvoices, 'You cannot edit invoices that were sent');
  }
}

export function assertCanSend(access: InvoicingAccess): void {
  requireAbility(access.abilities.sendInvoices, 'You cannot send invoices or record their payments');
}
