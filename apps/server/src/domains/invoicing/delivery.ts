/**
 * Invoice emails (invoicing/sending-invoices): the invoice itself, the payment reminder and the
 * thank-you, each from its template in the invoice settings, sent through the job queue
 * (docs/decisions/0031-invoice-emails.md).
 */
import type { Database, Executor } from '../../db/client.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import { escapeHtml, type Mailer, type MailMessage } from '../../lib/mail.ts';
import type { Actor } from '../access/actor.ts';
import { billingEmailsOf } from '../clients/service.ts';
import { findUserInAccount } from '../people/queries.ts';
import { assertCanSend, findReachableInvoice, invoicingAccess } from './access.ts';
import type { InvoiceMessageResponse, SendInvoiceInput } from './delivery-schemas.ts';
import { loadInvoiceDocument, pdfFileName, presentedInvoice } from './document.ts';
import { renderInvoicePdf } from './pdf.ts';
import type { InvoiceDocument } from './presentation.ts';
import type { SettingsRow } from './queries.ts';
import * as queries from './queries.ts';
import type { InvoiceResponse } from './schemas.ts';
import { recordSending } from './service.ts';
import { fillTemplate, templateValues } from './templates.ts';

export type MessageKind = SendInvoiceInput['message'];

/** A message before its fields are filled: the sender's subject and body, or the template's. */
export interface MessageTemplate {
  subject: string;
  body: string;
  footer: string;
}

function templateOf(settings: SettingsRow, kind: MessageKind): MessageTemplate {
  switch (kind) {
    case 'invoice':
      return { subject: settings.sendSubject, body: settings.sendBody, footer: settings.sendFooter };
    case 'reminder':
      return {
        subject: settings.reminderSubject,
        body: settings.reminderBody,
        footer: settings.reminderFooter,
      };
    case 'thank_you':
      return {
        subject: settings.thankYouSubject,
        body: settings.thankYouBody,
        footer: settings.thankYouFooter,
      };
  }
}

/** The subject and text as the client reads them: fields filled, the footer under the body. */
export function composeMessage(
  document: InvoiceDocument,
  template: MessageTemplate,
): { subject: string; text: string } {
  const values = templateValues(document);
  const footer = fillTemplate(template.footer, values).trim();
  const body = fillTemplate(template.body, values).trimEnd();
  return {
    // A subject is one line: a line break typed into the template must not become a mail header.
    subject: fillTemplate(template.subject, values)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    text: footer === '' ? body : `${body}\n\n--\n${footer}`,
  };
}

/** The HTML part: the text's paragraphs, escaped, with the client page's link made a link. */
function htmlOf(text: string, link: string | null): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => {
    let html = escapeHtml(paragraph).replace(/\n/g, '<br>');
    if (link !== null) {
      const escaped = escapeHtml(link);
      html = html.split(escaped).join(`<a href="${escaped}">${escaped}</a>`);
    }
    return `<p>${html}</p>`;
  });
  return paragraphs.join('\n');
}

/** Why a message of this kind cannot go out about an invoice in its state, or null. */
function refusal(kind: MessageKind, invoice: InvoiceResponse): string | null {
  if (kind === 'invoice' && invoice.state === 'closed')
    return 'A closed invoice cannot be sent; reopen it first';
  if (kind === 'reminder' && invoice.state !== 'open') return 'A payment reminder is for an open invoice';
  if (kind === 'thank_you' && invoice.paid_amount === 0)
    return 'A thank-you is for an invoice with a payment recorded';
  return null;
}

/**
 * POST /invoices/:id/send. Sending the invoice opens a draft and gives it its number (sending again
 * resends); the mail is queued in the same transaction, so it goes out if and only if the invoice
 * was sent. Answers with the subject and body as they will read.
 */
