// Reads the endpoints docs/api.md names, in its own shorthand, as "METHOD /path" keys of the OpenAPI
// document: `GET/PATCH /tasks/:id` is two endpoints under /v1, `PATCH/DELETE .../:contactId` continues
// the path named before it on the same line, a query string is dropped, and /api/v2, /healthz,
// /readyz, the webhooks and paths written with /v1 already are not put under /v1.

const METHODS = 'GET|POST|PUT|PATCH|DELETE';
/** A code span that starts with one or more methods and a path: `GET/POST /clients/:id/contacts`. */
const ENDPOINT = new RegExp(`\`((?:${METHODS})(?:/(?:${METHODS}))*) ((?:/|\\.\\.\\./)[^\\s\`]*)`, 'g');

/** Paths the page names that are not under /v1: the v2 API, health, and the providers' webhooks. */
const OUTSIDE_V1 = ['/api/', '/v1/', '/webhooks/', '/oauth/'];

function absolute(path: string): string {
  // A query string in an example (`/invoices/uninvoiced?client_id=`) is not part of the path.
  const openApi = path.replace(/\?.*$/, '').replace(/:(\w+)/g, '{$1}');
  if (OUTSIDE_V1.some((prefix) => openApi.startsWith(prefix))) return openApi;
  if (openApi === '/healthz' || openApi === '/readyz') return openApi;
  return `/v1${openApi}`;
}

export function documentedEndpoints(page: string): Set<string> {
  const endpoints = new Set<string>();
  for (const line of page.split('\n')) {
    let previous: string | undefined;
    for (const [, methods = '', written = ''] of line.matchAll(ENDPOINT)) {
      // ".../:assignmentId" is the previous path with its last segment's continuation.
      const path = written.startsWith('.../') && previous ? `${previous}/${written.slice(4)}` : written;
      previous = path;
      for (const method of methods.split('/')) endpoints.add(`${method} ${absolute(path)}`);
    }
  }
  return endpoints;
}
