/**
 * How a submission moves its entries (time entries and expenses alike): the status they must be
 * in, the status they move to, and what else is recorded. Each owner's query applies a transition
 * with a conditional update on approval_status, so an entry that changed meanwhile is left alone
 * and the caller sees it in the count (docs/decisions/0018-timesheets.md).
 */
export type ApprovalStatus = 'unsubmitted' | 'submitted' | 'approved' | 'rejected';

export interface EntryTransition {
  from: ApprovalStatus;
  to: ApprovalStatus;
  approvedAt: Date | null;
  approvedById: string | null;
}

export const approveEntries = (by: string, at: Date): EntryTransition => ({
  from: 'submitted',
  to: 'approved',
  approvedAt: at,
  approvedById: by,
});

/** Rejected entries are editable again and wait in their timesheet until the next submission takes them. */
export const rejectEntries = (): EntryTransition => ({
  from: 'submitted',
  to: 'rejected',
  approvedAt: null,
  approvedById: null,
});

/** Withdrawing an approval returns the entries to the approvers' queue. */
export const withdrawEntries = (): EntryTransition => ({
  from: 'approved',
  to: 'submitted',
  approvedAt: null,
  approvedById: null,
});

/** The statuses a submission takes: new entries, and rejected ones after their correction. */
export const SUBMITTABLE: ApprovalStatus[] = ['unsubmitted', 'rejected'];
