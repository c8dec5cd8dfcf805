import { createRequire } from 'node:module';
import path from 'node:path';
import type PdfMake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  decimalOf,
  type InvoiceDocument,
  invoiceTitle,
  PAYMENT_TERM_LABELS,
  writerOf,
} from './presentation.ts';
import type { InvoiceResponse, LineItemResponse } from './schemas.ts';

// Roboto (shipped with pdfmake) rather than the PDF standard fonts: it has the currency symbols
// and accented letters clients' names and addresses carry, and is embedded, so the text extracts.
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts/Roboto',
);
const FONT_FILES = {
  normal: path.join(fontDir, 'Roboto-Regular.ttf'),
  bold: path.join(fontDir, 'Roboto-Medium.ttf'),
  italics: path.join(fontDir, 'Roboto-Italic.ttf'),
  bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
};
const fontPaths = new Set(Object.values(FONT_FILES));

/**
 * pdfmake, loaded on the first document rather than at boot: with its fonts' metrics it is 12 MB of
 * the server's resident memory, which a server that never renders an invoice need not carry
 * (bench/README.md, bench:reports).
 */
let renderer: Promise<typeof PdfMake> | undefined;
function pdfmake() {
  renderer ??= import('pdfmake').then(({ default: pdfmake }) => {
    pdfmake.setFonts({ Roboto: FONT_FILES });
    // A document reads nothing but its fonts: the logo comes in as data, and no text a user typed can
    // make the server fetch a URL or open a file.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => fontPaths.has(path.resolve(file)));
    return pdfmake;
  });
  return renderer;
}

const GREY = '#5f6b7a';
const RULE = '#d8dee4';
/** Formats pdfkit draws; another logo type is left off rather than failing the document. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

const STATE_MARKS: Partial<Record<InvoiceResponse['state'], string>> = {
  draft: 'DRAFT',
  paid: 'PAID',
  closed: 'CLOSED',
};

/** The invoice as a PDF: what the client reads, from the stored figures the API answers. */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  return (await pdfmake()).createPdf(definitionOf(document)).getBuffer();
}

/** The pdfmake document; exported for the tests that read its structure. */
export function definitionOf(document: InvoiceDocument): TDocumentDefinitions {
  const { invoice, company, accentColor } = document;
  const write = writerOf(invoice.currency, document.display);
  return {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    info: {
      title: `Invoice ${invoiceTitle(invoice)}`,
      author: company.name,
      subject: invoice.subject ?? `Invoice ${invoiceTitle(invoice)} for ${document.client.name}`,
      creator: 'Keito',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2, color: '#1f2328' },
    styles: {
      label: { fontSize: 8, color: GREY },
      tableHeader: { bold: true, color: '#ffffff', fillColor: accentColor },
    },
    footer: (page, pages) => ({
      columns: [
        { text: `${company.name} · Invoice ${invoiceTitle(invoice)}`, style: 'label' },
        { text: `Page ${page} of ${pages}`, style: 'label', alignment: 'right' },
      ],
      margin: [48, 16, 48, 0],
    }),
    content: [
      header(document),
      parties(document, write),
      ...(invoice.subject === null
        ? []
        : [{ text: invoice.subject, bold: true, fontSize: 11, margin: [0, 0, 0, 8] } as Content]),
      linesTable(document, write),
      totals(document, write),
      ...(invoice.notes === null ? [] : [notes(invoice.notes)]),
      ...(document.link === null ? [] : [onlineLink(document.link, accentColor)]),
    ],
  };
}

type Write = ReturnType<typeof writerOf>;

function header({ invoice, company, logo, accentColor }: InvoiceDocument): Content {
  // A state mark is a line of text under the number, not a watermark: text drawn across the page
  // at an angle breaks the reading order text extraction (and a screen reader) follows.
  const mark = STATE_MARKS[invoice.state];
  const image =
    logo !== null && IMAGE_TYPES.has(logo.contentType)
      ? [
          {
            image: `data:${logo.contentType};base64,${logo.content.toString('base64')}`,
            fit: [160, 56] as [number, number],
            margin: [0, 0, 0, 8] as [number, number, number, number],
          },
        ]
      : [];
  return {
    columns: [
      {
        width: '*',
        stack: [
          ...image,
          { text: company.name, bold: true, fontSize: 12 },
          ...lines(company.address),
          ...lines(company.phone),
        ],
      },
      {
        width: 'auto',
        stack: [
          { text: 'INVOICE', bold: true, fontSize: 22, color: accentColor, alignment: 'right' },
          { text: invoiceTitle(invoice), fontSize: 12, alignment: 'right' },
          ...(mark === undefined
            ? []
            : [{ text: mark, bold: true, color: accentColor, alignment: 'right' } as Content]),
        ],
      },
    ],
    margin: [0, 0, 0, 24],
  };
}

