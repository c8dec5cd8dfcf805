import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import type { Mailer } from '../../lib/mail.ts';
import { contentDisposition } from '../expenses/receipts/file.ts';
import { documentByKey, logoByKey, regenerateClientKey, viewClientInvoice } from './client-page.ts';
import { sendInvoice } from './delivery.ts';
import {
  clientInvoiceSchema,
  clientKeyParams,
  invoiceMessageSchema,
  sendInvoiceBody,
} from './delivery-schemas.ts';
import { loadInvoiceDocument, pdfFileName } from './document.ts';
import { renderInvoicePdf } from './pdf.ts';
import type { InvoiceDocument } from './presentation.ts';
import { invoiceSchema, logoResponse } from './schemas.ts';
import { getInvoice } from './service.ts';

export interface DeliveryDeps extends RouteDeps {
  mailer: Mailer;
}

const tags = ['Invoices'];
const pdfResponse = z.string().meta({ format: 'binary', description: 'The invoice as a PDF' });

/** Where the client page is: PUBLIC_URL, else the address this request came to (as invitation links). */
function originOf(request: FastifyRequest, mailer: Mailer): string {
  return mailer.publicUrl ?? `${request.protocol}://${request.host}`;
}

async function sendPdf(reply: FastifyReply, document: InvoiceDocument) {
  const pdf = await renderInvoicePdf(document);
  return (
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(pdfFileName(document.invoice)))
      .header('cache-control', 'private, no-store')
      // Fastify sends a Buffer as it is; the string schema only documents the bytes for OpenAPI.
      .send(pdf as unknown as string)
  );
}

/** The PDF, sending, and the client page's key: what the client receives (issue 15). */
export function registerInvoiceDeliveryRoutes(app: ApiInstance, { db, mailer }: DeliveryDeps): void {
  const config = { feature: 'invoicing' as const };

  app.get(
    '/invoices/:id/pdf',
    {
      config,
      schema: {
        operationId: 'getInvoicePdf',
        tags,
        summary: 'Download the invoice as a PDF, with the figures the API answers',
        params: idParams,
        response: { 200: { content: { 'application/pdf': { schema: pdfResponse } } }, ...standardErrors },
      },
    },
    async (request, reply) => {
      const invoice = await getInvoice(db, request.actor, request.params.id);
      return sendPdf(
        reply,
        await loadInvoiceDocument(db, invoice, request.actor.accountId, originOf(request, mailer)),
      );
    },
  );

  app.post(
    '/invoices/:id/send',
    {
      config,
      schema: {
        operationId: 'sendInvoice',
        tags,
        summary: 'Email the invoice, a payment reminder or a thank-you from the templates; a draft opens',
        description:
          'Queues the email (with the PDF attached unless `attach_pdf` is false) and, for `message: "invoice"`, ' +
          'opens a draft and gives it its number; sending again resends. Subject and body default to the ' +
          "invoice settings' templates, whose {number}, {company}, {client}, {amount}, {due_date} and {link} " +
          'are filled in. 422 when the server sends no email, when the client has no contact with an email ' +
          "address and `to` is not given, or when the message does not fit the invoice's state.",
        params: idParams,
        body: sendInvoiceBody,
        response: { 200: invoiceMessageSchema, ...standardErrors },
      },
    },
    (request) =>
      sendInvoice(db, mailer, request.actor, request.params.id, request.body, originOf(request, mailer)),
  );

  app.post(
    '/invoices/:id/regenerate-key',
    {
      config,
      schema: {
        operationId: 'regenerateInvoiceClientKey',
        tags,
        summary: 'Give the invoice a new client page key: links sent before stop working',
        params: idParams,
        response: { 200: invoiceSchema, ...standardErrors },
      },
    },
    (request) => regenerateClientKey(db, request.actor, request.params.id),
  );
}

const publicErrors = { 400: errorSchema, 404: errorSchema, 500: errorSchema };

/** The client page's API: no session, the invoice's key is the credential. */
export function registerPublicInvoiceRoutes(app: ApiInstance, { db, mailer }: DeliveryDeps): void {
  const publicTags = ['Client invoice page'];

  app.get(
    '/client/invoices/:key',
    {
      schema: {
        operationId: 'getClientInvoice',
        tags: publicTags,
        summary: 'An invoice as its client sees it, by the key in its link; the first view is recorded',
        security: [],
        params: clientKeyParams,
        response: { 200: clientInvoiceSchema, ...publicErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return viewClientInvoice(db, request.params.key, originOf(request, mailer));
    },
  );

  app.get(
    '/client/invoices/:key/pdf',
    {
      schema: {
        operationId: 'getClientInvoicePdf',
        tags: publicTags,
        summary: 'The PDF of an invoice, by the key in its link',
        security: [],
        params: clientKeyParams,
        response: { 200: { content: { 'application/pdf': { schema: pdfResponse } } }, ...publicErrors },
      },
    },
    async (request, reply) => {
      const { document } = await documentByKey(db, request.params.key, originOf(request, mailer));
      return sendPdf(reply, document);
    },
  );

  app.get(
    '/client/invoices/:key/logo',
    {
      schema: {
        operationId: 'getClientInvoiceLogo',
        tags: publicTags,
        summary: "The invoicing workspace's logo, for the client page",
        security: [],
        params: clientKeyParams,
        response: { 200: logoResponse, ...publicErrors },
      },
    },
    async (request, reply) => {
      const logo = await logoByKey(db, request.params.key);
      return reply
        .header('content-type', logo.contentType)
        .header('cache-control', 'private, max-age=300')
        .send(logo.content as unknown as string);
    },
  );
}
