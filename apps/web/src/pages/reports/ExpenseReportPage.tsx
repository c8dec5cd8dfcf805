import { EXPENSE_FILTERS, ReportFilterBar } from './ReportFilterBar.tsx';

export function ExpenseReportPage() {
  return <ReportFilterBar filters={EXPENSE_FILTERS} />;
}
