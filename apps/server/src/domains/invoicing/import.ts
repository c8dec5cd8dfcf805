/**
 * Lines from tracked time and expenses (docs/decisions/0028-invoice-imports.md). PostgreSQL groups
 * the entries (time/queries.ts, expenses/queries.ts); this module turns each group into a line and,
 * once the lines exist, has the entry owners attach the entries to them. The attaching UPDATE is
 * conditional on the entries being uninvoiced and must attach exactly what was summarised, so two
 * imports of one period can never bill an entry twice: the second is refused and rolls back.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import type { projects } from '../../db/schema/index.ts';
import { ConflictError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { storedAmount } from '../../lib/money.ts';
import type { BillingSelection } from '../entries/billing.ts';
import { billExpenses, uninvoicedExpenseGroups } from '../expenses/service.ts';
import { billTimeEntries, uninvoicedTimeGroups } from '../time/service.ts';
import type { LineItemsImport } from './schemas.ts';

type ProjectRow = typeof projects.$inferSelect;
type TimeGroup = Awaited<ReturnType<typeof uninvoicedTimeGroups>>[number];
type ExpenseGroup = Awaited<ReturnType<typeof uninvoicedExpenseGroups>>[number];

/** A line to write, before its amount is computed with the invoice's others. */
export interface DraftLine {
  id: string;
  kind: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxed: boolean;
  taxed2: boolean;
  projectId: string | null;
}

const agent = (isAgent: boolean) => (isAgent ? ' (Agent)' : '');

/** Thousands of tokens as the agent-work page writes them: 180 gives "180k tokens". */
function tokens(thousands: string): string {
  return `${new Big(thousands).toFixed()}k tokens`;
}

function timeDescription(group: TimeGroup, summary: NonNullable<LineItemsImport['time']>['summary_type']) {
  const work = group.taskName ?? group.projectName ?? 'Time';
  switch (summary) {
    case 'project':
      return group.projectName ?? 'Time';
    case 'task':
      return group.taskName ?? 'Time without a task';
    case 'people':
      return `${group.userName}${agent(group.isAgent)}`;
    case 'detailed':
      return `${group.userName} — ${work}${agent(group.isAgent)}${group.notes ? `: ${group.notes}` : ''} (${group.firstDate})`;
  }
}

function expenseDescription(
  group: ExpenseGroup,
  summary: NonNullable<LineItemsImport['expenses']>['summary_type'],
): string {
  if (group.isLlm) {
    return `${group.categoryName} — ${group.model}${group.units === null ? '' : `, ${tokens(group.units)}`}`;
  }
  switch (summary) {
    case 'project':
      return `${group.projectName ?? 'Project'} — Expenses`;
    case 'category':
      return group.categoryName;
    case 'people':
      return `${group.userName}${agent(group.isAgent)} — Expenses`;
    case 'detailed':
      return `${group.categoryName}${group.notes ? `: ${group.notes}` : ''} (${group.firstDate})`;
  }
}

export interface ImportPlan {
  lines: DraftLine[];
  /** Writes the attachments once the invoice and its lines exist. */
  attach(db: Executor, invoiceId: string): Promise<void>;
  periodStart: string | null;
  periodEnd: string | null;
}

/** The item category a kind of imported line takes: its usual name, else the workspace's first. */
export function kindFor(categories: readonly string[], usual: 'Service' | 'Expense'): string {
  return categories.includes(usual) ? usual : (categories[0] ?? usual);
}

/**
 * Reads what the import pulls and plans its lines; nothing is written until `attach`. The time of
 * fixed-fee projects is not billed by the hour: their fee is a line of its own.
 */
