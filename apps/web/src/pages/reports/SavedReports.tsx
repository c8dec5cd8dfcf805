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
  useModalsStack,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { EditIcon, TrashIcon } from '../../components/Icons.tsx';
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
 * A report's name as both dialogs take it: a blank one is refused here, in words, rather than sent
 * for the API to refuse. `input` goes on the TextInput; `check` gives the name to send, or
 * undefined after saying "Enter a name".
 */
function useReportName() {
  const [value, setValue] = useState('');
  const [blank, setBlank] = useState(false);
  const set = (next: string) => {
    setValue(next);
    setBlank(false);
  };
  return {
    set,
    check: (): string | undefined => {
      if (value.trim() !== '') return value;
      setBlank(true);
      return undefined;
    },
    input: {
      value,
      error: blank && 'Enter a name',
      onChange: (event: ChangeEvent<HTMLInputElement>) => set(event.currentTarget.value),
    },
  };
}

/**
 * Save report | Saved reports: the report's filters (the API query the screen sends, the default
 * period included, so a saved "This week" stays this week) and its grouping under a name, for
 * oneself or shared with the workspace; the list opens them, and renames and deletes those the API
 * says the person may change (`can_edit`: their own, and as an administrator the shared ones).
 * Renaming opens over the list (a modal stack: Escape and focus belong to the top one), and
 * closing it returns to the list with focus on the Rename button.
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
  const saved = useSavedReports(kind);
  const { save, rename, remove } = useSavedReportMutations(kind);
  const [saving, savingDialog] = useDisclosure(false);
  const stack = useModalsStack(['list', 'rename']);
  const name = useReportName();
  const [shared, setShared] = useState(false);
  const [renaming, setRenaming] = useState<SavedReport | null>(null);
  const newName = useReportName();
  // The list's focus trap takes focus back to its first control when the dialog over it closes;
  // the Rename button that opened it gets it back once the dialog has gone, as a dialog should.
  const renameOpener = useRef<HTMLButtonElement | null>(null);

  const startRenaming = (report: SavedReport, opener: HTMLButtonElement) => {
    renameOpener.current = opener;
    rename.reset();
    setRenaming(report);
    newName.set(report.name);
    stack.open('rename');
  };

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    const checked = newName.check();
    if (renaming === null || checked === undefined) return;
    rename.mutate({ id: renaming.id, name: checked }, { onSuccess: () => stack.close('rename') });
  };

  // The Save dialog opens empty each time: neither a cancelled name nor its "Enter a name" stays.
  const startSaving = () => {
    name.set('');
    setShared(false);
    savingDialog.open();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = name.check();
    if (checked === undefined) return;
    save.mutate(
      {
        name: checked,
        kind,
        filters: Object.fromEntries(filters),
        group_by: groupBy,
        visibility: shared ? 'workspace' : 'private',
      },
      {
        onSuccess: () => {
          savingDialog.close();
        },
      },
    );
  };

  const reports = saved.data ?? [];
  return (
    <>
      <Button variant="default" onClick={startSaving}>
        Save report
      </Button>
      <Button variant="default" onClick={() => stack.open('list')}>
        Saved reports{reports.length > 0 ? ` (${reports.length})` : ''}
      </Button>

      <Modal opened={saving} onClose={savingDialog.close} title="Save report">
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              required
              data-autofocus
              maxLength={200}
              {...name.input}
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

      <Modal.Stack>
        <Modal {...stack.register('list')} title="Saved reports" size="lg">
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
                      <AnchorLink to={PATHS[report.kind]} search={searchOf(report)} onClick={stack.closeAll}>
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
                      {report.can_edit && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Rename ${report.name}`}
                            onClick={(event) => startRenaming(report, event.currentTarget)}
                          >
                            <EditIcon />
                          </ActionIcon>
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
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Modal>

        <Modal
          {...stack.register('rename')}
          title="Rename saved report"
          onExitTransitionEnd={() => renameOpener.current?.focus()}
        >
          <form onSubmit={submitRename} noValidate>
            <Stack>
              <TextInput
                label="Name"
                required
                data-autofocus
                maxLength={200}
                {...newName.input}
                // The whole name selected, so typing replaces it and an arrow key edits it.
                onFocus={(event) => event.currentTarget.select()}
              />
              <FormError error={rename.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => stack.close('rename')}>
                  Cancel
                </Button>
                <Button type="submit" loading={rename.isPending}>
                  Rename
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      </Modal.Stack>
    </>
  );
}
