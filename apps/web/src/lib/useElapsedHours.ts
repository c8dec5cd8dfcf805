import type { TimeEntry } from '@keito/sdk';
import { useEffect, useState } from 'react';

/**
 * A running timer's hours, ticking every second: the server's hours at fetch time plus the time
 * since, so the clock moves without refetching and agrees with the server after a reload.
 */
export function useElapsedHours(entry: TimeEntry | null, fetchedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  const running = entry?.is_running === true;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (entry === null) return 0;
  if (!running) return entry.hours;
  return entry.hours + Math.max(0, now - fetchedAt) / 3_600_000;
}
