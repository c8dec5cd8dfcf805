import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { receiptFiles } from '../../../db/schema/index.ts';

/**
 * Where receipt bytes live (docs/decisions/0021-receipt-storage.md). Keys are never reused: a
 * replaced receipt gets a new key, so an upload never overwrites bytes a committed row points to.
 * `db` is the caller's transaction. A store outside PostgreSQL cannot join it (`transactional`
 * false): the service then removes replaced bytes only after the commit, and removes what it wrote
 * when the transaction fails.
 */
export interface ReceiptStore {
  readonly transactional: boolean;
  put(
    db: Executor,
    accountId: string,
    key: string,
    file: { content: Buffer; contentType: string },
  ): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(db: Executor, accountId: string, key: string): Promise<Buffer | undefined>;
  /** Removing a key that holds nothing is not an error. */
  remove(db: Executor, accountId: string, key: string): Promise<void>;
}

/** The default: bytes in PostgreSQL, so any number of stateless servers share them with no other service. */
export const postgresReceiptStore: ReceiptStore = {
  transactional: true,
  async put(db, accountId, key, { content }) {
    await db.insert(receiptFiles).values({ key, accountId, content });
  },
  async get(db, accountId, key) {
    const [row] = await db
      .select({ content: receiptFiles.content })
      .from(receiptFiles)
      .where(and(eq(receiptFiles.accountId, accountId), eq(receiptFiles.key, key)))
      .limit(1);
    return row?.content;
  },
  async remove(db, accountId, key) {
    await db
      .delete(receiptFiles)
      .where(and(eq(receiptFiles.accountId, accountId), eq(receiptFiles.key, key)));
  },
};
