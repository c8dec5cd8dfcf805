/**
 * Lines from tracked time and expenses (docs/decisions/0028-invoice-imports.md). The entry owners
 * group the entries and link each to its group's line in one statement (time/queries.ts,
 * expenses/queries.ts; decision 0055); this module turns each group into a line. The links are
 * keyed by the entry, so two imports of one period can never bill an entry twice: the second is
 * refused and rolls back.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { projects } from '../../db/schema/index.ts';
import { ConflictError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { BillingSelection } from '../entries/billing.ts';
import { billExpenseGroups, type uninvoicedExpenseGroups } from '../expenses/service.ts';
import { billTimeGroups, type uninvoicedTimeGroups } from '../time/service.ts';
import { fixedFeeLeft, fixedFeeOffer, otherCurrencyRefusal } from './fixed-fee.ts';
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
  /** How many time entries and expenses the line bills (an import links them; decision 0055). */
  timeEntryCount: number;
  expenseCount: number;
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

/** The projects whose time an import bills by the hour: a fixed-fee project's time is billed through its fee. */
export function billedByTheHour(projects: ProjectRow[]): ProjectRow[] {
  return projects.filter((project) => project.billingType !== 'fixed_fee');
}

export interface ImportedLines {
  lines: DraftLine[];
  periodStart: string | null;
  periodEnd: string | null;
}

/** The item category a kind of imported line takes: its usual name, else the workspace's first. */
export function kindFor(categories: readonly string[], usual: 'Service' | 'Expense'): string {
  return categories.includes(usual) ? usual : (categories[0] ?? usual);
}

/**
 * The ids of an import's lines: a fresh id but for its last five characters, which the linking
 * statement fills with each group's position (entries/billing.ts).
 */
const linePrefix = () => newId('inl').slice(0, -5);

/**
 * Bills what the import pulls for the invoice `invoiceId` and returns its lines, which the caller
 * writes: each kind of entry is summarised and linked to its lines in one statement (decision
 * 0055). The time of fixed-fee projects is not billed by the hour: their fee is a line of its own,
 * for what is left of it.
 */
export async function importLines(
  tx: Executor,
  accountId: string,
  invoiceId: string,
  request: LineItemsImport,
  context: {
    projects: ProjectRow[];
    /** The invoice's currency, which its fee lines are in. */
    currency: string;
    approvedOnly: boolean;
    itemCategories: readonly string[];
    taxed: boolean[];
  },
): Promise<ImportedLines> {
  const fixedFeeProjects = context.projects.filter(
    (project) => project.billingType === 'fixed_fee' && project.fixedFee !== null,
  );
  const [taxed = false, taxed2 = false] = context.taxed;
  const line = (
    fields: Pick<DraftLine, 'kind' | 'description' | 'quantity' | 'unitPrice' | 'projectId'> &
      Partial<DraftLine>,
  ): DraftLine => ({
    id: newId('inl'),
    taxed,
    taxed2,
    fixedFeeProjectId: null,
    timeEntryCount: 0,
    expenseCount: 0,
    ...fields,
  });
  const hourly = billedByTheHour(context.projects);
  const lines: DraftLine[] = [];

  if (request.time !== undefined) {
    const { summary_type: summary, from, to } = request.time;
    const selection: BillingSelection = {
      projectIds: hourly.map((project) => project.id),
      from,
      to,
      approvedOnly: context.approvedOnly,
    };
    const groups = await billedOnce(() =>
      billTimeGroups(tx, accountId, selection, summary, { invoiceId, linePrefix: linePrefix() }),
    );
    for (const group of groups) {
      lines.push(
        line({
          id: group.lineId,
          kind: kindFor(context.itemCategories, 'Service'),
          description: timeDescription(group, summary),
          quantity: group.hours,
          unitPrice: group.rate ?? '0',
          projectId: group.projectId,
          timeEntryCount: group.entryCount,
        }),
      );
    }
  }

  if (request.expenses !== undefined) {
    const { summary_type: summary, from, to, separate_llm_usage: separateLlm } = request.expenses;
    const selection: BillingSelection = {
      projectIds: context.projects.map((project) => project.id),
      from,
      to,
      approvedOnly: context.approvedOnly,
    };
    const groups = await billedOnce(() =>
      billExpenseGroups(
        tx,
        accountId,
        selection,
        { summary, separateLlm },
        { invoiceId, linePrefix: linePrefix() },
      ),
    );
    for (const group of groups) {
      const perUnit = group.isLlm && group.units !== null && group.unitPrice !== null;
      lines.push(
        line({
          id: group.lineId,
          kind: kindFor(context.itemCategories, 'Expense'),
          description: expenseDescription(group, summary),
          quantity: perUnit ? (group.units as string) : '1',
          unitPrice: perUnit ? (group.unitPrice as string) : group.totalCost,
          projectId: group.projectId,
          expenseCount: group.expenseCount,
        }),
      );
    }
  }

  if (request.fixed_fee !== undefined) {
    const percent = new Big(request.fixed_fee.percent);
    const invoiced = await invoicedFixedFees(
      tx,
      accountId,
      fixedFeeProjects.map((project) => project.id),
      { forUpdate: true },
    );
    for (const project of fixedFeeProjects) {
      const fee = project.fixedFee as string;
      const outcome = fixedFeeLeft(fee, invoiced.get(project.id), context.currency);
      if ('otherCurrencies' in outcome) {
        throw otherCurrencyRefusal(
          project.name,
          outcome.otherCurrencies,
          context.currency,
          'line_items_import.fixed_fee',
        );
      }
      const offer = fixedFeeOffer(fee, outcome.left, percent);
      if (offer === null) continue;
      const part = offer.remainder ? ' (remainder)' : percent.eq(100) ? '' : ` (${percent.toFixed()} %)`;
      lines.push(
        line({
          kind: kindFor(context.itemCategories, 'Service'),
          description: `${project.name} — fixed fee${part}`,
          quantity: '1',
          unitPrice: offer.amount,
          projectId: project.id,
          fixedFeeProjectId: project.id,
        }),
      );
    }
  }

  const froms = [request.time?.from, request.expenses?.from].filter((date) => date !== undefined);
  const tos = [request.time?.to, request.expenses?.to].filter((date) => date !== undefined);
  return { lines, periodStart: froms.sort()[0] ?? null, periodEnd: tos.sort().at(-1) ?? null };
}

const LINK_KEYS = ['time_entry_invoice_links_pkey', 'expense_invoice_links_pkey'];

/**
 * Runs a linking statement. A concurrent import that linked one of these entries first makes it
 * fail on the link's primary key once that import commits: this one is refused and rolls back.
 */
async function billedOnce<T>(link: () => Promise<T>): Promise<T> {
  try {
    return await link();
  } catch (error) {
    if (LINK_KEYS.some((key) => isUniqueViolation(error, key))) {
      throw new ConflictError(
        'Some of these entries were invoiced by another request at the same time; nothing was invoiced, try again',
        'line_items_import',
      );
    }
    throw error;
  }
}
