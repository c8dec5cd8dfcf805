/**
 * Lines from tracked time and expenses (docs/decisions/0028-invoice-imports.md). PostgreSQL groups
 * the entries (time/queries.ts, expenses/queries.ts); this module turns each group into a line and,
 * once the lines exist, has the entry owners link the entries to them (decision 0055). The links
 * are keyed by the entry and must be exactly what was summarised, so two imports of one period can
 * never bill an entry twice: the second is refused and rolls back.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import type { projects } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ConflictError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { storedAmount } from '../../lib/money.ts';
import type { BillingSelection } from '../entries/billing.ts';
import { billExpenses, uninvoicedExpenseGroups } from '../expenses/service.ts';
import { billTimeEntries, uninvoicedTimeGroups } from '../time/service.ts';
import { invoicedFixedFees } from './queries.ts';
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
  /** The fixed-fee project whose fee the line bills, for a fee line; null otherwise. */
  fixedFeeProjectId: string | null;
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

/**
 * What an import offers of a fixed fee: `percent` of it, but never more than what is left of it
 * after `invoiced` (its lines on other invoices); null once nothing is left. The uninvoiced preview
 * asks the same with 100 %.
 */
export function fixedFeeOffer(
  fee: string,
  invoiced: string | undefined,
  percent: Big,
): { amount: string; remainder: boolean } | null {
  const left = new Big(fee).minus(invoiced ?? '0');
  if (left.lte(0)) return null;
  const part = new Big(storedAmount(new Big(fee).times(percent).div(100), 'fixed_fee'));
  return part.gt(left)
    ? { amount: storedAmount(left, 'fixed_fee'), remainder: true }
    : { amount: part.toFixed(), remainder: false };
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
  const fixedFeeProjects = context.projects.filter(
    (project) => project.billingType === 'fixed_fee' && project.fixedFee !== null,
  );
  const [taxed = false, taxed2 = false] = context.taxed;
  const line = (fields: Omit<DraftLine, 'id' | 'taxed' | 'taxed2' | 'fixedFeeProjectId'>): DraftLine => ({
    id: newId('inl'),
    taxed,
    taxed2,
    fixedFeeProjectId: null,
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
    const invoiced = await invoicedFixedFees(
      db,
      accountId,
      fixedFeeProjects.map((project) => project.id),
      { forUpdate: true },
    );
    for (const project of fixedFeeProjects) {
      const offer = fixedFeeOffer(project.fixedFee as string, invoiced.get(project.id), percent);
      if (offer === null) continue;
      const part = offer.remainder ? ' (remainder)' : percent.eq(100) ? '' : ` (${percent.toFixed()} %)`;
      lines.push({
        ...line({
          kind: kindFor(context.itemCategories, 'Service'),
          description: `${project.name} — fixed fee${part}`,
          quantity: '1',
          unitPrice: offer.amount,
          projectId: project.id,
        }),
        fixedFeeProjectId: project.id,
      });
    }
  }

  const froms = [request.time?.from, request.expenses?.from].filter((date) => date !== undefined);
  const tos = [request.time?.to, request.expenses?.to].filter((date) => date !== undefined);
  return {
    lines,
    periodStart: froms.sort()[0] ?? null,
    periodEnd: tos.sort().at(-1) ?? null,
    attach: async (tx, invoiceId) => {
      try {
        for (const attachment of attachments) await attachment(tx, invoiceId);
      } catch (error) {
        // A concurrent import linked one of these entries first and committed (the link's key).
        if (LINK_KEYS.some((key) => isUniqueViolation(error, key))) throw billedElsewhere();
        throw error;
      }
    },
  };
}

const LINK_KEYS = ['time_entry_invoice_links_pkey', 'expense_invoice_links_pkey'];

function billedElsewhere(): ConflictError {
  return new ConflictError(
    'Some of these entries were invoiced by another request at the same time; nothing was invoiced, try again',
    'line_items_import',
  );
}

/** Fewer linked than summarised: another invoice took some of them meanwhile. */
function assertAllBilled(billed: number, summarised: number): void {
  if (billed !== summarised) throw billedElsewhere();
}
