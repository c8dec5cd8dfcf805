import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';

/** A kind of expense; unit-based ones (like "LLM Usage", per 1k tokens) carry a unit name and price. */
export interface ExpenseCategory {
  id: string;
  name: string;
  /** Unit-based categories price a quantity: units x unit_price. */
  is_unit_based: boolean;
  unit_name: string | null;
  unit_price: number | null;
  billable_by_default: boolean;
  /** Built-in categories have readable ids, the same in every workspace: `cat_llm_usage`, `cat_mileage`... */
  is_builtin: boolean;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `expenseCategories.create`; give `unit_name` and `unit_price` for a unit-based category. */
export interface CreateExpenseCategoryInput {
  name: string;
  unit_name?: string | null;
  unit_price?: number | null;
  billable_by_default?: boolean;
}

/** Body of `expenseCategories.update`; `is_active: false` archives the category. */
export interface UpdateExpenseCategoryInput extends Partial<CreateExpenseCategoryInput> {
  is_active?: boolean;
}

/** Filters of `expenseCategories.list`. */
export interface ListExpenseCategoriesParams {
  is_active?: boolean;
}

export class ExpenseCategories extends APIResource {
  /** Creates an expense category. */
  create(input: CreateExpenseCategoryInput, options?: RequestOptions): Promise<ExpenseCategory> {
    return this._client.request({ method: 'POST', path: '/expense-categories', body: input, options });
  }

  /** Lists expense categories, including the built-in `cat_llm_usage`. */
  list(params?: ListExpenseCategoriesParams, options?: RequestOptions): PagePromise<ExpenseCategory> {
    return this._client.getPage<ExpenseCategory>('/expense-categories', params, options);
  }

  /** Fetches one expense category by id (`cat_llm_usage` works in every workspace). */
  get(id: string, options?: RequestOptions): Promise<ExpenseCategory> {
    return this._client.request({ method: 'GET', path: `/expense-categories/${segment(id)}`, options });
  }

  /** Updates an expense category. */
  update(id: string, input: UpdateExpenseCategoryInput, options?: RequestOptions): Promise<ExpenseCategory> {
    return this._client.request({
      method: 'PATCH',
      path: `/expense-categories/${segment(id)}`,
      body: input,
      options,
    });
  }
}
