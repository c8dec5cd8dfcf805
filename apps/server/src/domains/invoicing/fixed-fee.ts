/**
 * What is left of a fixed fee (docs/decisions/0056-fixed-fee-remainder.md and
 * 0068-fixed-fee-edits-and-currencies.md): one rule for the import, the uninvoiced preview and an
 * edit of a fee line.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import { storedAmount, sumAmounts } from '../../lib/money.ts';
import { findProject } from '../projects/service.ts';
import { type InvoicedFee, invoicedFixedFees } from './queries.ts';

/** What is left of a fee in a currency, or the other currencies some of it was invoiced in. */
export type FeeLeft = { left: Big } | { otherCurrencies: string[] };

/**
 * What is left of a fee to invoice in `currency`: the fee less its fee lines on other invoices
 * (negative when the fee was lowered below them). The fee has no currency of its own and we hold no
 * exchange rates, so a fee is invoiced in one currency: once some of it is on invoices in another
 * (the client's currency changed), what is left in this one is unknown and nothing more of it can
 * be invoiced in this one. Lines that come to 0 in a currency invoiced nothing in it.
 */
export function fixedFeeLeft(
  fee: string,
  invoiced: readonly InvoicedFee[] | undefined,
  currency: string,
): FeeLeft {
  const parts = (invoiced ?? []).filter((part) => !new Big(part.amount).eq(0));
  const otherCurrencies = parts.map((part) => part.currency).filter((other) => other !== currency);
  if (otherCurrencies.length > 0) return { otherCurrencies };
  return { left: new Big(fee).minus(sumAmounts(parts.map((part) => new Big(part.amount)))) };
}

/** The 422 for a fee that was invoiced in another currency than the one it would now be invoiced in. */
export function otherCurrencyRefusal(
  projectName: string,
  otherCurrencies: readonly string[],
  currency: string,
  field: string,
): BusinessRuleError {
  return new BusinessRuleError(
    `The fixed fee of ${projectName} was invoiced in ${otherCurrencies.join(', ')}, not ${currency}: ` +
      'a fee is invoiced in one currency; bill the rest with a line typed by hand',
    field,
  );
}

/**
 * What an import offers of a fixed fee: `percent` of it, but never more than what is `left` of it;
 * null once nothing is left. The uninvoiced preview asks the same with 100 %.
 */
export function fixedFeeOffer(
  fee: string,
  left: Big,
  percent: Big,
): { amount: string; remainder: boolean } | null {
  if (left.lte(0)) return null;
  const part = new Big(storedAmount(new Big(fee).times(percent).div(100), 'fixed_fee'));
  return part.gt(left)
    ? { amount: storedAmount(left, 'fixed_fee'), remainder: true }
    : { amount: part.toFixed(), remainder: false };
}

interface FeeLine {
  fixedFeeProjectId: string | null;
  amount: string;
}

/** What an invoice's lines bill of each fee, by project. */
function feeTotals(lines: readonly FeeLine[]): Map<string, Big> {
  const totals = new Map<string, Big>();
  for (const line of lines) {
    if (line.fixedFeeProjectId === null) continue;
    totals.set(line.fixedFeeProjectId, (totals.get(line.fixedFeeProjectId) ?? new Big(0)).plus(line.amount));
  }
  return totals;
}

/**
 * Refuses an edit that raises what an invoice bills of a fee above what is left of it after the
 * fee's lines on other invoices. Lowering a fee line, or changing anything else of it, needs no
 * check: it can only give part of the fee back. The check reads under the lock the import takes,
 * so two edits, or an edit and an import, cannot both take the same remainder.
 */
export async function assertFeeLinesFit(
  tx: Executor,
  accountId: string,
  invoice: { id: string; currency: string },
  lines: { before: readonly FeeLine[]; after: readonly FeeLine[] },
): Promise<void> {
  const before = feeTotals(lines.before);
  const raised = [...feeTotals(lines.after)].filter(([projectId, total]) =>
    total.gt(before.get(projectId) ?? 0),
  );
  if (raised.length === 0) return;
  const invoiced = await invoicedFixedFees(
    tx,
    accountId,
    raised.map(([projectId]) => projectId),
    { forUpdate: true, excludeInvoiceId: invoice.id },
  );
  for (const [projectId, total] of raised) {
    const project = await findProject(tx, accountId, projectId);
    // A project that no longer bills a fee has none left to raise a line to.
    const fee = project.billingType === 'fixed_fee' ? (project.fixedFee ?? '0') : '0';
    const outcome = fixedFeeLeft(fee, invoiced.get(projectId), invoice.currency);
    if ('otherCurrencies' in outcome) {
      throw otherCurrencyRefusal(project.name, outcome.otherCurrencies, invoice.currency, 'line_items');
    }
    if (total.gt(outcome.left)) {
      const left = outcome.left.gt(0) ? outcome.left : new Big(0);
      throw new BusinessRuleError(
        `Only ${storedAmount(left, 'fixed_fee')} ${invoice.currency} of the fixed fee of ${project.name} is left ` +
          `after its other invoices; its lines here would come to ${storedAmount(total, 'amount')} ${invoice.currency}`,
        'line_items',
      );
    }
  }
}
