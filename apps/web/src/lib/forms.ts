// Form values as Mantine inputs hold them (strings, and number-or-empty-string) to API fields (null for empty).

/** An optional text field: trimmed, and null when empty so the server clears it. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** NumberInput gives '' when empty. */
export function numberOrNull(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

export const numberOrBlank = (value: number | null | undefined): number | string => value ?? '';
