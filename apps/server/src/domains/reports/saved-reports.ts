import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterNameCursor } from '../../db/keyset.ts';
import { savedReports } from '../../db/schema/index.ts';
import { BusinessRuleError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { type Abilities, loadAbilities, requireAbility } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import {
  type CreateSavedReportInput,
  type ListSavedReportsFilters,
  SAVED_REPORT_QUERIES,
  type SavedReportKind,
  type SavedReportResponse,
  type UpdateSavedReportInput,
} from './schemas.ts';

type SavedReportRow = typeof savedReports.$inferSelect;

function present(abilities: Abilities, row: SavedReportRow): SavedReportResponse {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SavedReportKind,
    filters: row.filters,
    group_by: row.groupBy,
    visibility: row.visibility,
    owner_id: row.ownerId,
    // The same rule as the refusal, so a screen offers Rename and Delete exactly when they would work.
    can_edit: mayChange(abilities, row),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * A saved report must replay: its filters and grouping are checked against the query of its kind
 * now, so a typo is refused when saving rather than a failing report when opened. Says what does
 * not replay, or nothing; the caller decides whether the request or the stored kind is at fault.
 */
function whyNotReplayable(
  kind: SavedReportKind,
  filters: Record<string, string>,
  groupBy: string | null | undefined,
): { message: string; field: string } | undefined {
  const query = SAVED_REPORT_QUERIES[kind].strict();
  const parsed = query.safeParse({ ...filters, ...(groupBy == null ? {} : { group_by: groupBy }) });
  if (parsed.success) return undefined;
  const [issue] = parsed.error.issues;
  const key = issue?.path[0];
  const field = key === 'group_by' ? 'group_by' : key === undefined ? 'filters' : `filters.${String(key)}`;
  // An unknown parameter is reported on the object, with its name in the message.
  const name = issue?.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  return { message: `${field} is not a valid ${kind} report parameter${name}: ${issue?.message}`, field };
}

/** What the actor sees: their own reports and those shared with the workspace. */
function visibleTo(actor: Actor): SQL | undefined {
  return or(eq(savedReports.ownerId, actor.userId), eq(savedReports.visibility, 'workspace'));
}

async function findVisible(db: Executor, actor: Actor, id: string): Promise<SavedReportRow> {
  const [row] = await db
    .select()
    .from(savedReports)
    .where(and(eq(savedReports.accountId, actor.accountId), eq(savedReports.id, id), visibleTo(actor)))
    .limit(1);
  if (row === undefined) throw new NotFoundError('Saved report');
  return row;
}

/** Changed by its owner, or, when shared, by whoever may manage the workspace's shared reports. */
function mayChange(abilities: Abilities, row: SavedReportRow): boolean {
  return (
    row.ownerId === abilities.actor.userId ||
    (row.visibility === 'workspace' && abilities.manageSharedReports)
  );
}

function assertMayChange(abilities: Abilities, row: SavedReportRow): void {
  requireAbility(
    mayChange(abilities, row),
    'Only the person who saved this report, or an administrator when it is shared, can change it',
  );
}

export async function listSavedReports(
  db: Executor,
  actor: Actor,
  filters: ListSavedReportsFilters,
): Promise<Page<SavedReportResponse>> {
  const abilities = await loadAbilities(db, actor);
  const rows = await db
    .select()
    .from(savedReports)
    .where(
      and(
        eq(savedReports.accountId, actor.accountId),
        visibleTo(actor),
        filters.kind === undefined ? undefined : eq(savedReports.kind, filters.kind),
        afterNameCursor(savedReports.name, savedReports.id, filters.cursor),
      ),
    )
    .orderBy(asc(savedReports.name), asc(savedReports.id))
    .limit(filters.limit + 1);
  return toPage(
    rows,
    filters.limit,
    (row) => present(abilities, row),
    (row) => [row.name, row.id],
  );
}

export async function getSavedReport(db: Executor, actor: Actor, id: string): Promise<SavedReportResponse> {
  const [abilities, row] = await Promise.all([loadAbilities(db, actor), findVisible(db, actor, id)]);
  return present(abilities, row);
}

/** Anyone may save reports: what a report shows is decided by the role of whoever runs it. */
export async function createSavedReport(
  db: Executor,
  actor: Actor,
  input: CreateSavedReportInput,
): Promise<SavedReportResponse> {
  // The request names the kind, and the OpenAPI document states what each kind takes: 400.
  const invalid = whyNotReplayable(input.kind, input.filters, input.group_by);
  if (invalid !== undefined) throw new ValidationError(invalid.message, invalid.field);
  const [row] = await db
    .insert(savedReports)
    .values({
      id: newId('rpt'),
      accountId: actor.accountId,
      ownerId: actor.userId,
      name: input.name,
      kind: input.kind,
      filters: input.filters,
      groupBy: input.group_by ?? null,
      visibility: input.visibility,
    })
    .returning();
  if (row === undefined) throw new Error('insert into saved_reports returned no row');
  return present(await loadAbilities(db, actor), row);
}

export async function updateSavedReport(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateSavedReportInput,
): Promise<SavedReportResponse> {
  if (input.kind !== undefined)
    throw new ValidationError('kind cannot be changed; save a new report', 'kind');
  const [abilities, row] = await Promise.all([loadAbilities(db, actor), findVisible(db, actor, id)]);
  assertMayChange(abilities, row);
  const filters = input.filters ?? row.filters;
  const groupBy = input.group_by === undefined ? row.groupBy : input.group_by;
  // The kind is the stored one, which the request cannot show: a filter of the other kind is 422.
  const invalid = whyNotReplayable(row.kind as SavedReportKind, filters, groupBy);
  if (invalid !== undefined) throw new BusinessRuleError(invalid.message, invalid.field);
  const [updated] = await db
    .update(savedReports)
    .set({
      name: input.name ?? row.name,
      filters,
      groupBy,
      visibility: input.visibility ?? row.visibility,
      updatedAt: new Date(),
    })
    .where(and(eq(savedReports.accountId, actor.accountId), eq(savedReports.id, id)))
    .returning();
  if (updated === undefined) throw new NotFoundError('Saved report');
  return present(abilities, updated);
}

export async function deleteSavedReport(db: Executor, actor: Actor, id: string): Promise<void> {
  const [abilities, row] = await Promise.all([loadAbilities(db, actor), findVisible(db, actor, id)]);
  assertMayChange(abilities, row);
  await db
    .delete(savedReports)
    .where(and(eq(savedReports.accountId, actor.accountId), eq(savedReports.id, id)));
}
