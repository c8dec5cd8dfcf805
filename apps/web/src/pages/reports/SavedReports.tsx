import type { SavedReport, SavedReportKind } from '@keito/sdk';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { TrashIcon } from '../../components/Icons.tsx';
import { meQuery } from '../../queries.ts';
import { useSavedReportMutations, useSavedReports } from './data.ts';
import { AnchorLink } from './links.tsx';
import type { ReportSearch } from './search.ts';

const PATHS = { time: '/reports/time', expenses: '/reports/expenses' } as const;

/** What a saved report opens: its report with its filters and grouping in the URL, as when it was saved. */
const searchOf = (report: SavedReport): ReportSearch => ({
  ...report.filters,
  ...(report.group_by === null ? {} : { group_by: report.group_by }),
});

/**
 * Save report | Saved reports: the report's filters (the API query the screen sends, the default
 * period included, so a saved "This week" stays this week) and its grouping under a name, for
 * oneself or shared with the workspace; the list opens them and deletes one's own.
 */
export function SavedReports({
  kind,
  filters,
  groupBy,
}: {
  kind: SavedReportKind;
  filters: URLSearchParams;
  groupBy: string;
}) {
  const me = useQuery(meQuery);
  const saved = useSavedReports(kind);
  const { save, remove } = useSavedReportMutations(kind);
  const [saving, savingDialog] = useDisclosure(false);
  const [listing, listDialog] = useDisclosure(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        name,
        kind,
        filters: Object.fromEntries(filters),
        group_by: groupBy,
        visibility: shared ? 'workspace' : 'private',
      },
      {
        onSuccess: () => {
          savingDialog.close();
          setName('');
          setShared(false);
        },
      },
    );
  };

  const reports = saved.data ?? [];
  return (
    <>
      <Button variant="default" onClick={savingDialog.open}>
        Save report
      </Button>
      <Button variant="default" onClick={listDialog.open}>
        Saved reports{reports.length > 0 ? ` (${reports.length})` : ''}
      </Button>

      <Modal opened={saving} onClose={savingDialog.close} title="Save report">
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label="Name"
              required
              data-autofocus
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              placeholder="Weekly team hours"
            />
            <Checkbox
              label="Share with the workspace (each person sees only the data their role allows)"
              checked={shared}
              onChange={(event) => setShared(event.currentTarget.checked)}
            />
            <FormError error={save.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={savingDialog.close}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal opened={listing} onClose={listDialog.close} title="Saved reports" size="lg">
        {saved.isSuccess && reports.length === 0 && (
          <Text c="dimmed">No saved reports yet: set the filters and grouping, then Save report.</Text>
        )}
        <FormError error={saved.error ?? remove.error} />
        {reports.length > 0 && (
          <Table aria-label="Saved reports">
            <Table.Tbody>
              {reports.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Td>
                    <AnchorLink to={PATHS[report.kind]} search={searchOf(report)} onClick={listDialog.close}>
                      {report.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {report.visibility === 'workspace' && (
                      <Badge variant="outline" color="indigo.9" size="sm">
                        Shared
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {report.owner_id === me.data?.id && (
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={`Delete ${report.name}`}
                        loading={remove.isPending && remove.variables === report.id}
                        onClick={() =>
                          window.confirm(`Delete the saved report “${report.name}”?`) &&
                          remove.mutate(report.id)
                        }
                      >
                        <TrashIcon />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Modal>
    </>
  );
}
