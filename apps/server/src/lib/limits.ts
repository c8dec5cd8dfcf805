/** Limits of the API that both the HTTP contract and the domain rules state. */

/** An entry's `metadata`, serialised as JSON, may be at most this many bytes (developer/introduction). */
export const METADATA_LIMIT_BYTES = 4096;

/** A batch endpoint takes at most this many items; a coalesced group of single creates is no larger. */
export const MAX_BATCH_ITEMS = 100;

/** A receipt may be at most this many bytes (expenses/receipts: 10 MB). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** An invoice logo may be at most this many bytes: it is drawn small on every PDF. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/**
 * Rows an export reads at a time: enough that the round trips of a million-row export are a small
 * part of its time, few enough that a batch dies in V8's young generation. At 2,000 rows each
 * scavenge promoted 12 to 17 MB of rows still in flight to the old generation, which grew by a
 * hundred megabytes before a full collection; at 500 the heap stays flat (decision 0062).
 */
export const EXPORT_BATCH_ROWS = 500;