export async function planImport(
  db: Executor,
  accountId: string,
  request: LineItemsImport,
  context: {
    projects: ProjectRow[];
    approvedOnly: boolean;
    itemCategories: readonly string[];
    taxed: boolean[];
  },
): Promise<ImportPlan> {
  const [taxed = false, taxed2 = false] = context.taxed;
  const line = (fields: Omit<DraftLine, 'id' | 'taxed' | 'taxed2'>): DraftLine => ({
    id: newId('inl'),
    taxed,
    taxed2,
    ...fields,
  });
  const hourly = context.projects.filter((project) => project.billingType !== 'fixed_fee');
  const lines: DraftLine[] = [];
  const attachments: ((db: Executor, invoiceId: string) => Promise<void>)[] = [];

  if (request.time !== undefined) {
    const { summary_type: summary, from, to } = request.time;
    const selection: BillingSelection = {
      projectIds: hourly.map((project) => project.id),
      from,
      to,
      approvedOnly: context.approvedOnly,
    };
    const groups = await uninvoicedTimeGroups(db, accountId, selection, summary);
    const timeLines = groups.map((group) =>
      line({
        kind: kindFor(context.itemCategories, 'Service'),
        description: timeDescription(group, summary),
        quantity: group.hours,
        unitPrice: group.rate ?? '0',
        projectId: group.projectId,
      }),
    );
    lines.push(...timeLines);
    attachments.push(async (tx, invoiceId) => {
      const claims = groups.map((group, index) => ({
        key: group.key,
        lineId: (timeLines[index] as DraftLine).id,
      }));
      const billed = await billTimeEntries(tx, accountId, selection, summary, { invoiceId, claims });
      assertAllBilled(
        billed,
        groups.reduce((sum, group) => sum + group.entryCount, 0),
      );
    });
  }

  if (request.expenses !== undefined) {
    const { summary_type: summary, from, to, separate_llm_usage: separateLlm } = request.expenses;
    const selection: BillingSelection = {
      projectIds: context.projects.map((project) => project.id),
      from,
      to,
      approvedOnly: context.approvedOnly,
    };
    const groups = await uninvoicedExpenseGroups(db, accountId, selection, summary, separateLlm);
    const expenseLines = groups.map((group) => {
      const perUnit = group.isLlm && group.units !== null && group.unitPrice !== null;
      return line({
        kind: kindFor(context.itemCategories, 'Expense'),
        description: expenseDescription(group, summary),
        quantity: perUnit ? (group.units as string) : '1',
        unitPrice: perUnit ? (group.unitPrice as string) : group.totalCost,
        projectId: group.projectId,
      });
    });
    lines.push(...expenseLines);
    attachments.push(async (tx, invoiceId) => {
      const claims = groups.map((group, index) => ({
        key: group.key,
        lineId: (expenseLines[index] as DraftLine).id,
      }));
      const billed = await billExpenses(
        tx,
        accountId,
        selection,
        { summary, separateLlm },
        { invoiceId, claims },
      );
      assertAllBilled(
        billed,
        groups.reduce((sum, group) => sum + group.expenseCount, 0),
      );
    });
  }

  if (request.fixed_fee !== undefined) {
    const percent = new Big(request.fixed_fee.percent);
    for (const project of context.projects) {
      if (project.billingType !== 'fixed_fee' || project.fixedFee === null) continue;
      const part = percent.eq(100) ? '' : ` (${percent.toFixed()} %)`;
      lines.push(
        line({
          kind: kindFor(context.itemCategories, 'Service'),
          description: `${project.name} — fixed fee${part}`,
          quantity: '1',
          unitPrice: storedAmount(new Big(project.fixedFee).times(percent).div(100), 'fixed_fee'),
          projectId: project.id,
        }),
      );
    }
  }

  const froms = [request.time?.from, request.expenses?.from].filter((date) => date !== undefined);
  const tos = [request.time?.to, request.expenses?.to].filter((date) => date !== undefined);
  return {
    lines,
    periodStart: froms.sort()[0] ?? null,
    periodEnd: tos.sort().at(-1) ?? null,
    attach: async (tx, invoiceId) => {
      for (const attachment of attachments) await attachment(tx, invoiceId);
    },
  };
}

/** Fewer attached than summarised: another invoice took some of them meanwhile. */
function assertAllBilled(billed: number, summarised: number): void {
  if (billed !== summarised) {
    throw new ConflictError(
      'Some of these entries were invoiced by another request at the same time; nothing was invoiced, try again',
      'line_items_import',
    );
  }
}
