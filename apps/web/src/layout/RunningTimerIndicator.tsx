import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useFormat } from '../lib/format.ts';
import { useElapsedHours } from '../lib/useElapsedHours.ts';
import { meQuery, runningTimerQuery } from '../queries.ts';

/** The header's reminder that a timer is running, on every page, with the time so far. */
export function RunningTimerIndicator() {
  const me = useQuery(meQuery);
  const format = useFormat();
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
      aria-label={`Timer running: ${format.duration(elapsed, 'hours_minutes')}`}
      data-testid="running-timer"
    >
      ● {format.duration(elapsed, 'clock')}
    </Badge>
  );
}
