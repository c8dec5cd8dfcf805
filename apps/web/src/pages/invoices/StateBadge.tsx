import { Badge, Group } from '@mantine/core';
import type { Invoice } from '../../types.ts';
import { STATE_COLORS, STATE_LABELS } from './data.ts';

/** The state chip, and "Overdue N days" beside it while an open invoice is past due. */
export function StateBadge({ invoice }: { invoice: Pick<Invoice, 'state' | 'is_overdue' | 'days_overdue'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATE_COLORS[invoice.state]}>{STATE_LABELS[invoice.state]}</Badge>
      {invoice.is_overdue && (
        <Badge color="red.9">
          Overdue {invoice.days_overdue} {invoice.days_overdue === 1 ? 'day' : 'days'}
        </Badge>
      )}
    </Group>
  );
}
