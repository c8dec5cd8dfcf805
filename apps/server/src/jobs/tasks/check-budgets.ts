import { accountsWithBudgets, checkBudgets } from '../../domains/reports/budget-alerts.ts';
import type { TaskHandler } from './index.ts';

export const checkBudgetsTask: TaskHandler<'check-budgets'> = async (payload, context) => {
  const accountIds =
    payload.accountId === undefined ? await accountsWithBudgets(context.db) : [payload.accountId];
  const now = new Date();
  for (const accountId of accountIds) {
    const crossed = await checkBudgets(context.db, accountId, now);
    if (crossed > 0) context.log.info(`budget alerts: ${crossed} new crossing(s) in ${accountId}`);
  }
};
