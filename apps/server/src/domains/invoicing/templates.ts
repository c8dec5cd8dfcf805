import { type InvoiceDocument, invoiceTitle, writerOf } from './presentation.ts';

/** The fields an invoice email's subject, body and footer may use (invoicing/invoice-settings). */
export const TEMPLATE_FIELDS = ['number', 'company', 'client', 'amount', 'due_date', 'link'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const PLACEHOLDER = new RegExp(`\\{(${TEMPLATE_FIELDS.join('|')})\\}`, 'g');

/**
 * Fills `{number}`, `{company}`, `{client}`, `{amount}`, `{due_date}` and `{link}`. Anything else in
 * braces is left as written, so a template that mentions `{PO}` reads oddly rather than failing
 * the send; the values are inserted once, so a client named "{link}" stays a name.
 */
export function fillTemplate(template: string, values: Record<TemplateField, string>): string {
  return template.replace(PLACEHOLDER, (_match, field: TemplateField) => values[field]);
}

/**
 * The values of an invoice's fields as a reader sees them: the amount is what is due (the figure
 * the client is asked to pay, and the invoice's total until a payment is recorded), written as
 * the PDF writes it; the date in the workspace's format.
 */
export function templateValues(document: InvoiceDocument): Record<TemplateField, string> {
  const { invoice } = document;
  const write = writerOf(invoice.currency, document.display);
  return {
    number: invoiceTitle(invoice),
    company: document.company.name,
    client: document.client.name,
    amount: write.money(invoice.due_amount),
    due_date: write.date(invoice.due_date),
    link: document.link ?? '',
  };
}
