import type { BillingType, Project } from '@keito/sdk';
import type { Format } from '../../lib/format.ts';

export const BILLING_TYPE_LABEL: Record<BillingType, string> = {
  time_and_materials: 'Time & materials',
  fixed_fee: 'Fixed fee',
  non_billable: 'Non-billable',
};

/** "120 h", "£5,000.00", "Per task", or "—" for a project without a budget. */
export function budgetSummary(project: Project, format: Format, currency: string): string {
  const monthly = project.budget_resets_monthly ? ' / month' : '';
  switch (project.budget_by) {
    case 'total_hours':
      return project.budget_hours === null ? '—' : `${format.hours(project.budget_hours)}${monthly}`;
    case 'total_fees':
      return project.budget_amount === null
        ? '—'
        : `${format.money(project.budget_amount, currency)}${monthly}`;
    case 'task':
      return `Hours per task${monthly}`;
    case 'person':
      return `Hours per person${monthly}`;
    default:
      return '—';
  }
}
