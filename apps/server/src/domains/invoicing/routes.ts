import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptRawBodies } from '../../http/raw-body.ts';
import { errorSchema, idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { MAX_LOGO_BYTES } from '../../lib/limits.ts';
import * as payments from './payments.ts';
import { agingReport } from './receivables.ts';
import {
  agingSchema,
  createInvoiceBody,
  createPaymentBody,
  invoiceSchema,
  invoiceSettingsSchema,
  listInvoicesQuery,
  logoResponse,
  paymentParams,
  paymentSchema,
  uninvoicedQuery,
  uninvoicedSchema,
  updateInvoiceBody,
  updateInvoiceSettingsBody,
} from './schemas.ts';
import * as service from './service.ts';
import * as settings from './settings.ts';
import { previewUninvoiced } from './uninvoiced.ts';

const tags = ['Invoices'];
/** The whole module answers 403 feature_disabled while the workspace has Invoicing off (http/features.ts). */
const config = { feature: 'invoicing' } as const;

export function registerInvoiceRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/invoices',
    {
      config,
      schema: {
        operationId: 'listInvoices',
        tags,
        summary: 'List invoices, newest issue date first',
        querystring: listInvoicesQuery,
        response: { 200: pageOf(invoiceSchema), ...standardErrors },
      },
    },
    (request) => service.listInvoices(db, request.actor, request.query),
  );

  app.post(
    '/invoices',
    {
      config,
      schema: {
        operationId: 'createInvoice',
        tags,
        summary: 'Create a draft invoice from lines typed by hand and/or an import of time and expenses',
        description:
          'With `line_items_import`, the billable, uninvoiced time entries and expenses of the projects ' +
          '(approved ones while Approvals is on) become lines grouped by `summary_type`, and are locked ' +
          'as billed on them. Fixed-fee projects bill their fee through `fixed_fee`, not their hours. ' +
          'If another invoice takes some of the same entries at the same moment, the request is 409 ' +
          '`conflict` and nothing is created. A fixed fee already invoiced in another currency than the ' +
          "client's is 422 `unprocessable` (a fee is invoiced in one currency). An import that pulls " +
          'nothing, with no `line_items` beside it, is 422 `unprocessable` and creates nothing: its ' +
          'message says why (the time entries and expenses still awaiting approval, or that nothing is ' +
          'billable and uninvoiced).',
        body: createInvoiceBody,
        response: { 201: invoiceSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createInvoice(db, request.actor, request.body)),
  );

  app.get(
    '/invoices/uninvoiced',
    {
      config,
      schema: {
        operationId: 'previewUninvoiced',
        tags,
        summary:
          "What an import would pull of a client's projects: uninvoiced billable hours, expenses and fees",
        description:
          'Per project, what an import of the period would bill, and in `awaiting_approval` what it ' +
          'leaves out because Approvals is on and the entries are not approved yet. A project with ' +
          'only work awaiting approval is listed too.',
        querystring: uninvoicedQuery,
        response: { 200: uninvoicedSchema, ...standardErrors },
      },
    },
    (request) => previewUninvoiced(db, request.actor, request.query),
  );

  app.get(
    '/invoices/aging',
    {
      config,
      schema: {
        operationId: 'getInvoiceAging',
        tags,
        summary:
          'Outstanding amounts of open invoices per client, by days past due (0-30, 31-60, 61-90, over 90)',
        response: { 200: agingSchema, ...standardErrors },
      },
    },
    (request) => agingReport(db, request.actor),
  );

  app.get(
    '/invoices/:id',
    {
      config,
      schema: {
        operationId: 'getInvoice',
        tags,
        summary: 'Get an invoice with its lines',
        params: idParams,
        response: { 200: invoiceSchema, ...standardErrors },
      },
    },
    (request) => service.getInvoice(db, request.actor, request.params.id),
  );

  app.patch(
    '/invoices/:id',
    {
      config,
      schema: {
        operationId: 'updateInvoice',
        tags,
        summary: 'Update a draft or open invoice; amounts are recomputed by the server',
        description:
          '`line_items` is the full list in order: lines given with their `id` are kept (with the ' +
          'entries they bill), lines without one are added, and lines left out are removed, releasing ' +
          'their entries. Paid and closed invoices are 422 `invoice_locked`. Raising a fixed-fee line ' +
          "above what is left of its project's fee after the fee's lines on other invoices, or while " +
          'some of the fee is invoiced in another currency, is 422 `unprocessable`; lowering it is not.',
        params: idParams,
        body: updateInvoiceBody,
        response: { 200: invoiceSchema, ...standardErrors },
      },
    },
    (request) => service.updateInvoice(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/invoices/:id',
    {
      config,
      schema: {
        operationId: 'deleteInvoice',
        tags,
        summary: 'Delete a draft invoice; its entries are billable again',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteInvoice(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  const transition = (path: string, operationId: string, summary: string, run: typeof service.markSent) =>
    app.post(
      `/invoices/:id/${path}`,
      {
        config,
        schema: {
          operationId,
          tags,
          summary,
          params: idParams,
          response: { 200: invoiceSchema, ...standardErrors },
        },
      },
      (request) => run(db, request.actor, request.params.id),
    );
  transition(
    'mark-sent',
    'markInvoiceSent',
    'Mark an invoice as sent without emailing it: a draft gets its number and opens',
    service.markSent,
  );
  transition(
    'close',
    'closeInvoice',
    'Close an open invoice (written off or cancelled)',
    service.closeInvoice,
  );
  transition('reopen', 'reopenInvoice', 'Reopen a closed invoice', service.reopenInvoice);

  app.get(
    '/invoices/:id/payments',
    {
      config,
      schema: {
        operationId: 'listInvoicePayments',
        tags,
        summary: "An invoice's payments by date, each with the balance left after it",
        params: idParams,
        response: { 200: z.object({ data: z.array(paymentSchema) }), ...standardErrors },
      },
    },
    async (request) => ({ data: await payments.listPayments(db, request.actor, request.params.id) }),
  );

  app.post(
    '/invoices/:id/payments',
    {
      config,
      schema: {
        operationId: 'createInvoicePayment',
        tags,
        summary: 'Record a payment; the invoice is paid when nothing is left due',
        description: 'An amount over what is due is 422 `unprocessable`.',
        params: idParams,
        body: createPaymentBody,
        response: { 201: paymentSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await payments.createPayment(db, request.actor, request.params.id, request.body)),
  );

  app.delete(
    '/invoices/:id/payments/:paymentId',
    {
      config,
      schema: {
        operationId: 'deleteInvoicePayment',
        tags,
        summary: 'Delete a payment; a paid invoice opens again',
        params: paymentParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await payments.deletePayment(db, request.actor, request.params.id, request.params.paymentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invoice-settings',
    {
      config,
      schema: {
        operationId: 'getInvoiceSettings',
        tags,
        summary: 'Invoice numbering, terms, taxes, appearance, email templates and item categories',
        response: { 200: invoiceSettingsSchema, ...standardErrors },
      },
    },
    (request) => settings.getInvoiceSettings(db, request.actor),
  );

  app.patch(
    '/invoice-settings',
    {
      config,
      schema: {
        operationId: 'updateInvoiceSettings',
        tags,
        summary: 'Change the invoice settings (administrators)',
        body: updateInvoiceSettingsBody,
        response: { 200: invoiceSettingsSchema, ...standardErrors },
      },
    },
    (request) => settings.updateInvoiceSettings(db, request.actor, request.body),
  );

  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Only this route takes a body of any type: the image's type is decided from its bytes.
    acceptRawBodies(scope, MAX_LOGO_BYTES);
    scope.put(
      '/invoice-settings/logo',
      {
        config,
        schema: {
          operationId: 'putInvoiceLogo',
          tags,
          summary: 'Upload the invoice logo (PNG, JPEG or GIF, at most 2 MB) as the raw request body',
          description:
            'The type is decided from the bytes: anything else is 415 `unsupported_media_type`, a larger ' +
            'file 413 `file_too_large`. Administrators only.',
          response: { 200: invoiceSettingsSchema, ...standardErrors, 413: errorSchema, 415: errorSchema },
        },
      },
      (request) => settings.putInvoiceLogo(db, request.actor, request.body),
    );
  });

  app.get(
    '/invoice-settings/logo',
    {
      config,
      schema: {
        operationId: 'getInvoiceLogo',
        tags,
        summary: 'Download the invoice logo',
        response: { 200: logoResponse, ...standardErrors },
      },
    },
    async (request, reply) => {
      const logo = await settings.readInvoiceLogo(db, request.actor);
      return (
        reply
          .header('content-type', logo.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          // Fastify sends a Buffer as it is; the string schema only documents the bytes for OpenAPI.
          .send(logo.content as unknown as string)
      );
    },
  );

  app.delete(
    '/invoice-settings/logo',
    {
      config,
      schema: {
        operationId: 'deleteInvoiceLogo',
        tags,
        summary: 'Remove the invoice logo',
        response: { 200: invoiceSettingsSchema, ...standardErrors },
      },
    },
    (request) => settings.deleteInvoiceLogo(db, request.actor),
  );
}
