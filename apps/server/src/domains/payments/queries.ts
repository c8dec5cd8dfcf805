/** The payment_gateways table's only writer (apps/server/test/boundaries.test.ts). */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { paymentGateways } from '../../db/schema/index.ts';

export type GatewayRow = typeof paymentGateways.$inferSelect;
export type Provider = GatewayRow['provider'];

export async function gatewaysOf(db: Executor, accountId: string): Promise<GatewayRow[]> {
  return db.select().from(paymentGateways).where(eq(paymentGateways.accountId, accountId));
}

export async function findGateway(
  db: Executor,
  accountId: string,
  provider: Provider,
): Promise<GatewayRow | undefined> {
  const [row] = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.accountId, accountId), eq(paymentGateways.provider, provider)));
  return row;
}

/** Connects a provider, or replaces the credentials of the connected one. */
export async function saveGateway(
  db: Executor,
  row: Pick<GatewayRow, 'accountId' | 'provider' | 'mode' | 'credentials' | 'externalAccountId'>,
): Promise<GatewayRow> {
  const [saved] = await db
    .insert(paymentGateways)
    .values(row)
    .onConflictDoUpdate({
      target: [paymentGateways.accountId, paymentGateways.provider],
      set: {
        mode: row.mode,
        credentials: row.credentials,
        externalAccountId: row.externalAccountId,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return saved as GatewayRow;
}

export async function deleteGateway(db: Executor, accountId: string, provider: Provider): Promise<boolean> {
  const deleted = await db
    .delete(paymentGateways)
    .where(and(eq(paymentGateways.accountId, accountId), eq(paymentGateways.provider, provider)))
    .returning({ provider: paymentGateways.provider });
  return deleted.length > 0;
}

export async function findByExternalAccount(
  db: Executor,
  provider: Provider,
  externalAccountId: string,
): Promise<GatewayRow | undefined> {
  const [row] = await db
    .select()
    .from(paymentGateways)
    .where(
      and(eq(paymentGateways.provider, provider), eq(paymentGateways.externalAccountId, externalAccountId)),
    );
  return row;
}
