/**
 * Invoice numbers from the workspace's pattern (invoicing/invoice-settings, "Invoice Numbering"):
 * `{YYYY}`, `{YY}` and `{MM}` of the issue date, and `{#...}` the sequence padded to as many digits
 * as there are #. The sequence itself is handed out by queries.ts (docs/decisions/0027-invoice-numbering-and-states.md).
 */

const TOKEN = /\{(YYYY|YY|MM|#+)\}/g;

export function formatInvoiceNumber(pattern: string, sequence: number, issueDate: string): string {
  const [year = '', month = ''] = issueDate.split('-');
  return pattern.replace(TOKEN, (_token, name: string) => {
    if (name === 'YYYY') return year;
    if (name === 'YY') return year.slice(-2);
    if (name === 'MM') return month;
    // More digits than the padding are kept: 10000 after INV-9999 is INV-10000, never a repeat.
    return String(sequence).padStart(name.length, '0');
  });
}
