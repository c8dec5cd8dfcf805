import type { Executor } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { findClient } from '../clients/service.ts';
import { projectCodes } from '../projects/codes.ts';
import { findAccount } from '../workspaces/service.ts';
import { presentInvoices } from './present.ts';
import type { InvoiceDocument } from './presentation.ts';
import * as queries from './queries.ts';
import type { InvoiceResponse } from './schemas.ts';
import { workspaceToday } from './service.ts';

/** The client page of an invoice at an origin (PUBLIC_URL, or the address the sender used). */
export function clientPageLink(origin: string, clientKey: string): string {
  return `${origin.replace(/\/+$/, '')}/client/invoices/${clientKey}`;
}

/** An invoice as the API answers it, without an actor: for jobs and the client page, which have none. */
export async function presentedInvoice(
  db: Executor,
  accountId: string,
  id: string,
): Promise<InvoiceResponse> {
  const invoice = await queries.findInvoice(db, accountId, id);
  if (invoice === undefined) throw new NotFoundError('Invoice');
  const [presented] = await presentInvoices(db, accountId, [invoice], await workspaceToday(db, accountId));
  if (presented === undefined) throw new NotFoundError('Invoice');
  return presented;
}

/**
 * Everything the PDF, the emails and the client page show of an invoice: the workspace's and the
 * client's names and addresses, the settings' look, and the client page's link at `origin`.
 */
export async function loadInvoiceDocument(
  db: Executor,
  invoice: InvoiceResponse,
  accountId: string,
  origin: string | null,
): Promise<InvoiceDocument> {
  const settings = await queries.findSettings(db, accountId);
  const projectIds = invoice.line_items.flatMap((line) =>
    line.project_id === null ? [] : [line.project_id],
  );
  const [account, client, logo, codes] = await Promise.all([
    findAccount(db, accountId),
    findClient(db, accountId, invoice.client_id),
    queries.findLogo(db, accountId),
    settings.showProjectCodes ? projectCodes(db, accountId, projectIds) : new Map<string, string>(),
  ]);
  return {
    invoice,
    company: { name: account.name, address: account.address, phone: account.phone },
    client: { name: client.name, address: client.address },
    accentColor: settings.accentColor,
    logo: logo === undefined ? null : { content: logo.content, contentType: logo.contentType },
    projectCodes: codes,
    display: {
      numberFormat: {
        decimalSeparator: account.decimalSeparator,
        thousandsSeparator: account.thousandsSeparator,
      },
      dateFormat: account.dateFormat,
    },
    link: origin === null ? null : clientPageLink(origin, invoice.client_key),
  };
}

/** The PDF's file name: the invoice's number, which the client files it under. */
export function pdfFileName(invoice: Pick<InvoiceResponse, 'number' | 'id'>): string {
  return `Invoice ${invoice.number ?? `draft ${invoice.id}`}.pdf`;
}
