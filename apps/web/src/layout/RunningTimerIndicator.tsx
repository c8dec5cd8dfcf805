import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatDuration } from '../lib/duration.ts';
import { useElapsedHours } from '../lib/useElapsedHours.ts';
import { meQuery, runningTimerQuery } from '../queries.ts';

/** The header's reminder that a timer is running, on every page, with the time so far. */
export function RunningTimerIndicator() {
  const me = useQuery(meQuery);
  const running = useQuery({ ...runningTimerQuery(me.data?.id ?? ''), enabled: me.data !== undefined });
  const elapsed = useElapsedHours(running.data ?? null, running.dataUpdatedAt);
  if (!running.data) return null;
  return (
    <Badge
      component={Link}
      to="/time"
      color="red"
      variant="light"
      size="lg"
      style={{ cursor: 'pointer' }}
      aria-label={`Timer running: ${formatDuration(elapsed, 'hours_minutes')}`}
      data-testid="running-timer"
    >
      ● {formatDuration(elapsed, 'clock')}
    </Badge>
  );
}
