import type { TimeEntry } from '@keito/sdk';
import { ActionIcon, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { CopyIcon, EditIcon, InfoIcon, TrashIcon } from '../../components/Icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { useElapsedHours } from '../../lib/useElapsedHours.ts';
import { ApprovalBadge, LockedBadge, SourceBadge } from './SourceBadge.tsx';

export interface EntryActions {
  open: (entry: TimeEntry) => void;
  edit: (entry: TimeEntry) => void;
  copy: (entry: TimeEntry) => void;
  restart: (entry: TimeEntry) => void;
  stop: (entry: TimeEntry) => void;
  remove: (entry: TimeEntry) => void;
}

interface Props {
  entries: TimeEntry[];
  describe: (entry: TimeEntry) => { project: string; client: string; task: string };
  actions: EntryActions;
  /** False when viewing someone else's time without permission to change it. */
  editable: boolean;
  fetchedAt: number;
}

export function DayView({ entries, describe, actions, editable, fetchedAt }: Props) {
  if (entries.length === 0) {
    return (
      <Paper withBorder p="xl" ta="center">
        <Text c="dimmed">No time on this day yet.</Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Time entries">
      {entries.map((entry) => (
        <EntryRow
          key={entry.id}
          entry={entry}
          labels={describe(entry)}
          actions={actions}
          editable={editable}
          fetchedAt={fetchedAt}
        />
      ))}
    </Stack>
  );
}

function EntryRow({
  entry,
  labels,
  actions,
  editable,
  fetchedAt,
}: {
  entry: TimeEntry;
  labels: { project: string; client: string; task: string };
  actions: EntryActions;
  editable: boolean;
  fetchedAt: number;
}) {
  const format = useFormat();
  const hours = useElapsedHours(entry, fetchedAt);
  const changeable = editable && !entry.is_locked;
  return (
    <Paper component="li" withBorder p="sm" data-testid="entry-row" data-entry-id={entry.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{labels.project}</Text>
            <Text c="dimmed" size="sm">
              ({labels.client})
            </Text>
            <SourceBadge source={entry.source} />
            <ApprovalBadge status={entry.approval_status} />
            {entry.is_locked && <LockedBadge />}
          </Group>
          <Text size="sm">{labels.task}</Text>
          {entry.notes && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {entry.notes}
            </Text>
          )}
        </Stack>
        <Stack gap={6} align="flex-end">
          <Text fw={700} ff="monospace" fz="lg" aria-label="Hours">
            {format.duration(hours, entry.is_running ? 'clock' : undefined)}
          </Text>
          <Group gap={4} wrap="nowrap">
            {entry.is_running ? (
              <Button size="xs" color="red" onClick={() => actions.stop(entry)} disabled={!editable}>
                Stop
              </Button>
            ) : (
              <Button size="xs" variant="light" onClick={() => actions.restart(entry)} disabled={!editable}>
                Restart
              </Button>
            )}
            <Tooltip label="Details">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Details"
                onClick={() => actions.open(entry)}
              >
                <InfoIcon />
              </ActionIcon>
            </Tooltip>
            {changeable && (
              <>
                <Tooltip label="Edit">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label="Edit"
                    onClick={() => actions.edit(entry)}
                  >
                    <EditIcon />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Copy to this day">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label="Copy"
                    onClick={() => actions.copy(entry)}
                  >
                    <CopyIcon />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Delete">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label="Delete"
                    onClick={() => actions.remove(entry)}
                  >
                    <TrashIcon />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
