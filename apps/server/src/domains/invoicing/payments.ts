/**
 * Payments (invoicing/payments): recorded by hand now, by payment providers next. `recordPayment`
 * is the one way a payment is written, whoever records it (docs/decisions/0029-invoice-payments.md).
 */
import Big from 'big.js';
import type { Database, Executor } from '../../db/client.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, InvoiceLockedError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { roundToCurrency, storedAmount } from '../../lib/money.ts';
import { todayIn } from '../../lib/workspace-clock.ts';
import type { Actor } from '../access/actor.ts';
import { findAccount } from '../workspaces/service.ts';
import { assertCanSend, findReachableInvoice, invoicingAccess } from './access.ts';
import { dueAmount } from './amounts.ts';
import { queueThankYouOnPayment } from './delivery.ts';
import type { PaymentRow } from './queries.ts';
import * as queries from './queries.ts';
import type { CreatePaymentInput, PaymentResponse } from './schemas.ts';

export interface PaymentInput {
  /** A decimal string in the invoice's currency. */
  amount: string;
  paidDate: string;
  notes?: string | null;
  transactionId?: string | null;
  /** The payment provider (online payments); with a transaction id, a second delivery records nothing. */
  provider?: string | null;
  /** The currency a provider was paid in: refused when it is not the invoice's. */
  currency?: string;
  recordedById?: string | null;
}

export interface RecordedPayment {
  payment: PaymentRow;
  /** False when the provider's transaction was already recorded and that payment is returned. */
  created: boolean;
}

/**
 * Records a payment on an open invoice and settles it when nothing is left due. Refuses a draft
 * (not sent yet), a paid or closed invoice, an amount finer than the currency's minor unit, and an
 * amount over what is due, a provider's payment in another currency and a refund over what was paid;
 * a refund reopens a paid invoice. The invoice row is locked first, so concurrent payments are checked one
 * after the other against the balance the previous one left.
 */
export async function recordPayment(
  tx: Executor,
  accountId: string,
  invoiceId: string,
  input: PaymentInput,
  now = new Date(),
): Promise<RecordedPayment> {
  const invoice = await queries.findInvoice(tx, accountId, invoiceId, { forUpdate: true });
  if (invoice === undefined) throw new NotFoundError('Invoice');
  if (input.provider && input.transactionId) {
    const recorded = await queries.findProviderPayment(tx, accountId, input.provider, input.transactionId);
    if (recorded !== undefined) return { payment: recorded, created: false };
  }
  if (invoice.state === 'closed') throw new InvoiceLockedError('closed');
  if (invoice.state === 'draft') {
    throw new BusinessRuleError(
      'The invoice was not sent yet: mark it as sent before recording payments',
      'state',
    );
  }
  if (input.currency !== undefined && input.currency !== invoice.currency) {
    throw new BusinessRuleError(
      `The payment is in ${input.currency}, the invoice in ${invoice.currency}`,
      'currency',
    );
  }
  const amount = new Big(input.amount);
  if (!roundToCurrency(amount, invoice.currency).eq(amount)) {
    throw new BusinessRuleError(`amount has more decimals than ${invoice.currency} has`, 'amount');
  }
  const due = new Big(dueAmount(invoice.amount, invoice.paidAmount));
  if (amount.gt(due)) {
    throw new BusinessRuleError(
      `The payment is more than the ${due.toFixed()} ${invoice.currency} due`,
      'amount',
    );
  }
  // A refund (a provider's negative payment) gives back at most what was paid.
  if (amount.lt(0) && amount.abs().gt(invoice.paidAmount)) {
    throw new BusinessRuleError(
      `The refund is more than the ${invoice.paidAmount} ${invoice.currency} paid`,
      'amount',
    );
  }
  const payment = await queries.insertPayment(tx, {
    id: newId('pay'),
    accountId,
    invoiceId,
    amount: storedAmount(amount, 'amount'),
    paidDate: input.paidDate,
    notes: input.notes ?? null,
    transactionId: input.transactionId ?? null,
    provider: input.provider ?? null,
    recordedById: input.recordedById ?? null,
  });
  const paidAmount = storedAmount(new Big(invoice.paidAmount).plus(amount), 'paid_amount');
  const settled = amount.eq(due);
  // A refund of a paid invoice leaves something due again: it is open, as after deleting a payment.
  const reopened = amount.lt(0) && invoice.state === 'paid';
  await queries.updateInvoice(tx, accountId, invoiceId, {
    paidAmount,
    ...(settled && { state: 'paid' as const, paidAt: now }),
    ...(reopened && { state: 'open' as const, paidAt: null }),
  });
  if (settled) await queueThankYouOnPayment(tx, accountId, invoiceId);
  return { payment, created: true };
}

