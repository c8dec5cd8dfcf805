/** A query-string value as the list endpoints accept it. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/** Serialises list filters: undefined and null are dropped, booleans become `true`/`false`, arrays repeat. */
export function toSearchParams(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Encodes one path segment so an id can never change the route. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
