import type { BillingType, Project } from '../../types.ts';

export const BILLING_TYPE_LABEL: Record<BillingType, string> = {
  time_and_materials: 'Time & materials',
  fixed_fee: 'Fixed fee',
  non_billable: 'Non-billable',
};

/** "120 h", "£5,000.00", "Per task", or "—" for a project without a budget. */
export function budgetSummary(project: Project, currency?: string): string {
  const monthly = project.budget_resets_monthly ? ' / month' : '';
  switch (project.budget_by) {
    case 'total_hours':
      return project.budget_hours === null ? '—' : `${project.budget_hours} h${monthly}`;
    case 'total_fees':
      if (project.budget_amount === null) return '—';
      return `${
        currency
          ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(project.budget_amount)
          : project.budget_amount.toFixed(2)
      }${monthly}`;
    case 'task':
      return `Hours per task${monthly}`;
    case 'person':
      return `Hours per person${monthly}`;
    default:
      return '—';
  }
}
