import { Button } from '@mantine/core';

export type ExportKind = 'time-entries' | 'expenses' | 'projects' | 'invoices' | 'clients' | 'team';

/**
 * Export CSV | Export Excel: what a list shows, with its filters. Each is a plain link to
 * `GET /v1/exports/<kind>.<format>`, so the browser streams the download to disk itself (a file of
 * a million rows never passes through the page's memory) and the session cookie authenticates it.
 * Two links rather than a menu: Mantine's menu keeps a focus sentinel inside role="menu", which
 * screen readers (and axe) refuse.
 */
export function ExportButton({ kind, filters }: { kind: ExportKind; filters: URLSearchParams }) {
  const query = filters.toString();
  const href = (format: 'csv' | 'xlsx') => `/v1/exports/${kind}.${format}${query === '' ? '' : `?${query}`}`;
  return (
    <Button.Group>
      <Button component="a" variant="default" href={href('csv')} download>
        Export CSV
      </Button>
      <Button component="a" variant="default" href={href('xlsx')} download>
        Export Excel
      </Button>
    </Button.Group>
  );
}

/** The filters that are set, as query parameters (an empty select leaves its filter out). */
export function exportFilters(filters: Record<string, string | null | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params;
}
