// The app talks to the public REST API only, with the session cookie the server set at sign-in.
// Every request carries `X-Keito-Client`: the server refuses cookie-authenticated writes without it,
// which a cross-site form or image cannot add (CSRF).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * JSON; a FormData (a receipt upload) that the browser sends as multipart with its boundary; or a
 * file (the invoice logo) sent as the raw body, its type decided by the server from its bytes.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'x-keito-client': 'web' };
  const asIs = body instanceof FormData || body instanceof Blob;
  if (body instanceof Blob) headers['content-type'] = body.type || 'application/octet-stream';
  else if (body !== undefined && !asIs) headers['content-type'] = 'application/json';
  const response = await fetch(`/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : asIs ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'internal_error',
      error?.message ?? `Request failed (${response.status})`,
      error?.field,
    );
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T = null>(path: string) => api<T>('DELETE', path);

/** What to show a person when a request failed: the server's message, which names the field. */
export function errorMessage(error: unknown, fallback = 'Something went wrong; try again'): string {
  return error instanceof ApiError ? error.message : fallback;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** Follows next_cursor until the end: lists in the app are small enough to hold whole. */
export async function getAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: Page<T> = await get<Page<T>>(`${path}${separator}limit=200${suffix}`);
    items.push(...page.data);
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor !== null);
  return items;
}
