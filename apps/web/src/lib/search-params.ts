// How the router writes search parameters into the URL and reads them back
// (docs/decisions/0069-plain-search-params.md). TanStack Router's default JSON-encodes values, so it
// writes a string that reads as JSON quoted, to tell it from the boolean or number
// (`is_billable=%22true%22`). Every screen here keeps its parameters as the API's query strings,
// so a value is written as its plain text and read back as that text.

/**
 * A value as the router's default wrote a string that looks like JSON: `"true"` for the string
 * `true`. Such URLs live on in bookmarks and browser history, so they are still read.
 */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** The router's `parseSearch`: every parameter as a string (the last one of a repeated name). */
export function parseSearch(searchStr: string): Record<string, string> {
  const search: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(searchStr)) search[key] = unquote(value);
  return search;
}

/**
 * The router's `stringifySearch`: strings as they are, booleans and numbers as their text
 * (`is_billable=true`, `page=2`); undefined and null leave their parameter out. The only string
 * quoted is one that `parseSearch` would otherwise unquote (itself starting with a JSON string),
 * so every string reads back unchanged.
 */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null) continue;
    const plain = typeof value === 'string' && unquote(value) === value;
    params.set(key, plain ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
