import { Group, ScrollArea, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { workspaceQuery } from '../../queries.ts';
import type { WorkspaceFeatures } from '../../types.ts';
import { ButtonLink } from './links.tsx';
import { FILTER_KEYS, type ReportSearch } from './search.ts';

interface ReportPage {
  /** A route under /reports (router.tsx), whose search parameters are the section's. */
  to:
    | '/reports'
    | '/reports/time'
    | '/reports/expenses'
    | '/reports/budgets'
    | '/reports/utilisation'
    | '/reports/agents';
  label: string;
  /** A workspace module the report needs (the API refuses it while the module is off). */
  feature?: keyof WorkspaceFeatures;
}

/** The reports, in the order of the section's tabs; each is a child route of /reports. */
export const REPORT_PAGES: ReportPage[] = [
  { to: '/reports', label: 'Overview' },
  { to: '/reports/time', label: 'Time' },
  { to: '/reports/expenses', label: 'Expenses', feature: 'expenses' },
  { to: '/reports/budgets', label: 'Budgets' },
  { to: '/reports/utilisation', label: 'Utilisation' },
  { to: '/reports/agents', label: 'Agents' },
];

/** Going from one report to another keeps the filters (the period, the clients ...), not the grouping or drill-down. */
function keepFilters(previous: ReportSearch): ReportSearch {
  return Object.fromEntries(
    Object.entries(previous).filter(([key]) => (FILTER_KEYS as readonly string[]).includes(key)),
  );
}

/** The Reports section: a tab per report above the open one. */
export function ReportsLayout() {
  const workspace = useQuery(workspaceQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname }).replace(/\/$/, '');
  const pages = REPORT_PAGES.filter(
    (page) => page.feature === undefined || workspace.data?.features[page.feature] === true,
  );
  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <ScrollArea type="never">
        <Group gap={4} component="nav" aria-label="Reports">
          {pages.map((page) => {
            const current = pathname === page.to;
            return (
              <ButtonLink
                key={page.to}
                to={page.to}
                search={keepFilters}
                variant={current ? 'filled' : 'subtle'}
                color={current ? 'indigo.8' : 'dark'}
                size="sm"
                aria-current={current ? 'page' : undefined}
              >
                {page.label}
              </ButtonLink>
            );
          })}
        </Group>
      </ScrollArea>
      <Outlet />
    </Stack>
  );
}
