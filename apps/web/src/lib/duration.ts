// Durations as people type and read them: decimal hours (1.5) or hours and minutes (1:30).

/**
 * Parses "1.5", "1,5", "1:30", "0:45", "90m", "2h", "1h30m" or "" into decimal hours; null when it
 * is not a duration. Whole minutes are kept exactly: 1:20 is 1.3333 hours, not 1.33.
 */
export function parseDuration(input: string): number | null {
  const text = input.trim().toLowerCase().replace(',', '.');
  if (text === '') return 0;
  const clock = /^(\d{1,2}):([0-5]?\d)$/.exec(text);
  if (clock) return round4(Number(clock[1]) + Number(clock[2]) / 60);
  const decimal = /^(\d{0,2}(?:\.\d+)?)h?$/.exec(text);
  if (decimal?.[1] && decimal[1] !== '.') return round4(Number(decimal[1]));
  const units = /^(?:(\d{1,2})h)?\s*(?:(\d{1,4})m(?:in)?)?$/.exec(text);
  if (units && (units[1] !== undefined || units[2] !== undefined)) {
    return round4(Number(units[1] ?? 0) + Number(units[2] ?? 0) / 60);
  }
  return null;
}

function round4(hours: number): number {
  return Math.round(hours * 10_000) / 10_000;
}

export type DurationStyle = 'decimal' | 'hours_minutes' | 'clock';

/** 1.5 -> "1.50" (decimal), "1:30" (hours_minutes) or "1:30:00" (clock, for running timers). */
export function formatDuration(hours: number, style: DurationStyle): string {
  if (style === 'decimal') return hours.toFixed(2);
  const totalSeconds = Math.round(hours * 3600);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  if (style === 'hours_minutes') {
    // Rounded to the minute: 0:59:40 reads as 1:00, not 0:59.
    const minutes = Math.round(hours * 60);
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const s = totalSeconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
