import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Expense, Keito, ReceiptUpload } from '@keito/sdk';
import type { Command } from 'commander';
import type { Attribution } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import { localDate } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveCategory, resolveProject } from '../../../core/resolve.js';
import { attributionOptions, dateOption, positiveOption, requireProject } from '../../shared.js';

/** The built-in "LLM Usage" category's alias in every workspace. */
export const LLM_USAGE = 'cat_llm_usage';

export interface ExpenseLogInput {
  project: string;
  /** Category name or id; in agent mode it defaults to LLM Usage. */
  category?: string | undefined;
  quantity?: number | undefined;
  total?: number | undefined;
  notes?: string | undefined;
  date?: string | undefined;
  billable?: boolean | undefined;
  /** A receipt to attach; the expense and its receipt are created together. */
  receipt?: ReceiptUpload | undefined;
  attribution: Attribution;
}

/** Reads `--receipt`, relative to the working directory. */
async function readReceipt(file: string, cwd: string): Promise<ReceiptUpload> {
  const full = path.resolve(cwd, file);
  try {
    return { data: await readFile(full), fileName: path.basename(full) };
  } catch (error) {
    throw new UsageError(`Cannot read --receipt ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** Logs an expense: units of a unit-priced category (`--quantity`) or a total cost (`--total`). */
export async function runExpenseLog(
  input: ExpenseLogInput,
  deps: { client: Keito; clock: () => Date; out: Output },
): Promise<Expense> {
  const { client, out } = deps;
  let categoryValue = input.category;
  if (categoryValue === undefined) {
    if (input.attribution.source !== 'agent') {
      const categories: string[] = [];
      for await (const c of client.expenseCategories.list({ is_active: true }))
        categories.push(`"${c.name}"`);
      throw new UsageError(
        `Missing --category (it defaults to "LLM Usage" only in agent mode). Categories: ${categories.join(', ')}`,
      );
    }
    categoryValue = LLM_USAGE;
  }
  const [project, category] = await Promise.all([
    resolveProject(client, input.project),
    resolveCategory(client, categoryValue),
  ]);
  const body = {
    project_id: project.id,
    expense_category_id: category.id,
    spent_date: input.date ?? localDate(deps.clock()),
    ...(input.quantity !== undefined && { units: input.quantity }),
    ...(input.total !== undefined && { total_cost: input.total }),
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.billable !== undefined && { billable: input.billable }),
    source: input.attribution.source,
    ...(input.attribution.metadata && { metadata: input.attribution.metadata }),
  };
  const expense =
    input.receipt === undefined
      ? await client.expenses.create(body)
      : await client.expenses.createWithReceipt(body, input.receipt);
  const categoryName = 'name' in category ? category.name : 'LLM Usage';
  out.result(
    expense,
    () =>
      [
        out.success(
          `Logged ${categoryName} expense on ${project.name}: ${expense.units !== null ? `${expense.units} units, ` : ''}total ${expense.total_cost}`,
        ),
        `  Expense: ${expense.id}`,
        ...(expense.receipt ? [`  Receipt: ${expense.receipt.file_name}`] : []),
      ].join('\n'),
    () => expense.id,
  );
  return expense;
}

interface Flags {
  project?: string;
  category?: string;
  quantity?: string;
  total?: string;
  notes?: string;
  date?: string;
  billable?: boolean;
  receipt?: string;
  source?: string;
  agentId?: string;
  sessionId?: string;
}

export function defineExpenseLog(parent: Command, io: Io): void {
  const command = parent
    .command('log')
    .description('Log an expense')
    .option('--project <slug|id>', 'Project slug or ID (required)')
    .option('--category <name|id>', 'Expense category name or ID (default "LLM Usage" in agent mode)')
    .option('--quantity <units>', 'Number of units (required unless --total)')
    .option('--total <amount>', 'Total cost (alternative to quantity)')
    .option('--notes <text>', 'Description')
    .option('--date <YYYY-MM-DD>', 'Date (default: today)')
    .option('--billable', 'Mark as billable (default from the category)')
    .option('--no-billable', 'Mark as not billable')
    .option('--receipt <file>', 'Attach a receipt: PNG, JPEG, GIF or PDF, at most 10 MB');
  attributionOptions(command).action(async (flags: Flags, cmd: Command) => {
    const ctx = Context.of(io, cmd);
    const quantity = positiveOption(flags.quantity, '--quantity');
    const total = positiveOption(flags.total, '--total');
    if (quantity === undefined && total === undefined) {
      throw new UsageError('Missing --quantity (number of units) or --total (total cost)');
    }
    if (quantity !== undefined && total !== undefined) {
      throw new UsageError('Give --quantity or --total, not both');
    }
    const settings = await ctx.settings();
    const project = requireProject(settings, flags.project);
    const date = dateOption(flags.date, ctx.clock());
    const receipt = flags.receipt === undefined ? undefined : await readReceipt(flags.receipt, io.cwd);
    const client = await ctx.client();
    const attribution = await ctx.attribution(flags, client);
    await runExpenseLog(
      {
        project,
        category: flags.category,
        quantity,
        total,
        notes: flags.notes,
        date,
        billable: flags.billable,
        receipt,
        attribution,
      },
      { client, clock: ctx.clock, out: ctx.out },
    );
  });
}
