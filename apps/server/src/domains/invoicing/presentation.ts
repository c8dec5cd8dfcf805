import type Big from 'big.js';
import { parseDecimal } from '../../lib/decimal.ts';
import { formatDecimal, formatMoney, type NumberFormat } from '../../lib/money.ts';
import type { InvoiceResponse } from './schemas.ts';

/**
 * What every view of an invoice made for the client shows besides the invoice itself: the PDF, the
 * emails and the client page read the same figures (the stored amounts, through the invoice
 * response) and write them the same way (docs/decisions/0030-invoice-documents.md).
 */
export interface InvoiceDocument {
  invoice: InvoiceResponse;
  company: { name: string; address: string | null; phone: string | null };
  client: { name: string; address: string | null };
  /** The invoice settings' accent colour, #rrggbb. */
  accentColor: string;
  logo: { content: Buffer; contentType: string } | null;
  /** Project codes by project id, when the settings show them on lines; empty otherwise. */
  projectCodes: ReadonlyMap<string, string>;
  display: Display;
  /** The client page, or null when the server cannot know its address (no PUBLIC_URL, no request). */
  link: string | null;
}

/** How the workspace writes numbers and dates (settings/company-settings). */
export interface Display {
  numberFormat: NumberFormat;
  /** YYYY, MM and DD in the workspace's order and separators, as the web app reads them. */
  dateFormat: string;
}

export const PAYMENT_TERM_LABELS: Record<InvoiceResponse['payment_term'], string> = {
  upon_receipt: 'Upon receipt',
  net_15: 'Net 15',
  net_30: 'Net 30',
  net_45: 'Net 45',
  net_60: 'Net 60',
  custom: 'Custom',
};

/**
 * A figure of the response as the decimal it was stored as. Amounts leave the API as JSON numbers
 * built from the stored `numeric` strings (`toNumber`), and the shortest text of such a number is
 * that string (docs/decisions/0010-money.md), so nothing is computed in floating point.
 */
export function decimalOf(value: number): Big {
  return parseDecimal(value);
}

/** The formatters of one document: its currency, and the workspace's separators and date format. */
export function writerOf(currency: string, display: Display) {
  const { numberFormat, dateFormat } = display;
  return {
    money: (value: number) => formatMoney(decimalOf(value), currency, numberFormat),
    /** A unit price keeps the digits it has past the currency's (LLM Usage at 0.003 a 1k tokens). */
    price: (value: number) => formatMoney(decimalOf(value), currency, numberFormat, { keepDigits: true }),
    number: (value: number) => formatDecimal(decimalOf(value), 0, numberFormat, { keepDigits: true }),
    percent: (value: number) => `${formatDecimal(decimalOf(value), 0, numberFormat, { keepDigits: true })}%`,
    date: (date: string) => formatDate(date, dateFormat),
  };
}

export type Writer = ReturnType<typeof writerOf>;

/** A calendar date (YYYY-MM-DD) in a YYYY/MM/DD pattern, as apps/web/src/lib/format.ts writes it. */
export function formatDate(date: string, pattern: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return pattern.replace('YYYY', year).replace('MM', month).replace('DD', day);
}

/** The invoice's name for people: its number, or "Draft" before it has one. */
export function invoiceTitle(invoice: Pick<InvoiceResponse, 'number'>): string {
  return invoice.number ?? 'Draft';
}
