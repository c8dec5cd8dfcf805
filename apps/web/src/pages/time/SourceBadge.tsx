import type { ApprovalStatus, Source } from '@keito/sdk';
import { Badge } from '@mantine/core';

export const SOURCE_LABELS: Record<Source, string> = {
  web: 'Web',
  cli: 'CLI',
  api: 'API',
  agent: 'Agent',
};

/** Where an entry came from: violet for agents, amber for the CLI, grey for other API clients. */
export function SourceBadge({ source }: { source: Source }) {
  if (source === 'agent')
    return (
      <Badge color="violet" variant="filled" size="sm">
        Agent
      </Badge>
    );
  if (source === 'cli')
    return (
      <Badge color="yellow.5" variant="filled" size="sm">
        CLI
      </Badge>
    );
  if (source === 'api')
    return (
      <Badge color="gray" variant="light" size="sm">
        API
      </Badge>
    );
  return null;
}

export function LockedBadge() {
  return (
    <Badge
      color="gray"
      variant="outline"
      size="sm"
      title="Approved, invoiced or past the lock date: read-only"
    >
      Locked
    </Badge>
  );
}

const APPROVAL_COLOURS: Record<Exclude<ApprovalStatus, 'unsubmitted'>, string> = {
  submitted: 'blue',
  approved: 'teal',
  rejected: 'red',
};

export const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  unsubmitted: 'Unsubmitted',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** Where an entry or a day is in the approval workflow; nothing while it is unsubmitted. */
export function ApprovalBadge({ status }: { status: ApprovalStatus }) {
  if (status === 'unsubmitted') return null;
  return (
    // Outlined in shade 9: the light variant's text is under 4.5:1 on its own tint.
    <Badge color={`${APPROVAL_COLOURS[status]}.9`} variant="outline" size="sm" data-testid="approval-status">
      {APPROVAL_LABELS[status]}
    </Badge>
  );
}

/**
 * A day's approval state from its entries: the one state they share, or the least advanced one
 * (a day with a rejected entry needs work; one with unsubmitted entries is not yet all submitted).
 */
export function dayApprovalStatus(statuses: ApprovalStatus[]): ApprovalStatus {
  for (const status of ['rejected', 'unsubmitted', 'submitted'] as const) {
    if (statuses.includes(status)) return status;
  }
  return statuses.length === 0 ? 'unsubmitted' : 'approved';
}
