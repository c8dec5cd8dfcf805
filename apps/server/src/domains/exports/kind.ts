import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { FeatureToggles } from '../../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import type { ExportTable } from './table.ts';

/**
 * One kind of export: `GET /v1/exports/<name>.csv|.xlsx`. The routes, their OpenAPI entries and
 * both formats come from this description, so a new kind (invoices) is one more entry in
 * `kinds/index.ts`.
 */
export interface ExportKind<Filters extends z.ZodObject = z.ZodObject> {
  /** The URL segment, the file name and the worksheet's name. */
  name: string;
  operationId: string;
  summary: string;
  /** The filters, as the list of the same things takes them (without its page). */
  filters: Filters;
  /** The workspace module the kind belongs to: off, the export answers 403 feature_disabled. */
  feature?: keyof FeatureToggles;
  /**
   * The columns and rows the actor may see, scoped as the list is. Resolves before the first byte
   * is sent, so a refusal is still an error response; the rows are read as the file is written.
   * `now` is the app's clock: the day a period preset starts from, the end of a running timer.
   */
  open(db: Database, actor: Actor, filters: z.infer<Filters>, now: Date): Promise<ExportTable>;
}

/** Keeps each kind's filters typed in its own `open` while the registry holds them side by side. */
export function exportKind<Filters extends z.ZodObject>(kind: ExportKind<Filters>): ExportKind {
  return kind as unknown as ExportKind;
}