export async function sendInvoice(
  db: Database,
  mailer: Mailer,
  actor: Actor,
  id: string,
  input: SendInvoiceInput,
  origin: string,
): Promise<InvoiceMessageResponse> {
  if (!mailer.enabled) {
    throw new BusinessRuleError(
      'This server sends no email (SMTP_URL is not set): mark the invoice as sent instead',
    );
  }
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const row = await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertCanSend(access);
    const before = await presentedInvoice(tx, actor.accountId, id);
    const refused = refusal(input.message, before);
    if (refused !== null) throw new BusinessRuleError(refused, 'message');
    // A paid invoice is resent as it is (a copy for the client's records); a draft is issued.
    if (input.message === 'invoice' && row.state !== 'paid') await recordSending(tx, row, new Date());

    const to = input.to ?? (await billingEmailsOf(tx, actor.accountId, row.clientId));
    if (to.length === 0) {
      throw new BusinessRuleError(
        'The client has no contact with an email address: give the recipients in `to`',
        'to',
      );
    }
    const cc = input.cc_me ? [(await findUserInAccount(tx, actor.accountId, actor.userId)).email] : [];
    const settings = await queries.findSettings(tx, actor.accountId);
    const saved = templateOf(settings, input.message);
    const template = {
      subject: input.subject ?? saved.subject,
      body: input.body ?? saved.body,
      footer: saved.footer,
    };
    const invoice = await presentedInvoice(tx, actor.accountId, id);
    const composed = composeMessage(
      await loadInvoiceDocument(tx, invoice, actor.accountId, mailer.publicUrl ?? origin),
      template,
    );
    await enqueue(tx, 'send-invoice-email', {
      accountId: actor.accountId,
      invoiceId: id,
      message: input.message,
      to,
      cc,
      template,
      attachPdf: input.attach_pdf,
      linkOrigin: mailer.publicUrl ?? origin,
    });
    return {
      message: input.message,
      to,
      cc,
      subject: composed.subject,
      body: composed.text,
      attach_pdf: input.attach_pdf,
      invoice,
    };
  });
}

/**
 * Queues the thank-you a settled invoice gets when the settings ask for it, in the transaction that
 * recorded the payment (invoicing/sending-invoices, "Thank You"). Nothing is queued for a client
 * without an email contact: there is nobody to thank, and the payment stands.
 */
export async function queueThankYouOnPayment(
  tx: Executor,
  accountId: string,
  invoiceId: string,
): Promise<void> {
  const settings = await queries.findSettings(tx, accountId);
  if (!settings.thankYouOnPayment) return;
  const invoice = await queries.findInvoice(tx, accountId, invoiceId);
  if (invoice === undefined) return;
  const to = await billingEmailsOf(tx, accountId, invoice.clientId);
  if (to.length === 0) return;
  await enqueue(tx, 'send-invoice-email', {
    accountId,
    invoiceId,
    message: 'thank_you',
    to,
    cc: [],
    template: templateOf(settings, 'thank_you'),
    attachPdf: false,
    linkOrigin: null,
  });
}

/**
 * Runs the send-invoice-email job: fills the template and draws the PDF from the invoice as it is
 * now (its current client key, so a regenerated key's old link is never mailed) and sends it.
 */
export async function sendInvoiceEmail(
  db: Database,
  mailer: Mailer,
  payload: JobPayload<'send-invoice-email'>,
): Promise<'sent' | 'mail is off' | 'invoice gone'> {
  if (!mailer.enabled) return 'mail is off';
  const found = await queries.findInvoice(db, payload.accountId, payload.invoiceId);
  if (found === undefined) return 'invoice gone';
  const invoice = await presentedInvoice(db, payload.accountId, payload.invoiceId);
  const origin = payload.linkOrigin ?? mailer.publicUrl ?? null;
  const document = await loadInvoiceDocument(db, invoice, payload.accountId, origin);
  const { subject, text } = composeMessage(document, payload.template);
  const message: MailMessage = {
    to: payload.to,
    cc: payload.cc,
    subject,
    text,
    html: htmlOf(text, document.link),
    ...(payload.attachPdf && {
      attachments: [
        {
          filename: pdfFileName(invoice),
          content: await renderInvoicePdf(document),
          contentType: 'application/pdf',
        },
      ],
    }),
  };
  await mailer.send(message);
  return 'sent';
}
