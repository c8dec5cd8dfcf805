import type { TimeEntry } from '@keito/sdk';
import { Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useFormat } from '../../lib/format.ts';
import { ApprovalBadge, LockedBadge, SourceBadge } from './SourceBadge.tsx';

/** Everything about one entry, including the metadata agents attach (model, tokens, session). */
export function EntryDetail({
  entry,
  projectName,
  onClose,
}: {
  entry: TimeEntry | null;
  projectName: (id: string) => string;
  onClose: () => void;
}) {
  const format = useFormat();
  return (
    <Drawer opened={entry !== null} onClose={onClose} title="Time entry" position="right" size="md">
      {entry && (
        <Stack>
          <Group gap="xs">
            <SourceBadge source={entry.source} />
            <ApprovalBadge status={entry.approval_status} />
            {entry.is_locked && <LockedBadge />}
          </Group>
          <Table>
            <Table.Tbody>
              <Row label="Project" value={projectName(entry.project_id)} />
              <Row label="Date" value={format.date(entry.spent_date)} />
              <Row
                label="Hours"
                value={`${format.duration(entry.hours, 'hours_minutes')} (${format.duration(entry.hours, 'decimal')})`}
              />
              <Row label="Notes" value={entry.notes ?? '—'} />
              <Row label="Source" value={entry.source} />
              <Row label="Billable" value={entry.is_billable ? 'Yes' : 'No'} />
              <Row label="Approval" value={entry.approval_status} />
              <Row label="Started" value={entry.started_at ? format.dateTime(entry.started_at) : '—'} />
              <Row label="Ended" value={entry.ended_at ? format.dateTime(entry.ended_at) : '—'} />
              <Row label="Created" value={format.dateTime(entry.created_at)} />
              <Row label="Id" value={entry.id} />
            </Table.Tbody>
          </Table>
          <Text fw={600}>Metadata</Text>
          {entry.metadata ? (
            <Code block data-testid="entry-metadata">
              {JSON.stringify(entry.metadata, null, 2)}
            </Code>
          ) : (
            <Text c="dimmed">None</Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w={110}>{label}</Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
    </Table.Tr>
  );
}
