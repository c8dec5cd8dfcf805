import type { Expense, Keito, ListExpensesParams, Source } from '@keito/sdk';
import type { Command } from 'commander';
import { SOURCES } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import { localDate } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveCategory, resolveProject } from '../../../core/resolve.js';
import { dateOption, projectNames } from '../../shared.js';

export interface ExpenseListInput {
  from?: string | undefined;
  to?: string | undefined;
  project?: string | undefined;
  category?: string | undefined;
  source?: Source | undefined;
}

/** Lists the user's own expenses in a date range (today by default). */
export async function runExpenseList(
  input: ExpenseListInput,
  deps: { client: Keito; clock: () => Date; out: Output },
): Promise<Expense[]> {
  const { client, out } = deps;
  const today = localDate(deps.clock());
  const me = await client.users.me();
  const params: ListExpensesParams = {
    user_id: me.id,
    from: input.from ?? input.to ?? today,
    to: input.to ?? input.from ?? today,
    limit: 200,
  };
  if (input.project) params.project_id = (await resolveProject(client, input.project)).id;
  if (input.category) params.expense_category_id = (await resolveCategory(client, input.category)).id;
  if (input.source) params.source = input.source;
  const expenses: Expense[] = [];
  for await (const expense of client.expenses.list(params)) expenses.push(expense);
  if (out.json) {
    out.result(expenses, () => '');
    return expenses;
  }
  if (expenses.length === 0) {
    out.note(`No expenses from ${params.from} to ${params.to}.`);
    return expenses;
  }
  const categories = new Map<string, string>();
  const [projects] = await Promise.all([
    projectNames(client),
    (async () => {
      for await (const c of client.expenseCategories.list()) categories.set(c.id, c.name);
    })(),
  ]);
  const rows = expenses.map((e) => [
    e.id,
    e.spent_date,
    projects.get(e.project_id) ?? e.project_id,
    categories.get(e.expense_category_id) ?? e.expense_category_id,
    e.units === null ? '' : String(e.units),
    String(e.total_cost),
    e.source,
    e.notes ?? '',
  ]);
  out.line(out.table(['ID', 'DATE', 'PROJECT', 'CATEGORY', 'UNITS', 'TOTAL', 'SOURCE', 'NOTES'], rows));
  return expenses;
}

interface Flags {
  date?: string;
  from?: string;
  to?: string;
  project?: string;
  category?: string;
  source?: string;
}

export function defineExpenseList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('List expenses (today by default)')
    .option('--date <YYYY-MM-DD>', 'Expenses of one date')
    .option('--from <YYYY-MM-DD>', 'Start of a date range')
    .option('--to <YYYY-MM-DD>', 'End of a date range')
    .option('--project <slug|id>', 'Only this project')
    .option('--category <name|id>', 'Only this category')
    .option('--source <source>', 'Only this source (web, cli, api, agent)')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const now = ctx.clock();
      if (flags.date && (flags.from || flags.to)) throw new UsageError('Use --date or --from/--to, not both');
      if (flags.source && !SOURCES.includes(flags.source as Source)) {
        throw new UsageError(`Invalid --source "${flags.source}". Choose one of: ${SOURCES.join(', ')}`);
      }
      const date = dateOption(flags.date, now);
      await runExpenseList(
        {
          from: date ?? dateOption(flags.from, now, '--from'),
          to: date ?? dateOption(flags.to, now, '--to'),
          project: flags.project,
          category: flags.category,
          source: flags.source as Source | undefined,
        },
        { client: await ctx.client(), clock: ctx.clock, out: ctx.out },
      );
    });
}
