import type { ApprovalStatus, SavedReportKind, Source } from '@keito/sdk';
import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api.ts';
import { ExportButton, type ExportKind } from '../../components/ExportButton.tsx';
import { useFormat } from '../../lib/format.ts';
import { ApprovalBadge, SourceBadge } from '../time/SourceBadge.tsx';
import { ButtonLink } from './links.tsx';
import { SavedReports } from './SavedReports.tsx';
import type { ReportSearch } from './search.ts';

/** Amounts in several currencies, one a line: they never add up into one figure. */
export function MoneyLines({ amounts }: { amounts: [number | null, string][] }) {
  const format = useFormat();
  return (
    <>
      {amounts.map(([amount, currency]) => (
        <div key={currency} data-currency={currency}>
          {format.money(amount, currency)}
        </div>
      ))}
    </>
  );
}

/** What each report lacks when it has no rows; " with these filters." or " yet." follows. */
const EMPTY = {
  time: 'No time tracked in this period',
  expenses: 'No expenses in this period',
  budgets: 'No budgets',
  utilisation: 'No one in this report',
  agents: 'No time or LLM usage in this period',
};

const EMPTY_HINTS: Partial<Record<keyof typeof EMPTY, string>> = {
  budgets: 'A project gets a budget on its page (hours or fees); choose another month or status to see more.',
  utilisation: 'Agents have no capacity, so only people are listed.',
};

/** A report with no rows: what the filters left out, and where to go from here. */
export function EmptyReport({ what, filtered = true }: { what: keyof typeof EMPTY; filtered?: boolean }) {
  return (
    <Paper withBorder p="lg">
      <Stack align="center" gap="xs">
        <Text fw={500}>
          {EMPTY[what]}
          {filtered ? ' with these filters' : ' yet'}.
        </Text>
        <Text c="dimmed" ta="center" size="sm">
          {EMPTY_HINTS[what] ??
            (filtered
              ? 'Choose another period or clear a filter; entries appear here as soon as they are tracked.'
              : 'Entries appear here as soon as they are tracked.')}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * Group by, Save report, Saved reports and the export links of a summary report. The export takes
 * the filters of what is on screen: the summary's, or the open drill-down's.
 */
export function ReportToolbar<Grouping extends string>({
  kind,
  exportKind,
  groups,
  group,
  filters,
  exportFilters,
}: {
  kind: SavedReportKind;
  exportKind: ExportKind;
  groups: { value: Grouping; label: string }[];
  group: Grouping;
  filters: URLSearchParams;
  exportFilters: URLSearchParams;
}) {
  const navigate = useNavigate();
  return (
    <Group justify="space-between" align="flex-end">
      <Select
        label="Group by"
        w={180}
        allowDeselect={false}
        data={groups}
        value={group}
        onChange={(value) =>
          navigate({
            to: '.',
            search: (previous: ReportSearch) => ({
              ...previous,
              group_by: value ?? undefined,
              drill: undefined,
            }),
          })
        }
      />
      <Group gap="xs">
        <SavedReports kind={kind} filters={filters} groupBy={group} />
        <ExportButton kind={exportKind} filters={exportFilters} />
      </Group>
    </Group>
  );
}

/** A request of a report that failed (the server's message) or is on its way. */
export function ReportStatus({
  query,
  label,
}: {
  query: { error: unknown; isPending: boolean };
  label: string;
}) {
  return (
    <>
      {query.error !== null && (
        <Alert color="red" role="alert">
          {errorMessage(query.error)}
        </Alert>
      )}
      {query.isPending && query.error === null && <Loader aria-label={label} />}
    </>
  );
}

/**
 * The detailed entries of one summary row (or of every entry), a page at a time, with the way back
 * to the summary: Back in the browser does the same, the drill-down being in the URL.
 */
export function EntriesPanel({
  title,
  query,
  count,
  children,
}: {
  title: string;
  query: {
    error: unknown;
    isPending: boolean;
    isSuccess: boolean;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  count: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="entries-title">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4" id="entries-title">
            {title}
          </Title>
          <ButtonLink
            to="."
            search={(previous: ReportSearch) => ({ ...previous, drill: undefined })}
            variant="default"
            size="xs"
          >
            Back to summary
          </ButtonLink>
        </Group>
        <ReportStatus query={query} label="Loading entries" />
        {query.isSuccess && count === 0 && <Text c="dimmed">No entries match.</Text>}
        {count > 0 && children}
        {query.hasNextPage && (
          <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Show more
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** Where an entry came from (when not the web app), its approval state and whether it is invoiced. */
export function EntryStates({
  source,
  approval,
  invoiced,
}: {
  source: Source;
  approval: ApprovalStatus;
  invoiced: boolean;
}) {
  return (
    <Group gap={4}>
      <SourceBadge source={source} />
      <ApprovalBadge status={approval} />
      {invoiced && (
        <Badge variant="outline" color="gray.8" size="sm">
          Invoiced
        </Badge>
      )}
    </Group>
  );
}
