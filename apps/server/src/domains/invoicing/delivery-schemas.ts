import { z } from 'zod';
import { emailAddress, nonBlank } from '../../http/schemas.ts';
import { invoiceSchema } from './schemas.ts';

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
  subject: nonBlank(500).optional(),
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
  // Never a draft here, so always numbered.
  number: z.string(),
  // The figures and terms are the invoice's own, as the team's API gives them.
  ...invoiceSchema.pick({
    state: true,
    issue_date: true,
    due_date: true,
    payment_term: true,
    subject: true,
    purchase_order: true,
    notes: true,
    period_start: true,
    period_end: true,
    currency: true,
    tax: true,
    tax_label: true,
    tax2: true,
    tax2_label: true,
    discount: true,
    subtotal: true,
    discount_amount: true,
    tax_amount: true,
    tax2_amount: true,
    amount: true,
    paid_amount: true,
    due_amount: true,
    is_overdue: true,
  }).shape,
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
