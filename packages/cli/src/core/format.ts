/** `1h 23m`, `45m`, `0m` from decimal hours. */
export function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return `${h}h ${m}m`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** YYYY-MM-DD of `date` in the machine's time zone: "today" is the user's today. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD HH:MM in the machine's time zone. */
export function localDateTime(date: Date): string {
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Checks a YYYY-MM-DD date; `today` and `yesterday` are accepted too. */
export function parseDate(value: string, now: Date): string | undefined {
  if (value === 'today') return localDate(now);
  if (value === 'yesterday') return localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return value;
}

/** Minutes from `15m`, `6m`, `1h`, `0.25h` or a bare number of minutes. */
export function parseIncrement(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(m|min|h)?$/i.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const minutes = match[2]?.toLowerCase() === 'h' ? amount * 60 : amount;
  return minutes > 0 && minutes <= 24 * 60 ? minutes : undefined;
}

/** Rounds hours to the nearest multiple of `minutes` (half rounds up), as two-decimal-safe hours. */
export function roundToIncrement(hours: number, minutes: number): number {
  const rounded = Math.round((hours * 60) / minutes) * minutes;
  return Math.round((rounded / 60) * 1e6) / 1e6;
}

/** A positive decimal number from a flag, or undefined. */
export function parsePositiveNumber(value: string): number | undefined {
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(value.trim())) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** `Acme Website` -> `acme-website`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