/** Each payment with what was still due after it, counted by payment date then as recorded. */
export function withBalances(amount: string, payments: PaymentRow[]): PaymentResponse[] {
  let balance = new Big(amount);
  return payments.map((payment) => {
    balance = balance.minus(payment.amount);
    return {
      id: payment.id,
      invoice_id: payment.invoiceId,
      amount: toNumber(payment.amount),
      paid_date: payment.paidDate,
      notes: payment.notes,
      transaction_id: payment.transactionId,
      provider: payment.provider,
      balance: toNumber(storedAmount(balance, 'balance')),
      recorded_by_id: payment.recordedById,
      created_at: payment.createdAt.toISOString(),
    };
  });
}

export async function listPayments(
  db: Executor,
  actor: Actor,
  invoiceId: string,
): Promise<PaymentResponse[]> {
  const access = await invoicingAccess(db, actor);
  const invoice = await findReachableInvoice(db, access, invoiceId);
  return withBalances(invoice.amount, await queries.paymentsOf(db, actor.accountId, invoiceId));
}

export async function createPayment(
  db: Database,
  actor: Actor,
  invoiceId: string,
  input: CreatePaymentInput,
): Promise<PaymentResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    await findReachableInvoice(tx, access, invoiceId);
    assertCanSend(access);
    const account = await findAccount(tx, actor.accountId);
    const { payment } = await recordPayment(tx, actor.accountId, invoiceId, {
      amount: toDecimalString(input.amount),
      paidDate: input.paid_date ?? todayIn(account.timezone, new Date()),
      notes: input.notes ?? null,
      transactionId: input.transaction_id ?? null,
      recordedById: actor.userId,
    });
    const invoice = await queries.findInvoice(tx, actor.accountId, invoiceId);
    const listed = withBalances(
      invoice?.amount ?? '0',
      await queries.paymentsOf(tx, actor.accountId, invoiceId),
    );
    return listed.find((row) => row.id === payment.id) as PaymentResponse;
  });
}

/** Deletes a payment recorded in error: a paid invoice is open again for what is now due. */
export async function deletePayment(
  db: Database,
  actor: Actor,
  invoiceId: string,
  paymentId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, invoiceId, { forUpdate: true });
    assertCanSend(access);
    if (invoice.state === 'closed') throw new InvoiceLockedError('closed');
    const deleted = await queries.deletePayment(tx, actor.accountId, invoiceId, paymentId);
    if (deleted === undefined) throw new NotFoundError('Payment');
    const paidAmount = storedAmount(new Big(invoice.paidAmount).minus(deleted.amount), 'paid_amount');
    await queries.updateInvoice(tx, actor.accountId, invoiceId, {
      paidAmount,
      ...(invoice.state === 'paid' && { state: 'open' as const, paidAt: null }),
    });
  });
}

/** The invoice a provider's recorded transaction paid (a refund names the payment it gives back). */
export async function invoiceOfProviderPayment(
  db: Executor,
  accountId: string,
  provider: string,
  transactionId: string,
): Promise<string | undefined> {
  return (await queries.findProviderPayment(db, accountId, provider, transactionId))?.invoiceId;
}

/**
 * The workspace of an invoice a provider's event names, when the event comes to one endpoint for
 * every workspace (a PayPal platform app's webhook): the event is verified, and the id in it is one
 * Keito gave the provider.
 */
export async function workspaceOfInvoice(db: Executor, invoiceId: string): Promise<string | undefined> {
  return queries.accountOfInvoice(db, invoiceId);
}
