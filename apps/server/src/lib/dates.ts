/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** ISO 8601 with a Z, no fractional seconds beyond milliseconds: how every timestamp leaves the API. */
export function toIsoTimestamp(value: Date): string {
  return value.toISOString();
}
