import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { storedAmount } from '../../lib/money.ts';
import type { Actor } from '../access/actor.ts';
import { invoicingAccess } from './access.ts';
import * as queries from './queries.ts';
import type { AgingResponse } from './schemas.ts';
import { workspaceToday } from './service.ts';

const BUCKETS = ['days0To30', 'days31To60', 'days61To90', 'daysOver90', 'total'] as const;

function buckets(row: Record<(typeof BUCKETS)[number], string>) {
  return {
    days_0_30: toNumber(row.days0To30),
    days_31_60: toNumber(row.days31To60),
    days_61_90: toNumber(row.days61To90),
    days_over_90: toNumber(row.daysOver90),
    total: toNumber(row.total),
  };
}

/**
 * What open invoices still owe, per client and in buckets of days past due on the workspace's date
 * (invoicing/payments, "Invoice Aging"). Totals are per currency: amounts in different currencies
 * are never added together.
 */
export async function agingReport(db: Executor, actor: Actor): Promise<AgingResponse> {
  const access = await invoicingAccess(db, actor);
  const rows = await queries.aging(
    db,
    actor.accountId,
    access.scope,
    await workspaceToday(db, actor.accountId),
  );
  const totals = new Map<string, Record<(typeof BUCKETS)[number], Big>>();
  for (const row of rows) {
    const sum = totals.get(row.currency) ?? Object.fromEntries(BUCKETS.map((key) => [key, new Big(0)]));
    for (const key of BUCKETS) sum[key] = (sum[key] as Big).plus(row[key]);
    totals.set(row.currency, sum as Record<(typeof BUCKETS)[number], Big>);
  }
  return {
    clients: rows.map((row) => ({
      client_id: row.clientId,
      client_name: row.clientName,
      currency: row.currency,
      ...buckets(row),
    })),
    totals: [...totals].map(([currency, sum]) => ({
      currency,
      ...buckets(
        Object.fromEntries(BUCKETS.map((key) => [key, storedAmount(sum[key], key)])) as Record<
          (typeof BUCKETS)[number],
          string
        >,
      ),
    })),
  };
}
