/**
 * Recording what a provider reports, for every provider: through invoicing's `recordPayment`, the
 * one way a payment is written, unique on the provider's transaction id. An event Keito cannot
 * apply (an unknown or already-paid invoice, another currency) is logged and acknowledged: the
 * provider retrying it for days would change nothing (docs/decisions/0051-online-payments.md).
 */
import type Big from 'big.js';
import type { Database } from '../../db/client.ts';
import { DomainError } from '../../lib/errors.ts';
import { storedAmount } from '../../lib/money.ts';
import { todayIn } from '../../lib/workspace-clock.ts';
import { invoiceOfProviderPayment, recordPayment } from '../invoicing/payments.ts';
import { findAccount } from '../workspaces/service.ts';
import type { Provider } from './queries.ts';

/** Where a webhook's outcome is logged (the request's logger). */
export interface Delivery {
  log: { warn(details: object, message: string): void; info(details: object, message: string): void };
}

export interface OnlinePayment {
  provider: Provider;
  transactionId: string;
  /** ISO 4217, upper case. */
  currency: string;
  /** Negative for a refund. */
  amount: Big;
  /** When the provider took (or gave back) the money: its day in the workspace's time zone is the payment date. */
  at: Date;
}

/**
 * Records `payment` on the invoice, given by id or, for a refund, as the one the provider's earlier
 * transaction `paidBy` paid. Answers 1 when a payment was recorded, 0 when it was recorded before
 * or cannot be.
 */
export async function recordOnlinePayment(
  db: Database,
  accountId: string,
  invoice: string | { paidBy: string },
  delivery: Delivery,
  payment: OnlinePayment,
): Promise<number> {
  const details = { provider: payment.provider, transaction: payment.transactionId, accountId };
  try {
    return await db.transaction(async (tx) => {
      const invoiceId =
        typeof invoice === 'string'
          ? invoice
          : await invoiceOfProviderPayment(tx, accountId, payment.provider, invoice.paidBy);
      if (invoiceId === undefined) {
        delivery.log.warn(details, 'A refund of a payment Keito did not record: ignored');
        return 0;
      }
      const account = await findAccount(tx, accountId);
      const { created } = await recordPayment(tx, accountId, invoiceId, {
        amount: storedAmount(payment.amount, 'amount'),
        currency: payment.currency,
        paidDate: todayIn(account.timezone, payment.at),
        transactionId: payment.transactionId,
        provider: payment.provider,
      });
      delivery.log.info({ ...details, invoiceId, created }, 'Online payment received');
      return created ? 1 : 0;
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    delivery.log.warn({ ...details, reason: error.message }, 'Online payment not recorded');
    return 0;
  }
}
