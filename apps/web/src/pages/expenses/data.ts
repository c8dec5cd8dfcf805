import type { Expense, ExpenseCategory } from '@keito/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, getAll, patch, post, put } from '../../api.ts';
import { listQuery } from '../../queries.ts';

export interface ExpenseFilters {
  from: string;
  to: string;
  projectId?: string | null;
  clientId?: string | null;
  categoryId?: string | null;
  billable?: string | null;
  approvalStatus?: string | null;
  source?: string | null;
  userId?: string | null;
}

export function expensesPath(filters: ExpenseFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  const optional: [string, string | null | undefined][] = [
    ['project_id', filters.projectId],
    ['client_id', filters.clientId],
    ['expense_category_id', filters.categoryId],
    ['billable', filters.billable],
    ['approval_status', filters.approvalStatus],
    ['source', filters.source],
    ['user_id', filters.userId],
  ];
  for (const [name, value] of optional) if (value) params.set(name, value);
  return `/expenses?${params}`;
}

export function useExpenses(filters: ExpenseFilters) {
  return useQuery({
    queryKey: ['expenses', 'list', filters],
    queryFn: () => getAll<Expense>(expensesPath(filters)),
  });
}

export const useCategories = () => useQuery(listQuery<ExpenseCategory>('/expense-categories'));

/** The create body, the receipt to attach, and (when editing) whether to remove the current one. */
export interface ExpenseSave {
  id?: string;
  body: Record<string, unknown>;
  receipt: File | null;
  removeReceipt: boolean;
}

function receiptForm(file: File, expense?: Record<string, unknown>): FormData {
  const form = new FormData();
  if (expense !== undefined) form.append('expense', JSON.stringify(expense));
  form.append('file', file, file.name);
  return form;
}

/** Every change to expenses refreshes the lists. */
export function useExpenseMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['expenses'] });
  return {
    save: useMutation({
      mutationFn: async ({ id, body, receipt, removeReceipt }: ExpenseSave) => {
        // A new expense and its receipt go in one request: both are kept, or neither.
        if (id === undefined) {
          return receipt === null
            ? post<Expense>('/expenses', body)
            : post<Expense>('/expenses', receiptForm(receipt, body));
        }
        let expense = await patch<Expense>(`/expenses/${id}`, body);
        if (receipt !== null) expense = await put<Expense>(`/expenses/${id}/receipt`, receiptForm(receipt));
        else if (removeReceipt) expense = await del<Expense>(`/expenses/${id}/receipt`);
        return expense;
      },
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => del(`/expenses/${id}`), onSuccess }),
  };
}
