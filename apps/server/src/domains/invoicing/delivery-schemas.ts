import { z } from 'zod';
import { emailAddress } from '../../http/schemas.ts';
import { invoiceSchema, invoiceStateSchema, paymentTermSchema } from './schemas.ts';

/**
 * What the client receives: the email, the PDF and the client page (issue 15, "Sending, the PDF,
 * and the client page"; docs/decisions/0030-invoice-documents.md, 0031-invoice-emails.md,
 * 0032-client-invoice-page.md).
 */

export const invoiceMessageKindSchema = z.enum(['invoice', 'reminder', 'thank_you']);

export const sendInvoiceBody = z.object({
  /**
   * Which template: `invoice` (the default) sends the invoice and opens a draft, giving it its
   * number; `reminder` and `thank_you` are the payment reminder and the thank-you message.
   */
  message: invoiceMessageKindSchema.default('invoice'),
  /** Default: the client's contacts that have an email address. */
  to: z.array(emailAddress).min(1).max(20).optional(),
  /** Send a copy to the caller's own address. */
  cc_me: z.boolean().default(false),
  /** Default: the template's. May use {number}, {company}, {client}, {amount}, {due_date} and {link}. */
  subject: z.string().trim().min(1).max(500).optional(),
  /** Default: the template's; the template's footer is added below it either way. */
  body: z.string().max(20_000).optional(),
  attach_pdf: z.boolean().default(true),
});

export const invoiceMessageSchema = z.object({
  message: invoiceMessageKindSchema,
  to: z.array(z.string()),
  cc: z.array(z.string()),
  /** As sent: the placeholders filled. */
  subject: z.string(),
  /** The body with the footer, as sent. */
  body: z.string(),
  attach_pdf: z.boolean(),
  /** The invoice after sending: an invoice message opens a draft and gives it its number. */
  invoice: invoiceSchema,
});

export const clientKeyParams = z.object({
  /** The invoice's client key, from the link in the invoice email. */
  key: z.string().min(1).max(100),
});

/** The client page's view of an invoice: what the client may see, without the team's ids. */
export const clientInvoiceSchema = z.object({
  company: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
  client: z.object({ name: z.string(), address: z.string().nullable() }),
  number: z.string(),
  state: invoiceStateSchema,
  issue_date: z.string(),
  due_date: z.string(),
  payment_term: paymentTermSchema,
  subject: z.string().nullable(),
  purchase_order: z.string().nullable(),
  notes: z.string().nullable(),
  period_start: z.string().nullable(),
  period_end: z.string().nullable(),
  currency: z.string(),
  tax: z.number().nullable(),
  tax_label: z.string().nullable(),
  tax2: z.number().nullable(),
  tax2_label: z.string().nullable(),
  discount: z.number().nullable(),
  subtotal: z.number(),
  discount_amount: z.number(),
  tax_amount: z.number(),
  tax2_amount: z.number(),
  amount: z.number(),
  paid_amount: z.number(),
  due_amount: z.number(),
  is_overdue: z.boolean(),
  line_items: z.array(
    z.object({
      kind: z.string(),
      description: z.string(),
      /** The project's code, when the invoice settings show project codes. */
      project_code: z.string().nullable(),
      quantity: z.number(),
      unit_price: z.number(),
      amount: z.number(),
    }),
  ),
  /** Payments received, oldest first, each with what was still due after it. */
  payments: z.array(z.object({ paid_date: z.string(), amount: z.number(), balance: z.number() })),
  accent_color: z.string(),
  /** The workspace's logo for this page, or null without one. */
  logo_url: z.string().nullable(),
  /** The PDF of this invoice, by the same key. */
  pdf_url: z.string(),
  /** How the workspace writes dates and numbers, so the page shows the figures as the PDF does. */
  display: z.object({
    date_format: z.string(),
    decimal_separator: z.enum(['.', ',']),
    thousands_separator: z.enum([',', '.', ' ']),
  }),
});

export type SendInvoiceInput = z.infer<typeof sendInvoiceBody>;
export type InvoiceMessageResponse = z.infer<typeof invoiceMessageSchema>;
export type ClientInvoiceResponse = z.infer<typeof clientInvoiceSchema>;