function parties({ invoice, client }: InvoiceDocument, write: Write): Content {
  const facts: [string, string][] = [
    ['Invoice number', invoiceTitle(invoice)],
    ['Issue date', write.date(invoice.issue_date)],
    ['Due date', write.date(invoice.due_date)],
    ['Terms', PAYMENT_TERM_LABELS[invoice.payment_term]],
    ...(invoice.purchase_order === null
      ? []
      : [['Purchase order', invoice.purchase_order] as [string, string]]),
    ...(invoice.period_start === null || invoice.period_end === null
      ? []
      : [
          ['Period', `${write.date(invoice.period_start)} – ${write.date(invoice.period_end)}`] as [
            string,
            string,
          ],
        ]),
  ];
  return {
    columns: [
      {
        width: '*',
        stack: [
          { text: 'BILL TO', style: 'label', margin: [0, 0, 0, 2] },
          { text: client.name, bold: true },
          ...lines(client.address),
        ],
      },
      {
        width: 'auto',
        table: {
          body: facts.map(([label, value]) => [
            { text: label, style: 'label', alignment: 'right' },
            { text: value, alignment: 'right' },
          ]),
        },
        layout: 'noBorders',
      },
    ],
    margin: [0, 0, 0, 20],
  };
}

/** Which of the invoice's taxes a line carries, when the lines differ (else the totals say it all). */
function taxColumn(invoice: InvoiceResponse): ((line: LineItemResponse) => string) | null {
  const taxes = [
    { label: invoice.tax_label, on: invoice.tax !== null, taxed: (line: LineItemResponse) => line.taxed },
    { label: invoice.tax2_label, on: invoice.tax2 !== null, taxed: (line: LineItemResponse) => line.taxed2 },
  ].filter((tax) => tax.on);
  const differ = taxes.some((tax) => new Set(invoice.line_items.map(tax.taxed)).size > 1);
  if (!differ) return null;
  return (line) =>
    taxes
      .filter((tax) => tax.taxed(line))
      .map((tax) => tax.label ?? 'Tax')
      .join(', ') || '–';
}

function linesTable(document: InvoiceDocument, write: Write): Content {
  const { invoice, projectCodes } = document;
  const taxOf = taxColumn(invoice);
  const head = ['Item', 'Description', 'Quantity', 'Unit price', ...(taxOf ? ['Tax'] : []), 'Amount'];
  const right = (text: string): TableCell => ({ text, alignment: 'right', noWrap: true });
  const rows: TableCell[][] = invoice.line_items.map((line) => {
    const code = line.project_id === null ? undefined : projectCodes.get(line.project_id);
    return [
      { text: line.kind, color: GREY },
      code === undefined ? line.description : { text: [{ text: `${code}  `, bold: true }, line.description] },
      right(write.number(line.quantity)),
      right(write.price(line.unit_price)),
      ...(taxOf ? [{ text: taxOf(line), color: GREY }] : []),
      right(write.money(line.amount)),
    ];
  });
  return {
    table: {
      headerRows: 1,
      widths: ['auto', '*', 'auto', 'auto', ...(taxOf ? ['auto'] : []), 'auto'],
      body: [
        head.map(
          (text, index) =>
            ({ text, style: 'tableHeader', alignment: index >= 2 ? 'right' : 'left' }) as TableCell,
        ),
        ...(rows.length > 0
          ? rows
          : [[{ text: 'No items', colSpan: head.length, color: GREY }, ...head.slice(1).map(() => '')]]),
      ],
    },
    layout: {
      hLineWidth: (index) => (index === 0 ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 5,
      paddingBottom: () => 5,
    },
  };
}

function totals({ invoice, accentColor }: InvoiceDocument, write: Write): Content {
  const rows: TableCell[][] = [row('Subtotal', write.money(invoice.subtotal))];
  if (invoice.discount !== null && !decimalOf(invoice.discount).eq(0)) {
    rows.push(row(`Discount (${write.percent(invoice.discount)})`, write.money(-invoice.discount_amount)));
  }
  if (invoice.tax !== null) {
    rows.push(
      row(`${invoice.tax_label ?? 'Tax'} (${write.percent(invoice.tax)})`, write.money(invoice.tax_amount)),
    );
  }
  if (invoice.tax2 !== null) {
    rows.push(
      row(
        `${invoice.tax2_label ?? 'Tax 2'} (${write.percent(invoice.tax2)})`,
        write.money(invoice.tax2_amount),
      ),
    );
  }
  rows.push(row('Total', write.money(invoice.amount), { bold: true }));
  if (!decimalOf(invoice.paid_amount).eq(0)) {
    rows.push(row('Paid', write.money(-invoice.paid_amount)));
  }
  rows.push(
    row('Amount due', write.money(invoice.due_amount), { bold: true, fontSize: 12, color: accentColor }),
  );
  return {
    columns: [
      { width: '*', text: '' },
      { width: 'auto', table: { widths: ['auto', 'auto'], body: rows }, layout: 'noBorders' },
    ],
    margin: [0, 12, 0, 16],
  };
}

function row(label: string, value: string, style: Record<string, unknown> = {}): TableCell[] {
  return [
    { text: label, alignment: 'right', margin: [0, 0, 16, 0], ...style },
    { text: value, alignment: 'right', noWrap: true, ...style },
  ];
}

function notes(text: string): Content {
  return {
    stack: [{ text: 'NOTES', style: 'label', margin: [0, 0, 0, 2] }, { text }],
    margin: [0, 0, 0, 16],
  };
}

function onlineLink(link: string, accentColor: string): Content {
  return {
    stack: [
      { text: 'VIEW AND PAY ONLINE', style: 'label', margin: [0, 0, 0, 2] },
      { text: link, link, color: accentColor, decoration: 'underline' },
    ],
  };
}

/** Multi-line text (an address) as one line a row; nothing for null or blank. */
function lines(text: string | null): Content[] {
  if (text === null) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line }));
}
