import type { BulkResult, Timesheet, TimesheetDetail, TimesheetFlag, TimesheetState } from '@keito/sdk';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, getAll, post } from '../../api.ts';
import { type Format, useFormat } from '../../lib/format.ts';
import { workspaceQuery } from '../../queries.ts';
import { ApprovalBadge, SourceBadge } from './SourceBadge.tsx';

const STATES: { value: TimesheetState; label: string }[] = [
  { value: 'submitted', label: 'Waiting for approval' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

/**
 * Time → Approval (time-tracking/approving-time): the submissions of the people this approver
 * manages, chosen together for one decision with a shared note, or opened one at a time.
 */
export function ApprovalPage() {
  const workspace = useQuery(workspaceQuery);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TimesheetState>('submitted');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [note, setNote] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const approvalsOn = workspace.data?.features.approvals !== false;
  const queue = useQuery({
    queryKey: ['timesheets', 'list', state],
    queryFn: () => getAll<Timesheet>(`/timesheets?state=${state}`),
    enabled: approvalsOn,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['timesheets'] });

  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject') =>
      post<BulkResult>(`/timesheets/${action}`, {
        ids: [...selected],
        ...(note.trim() ? { reason: note.trim() } : {}),
      }),
    onSuccess: async (result, action) => {
      const failed = result.results.filter((each) => each.error !== undefined);
      const done = result.results.length - failed.length;
      notifications.show({
        color: failed.length > 0 ? 'yellow' : undefined,
        message: [
          `${action === 'approve' ? 'Approved' : 'Rejected'} ${done} of ${result.results.length}`,
          ...failed.map((each) => each.error?.message),
        ].join('. '),
      });
      setSelected(new Set(failed.map((each) => each.id)));
      setNote('');
      await refresh();
    },
  });

  if (!approvalsOn) {
    return (
      <Stack>
        <Title order={2}>Approval</Title>
        <Alert color="gray">Approvals are turned off for this workspace: entries are final when saved.</Alert>
      </Stack>
    );
  }

  const rows = queue.data ?? [];
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Approval</Title>
        <Select
          aria-label="Show"
          data={STATES}
          value={state}
          allowDeselect={false}
          onChange={(value) => {
            setState((value as TimesheetState | null) ?? 'submitted');
            setSelected(new Set());
          }}
        />
      </Group>

      {state === 'submitted' && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Textarea
              label="Note for the selected timesheets"
              description="Sent with a rejection (required) or an approval (optional)"
              autosize
              minRows={1}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Group gap="xs">
              <Button
                onClick={() => decide.mutate('approve')}
                disabled={selected.size === 0}
                loading={decide.isPending && decide.variables === 'approve'}
              >
                Approve selected ({selected.size})
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() => decide.mutate('reject')}
                disabled={selected.size === 0 || note.trim() === ''}
                loading={decide.isPending && decide.variables === 'reject'}
              >
                Reject selected
              </Button>
            </Group>
            {decide.isError && (
              <Alert color="red" role="alert">
                {errorMessage(decide.error)}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="sm">
        {queue.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(queue.error)}
          </Alert>
        ) : rows.length === 0 ? (
          <Text c="dimmed" ta="center" p="lg">
            {queue.isLoading ? 'Loading…' : 'Nothing here.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Timesheets" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label="Select all"
                      checked={allSelected}
                      indeterminate={!allSelected && selected.size > 0}
                      onChange={() =>
                        setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))
                      }
                    />
                  </Table.Th>
                  <Table.Th scope="col">Person</Table.Th>
                  <Table.Th scope="col">Period</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Hours
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Billable / non-billable
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Expenses
                  </Table.Th>
                  <Table.Th scope="col">Flags</Table.Th>
                  <Table.Th scope="col" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id} data-testid="timesheet-row">
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${row.user.name}, ${format.date(row.from)} – ${format.date(row.to)}`}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {row.user.name}
                        {row.user.user_type === 'agent' && <SourceBadge source="agent" />}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {format.date(row.from)} – {format.date(row.to)}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {format.duration(row.total_hours)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {format.duration(row.billable_hours)} / {format.duration(row.non_billable_hours)}
                    </Table.Td>
                    <Table.Td ta="right">{format.money(row.expense_total, row.currency)}</Table.Td>
                    <Table.Td>
                      <Flags flags={row.flags} format={format} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" onClick={() => setOpenId(row.id)}>
                        Open
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <TimesheetDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />
    </Stack>
  );
}

const FLAG_LABELS: Record<TimesheetFlag['kind'], string> = {
  missing_notes: 'Missing notes',
  over_daily_capacity: 'Long day',
  overtime: 'Overtime',
};

function flagText(flag: TimesheetFlag, format: Format): string {
  const capacity = flag.capacity_hours === null ? '' : ` (capacity ${format.duration(flag.capacity_hours)})`;
  return `${FLAG_LABELS[flag.kind]}: ${format.shortDay(flag.date)}, ${format.duration(flag.hours)} h${capacity}`;
}

function Flags({ flags, format }: { flags: TimesheetFlag[]; format: Format }) {
  if (flags.length === 0) return null;
  const kinds = [...new Set(flags.map((flag) => flag.kind))];
  return (
    <Group gap={4} title={flags.map((flag) => flagText(flag, format)).join('\n')}>
      {kinds.map((kind) => (
        <Badge key={kind} color="orange" variant="light" size="sm">
          {FLAG_LABELS[kind]}
        </Badge>
      ))}
    </Group>
  );
}

/** The drill-down: the entries with their daily totals, and the decision on this one timesheet. */
function TimesheetDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const format = useFormat();
  const [reason, setReason] = useState('');
  const detail = useQuery({
    queryKey: ['timesheets', 'detail', id],
    queryFn: () => get<TimesheetDetail>(`/timesheets/${id}`),
    enabled: id !== null,
  });
  const act = useMutation({
    mutationFn: (action: 'approve' | 'reject' | 'withdraw') =>
      post<TimesheetDetail>(
        `/timesheets/${id}/${action}`,
        action === 'reject' ? { reason: reason.trim() } : {},
      ),
    onSuccess: (_, action) => {
      notifications.show({
        message: { approve: 'Approved', reject: 'Rejected', withdraw: 'Approval withdrawn' }[action],
      });
      setReason('');
      onChanged();
      onClose();
    },
  });
  const sheet = detail.data;
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Timesheet">
      {detail.isError && (
        <Alert color="red" role="alert">
          {errorMessage(detail.error)}
        </Alert>
      )}
      {sheet && (
        <Stack>
          <Group gap="xs">
            <Text fw={600}>{sheet.user.name}</Text>
            <Text c="dimmed">
              {format.date(sheet.from)} – {format.date(sheet.to)}
            </Text>
            <ApprovalBadge status={sheet.state} />
          </Group>
          <Text size="sm">
            Submitted {format.dateTime(sheet.submitted_at)}
            {sheet.submitted_by && sheet.submitted_by.id !== sheet.user.id
              ? ` by ${sheet.submitted_by.name}`
              : ''}
            {sheet.decided_at && sheet.decided_by
              ? `; ${sheet.state} ${format.dateTime(sheet.decided_at)} by ${sheet.decided_by.name}`
              : ''}
          </Text>
          {sheet.reason && (
            <Alert color={sheet.state === 'rejected' ? 'red' : 'gray'} title="Note">
              {sheet.reason}
            </Alert>
          )}
          {sheet.flags.length > 0 && (
            <Alert color="orange" title="Worth a second look">
              <Stack gap={2}>
                {sheet.flags.map((flag) => (
                  <Text key={`${flag.kind}-${flag.date}-${flag.time_entry_id ?? ''}`} size="sm">
                    {flagText(flag, format)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Table aria-label="Daily totals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day</Table.Th>
                <Table.Th scope="col" ta="right">
                  Hours
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Billable
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Expenses
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.daily_totals.map((day) => (
                <Table.Tr key={day.date}>
                  <Table.Td>{format.shortDay(day.date)}</Table.Td>
                  <Table.Td ta="right">{format.duration(day.hours)}</Table.Td>
                  <Table.Td ta="right">{format.duration(day.billable_hours)}</Table.Td>
                  <Table.Td ta="right">{format.money(day.expense_total, sheet.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Total</Table.Th>
                <Table.Td ta="right" fw={700} data-testid="timesheet-total">
                  {format.duration(sheet.total_hours)}
                </Table.Td>
                <Table.Td ta="right">{format.duration(sheet.billable_hours)}</Table.Td>
                <Table.Td ta="right">{format.money(sheet.expense_total, sheet.currency)}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          <Title order={3} size="h5">
            Time entries
          </Title>
          <Table aria-label="Time entries of the timesheet">
            <Table.Tbody>
              {sheet.time_entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{format.date(entry.spent_date)}</Table.Td>
                  <Table.Td>
                    {entry.notes ?? (
                      <Text span c="orange.9" size="sm">
                        No notes
                      </Text>
                    )}{' '}
                    <SourceBadge source={entry.source} />
                  </Table.Td>
                  <Table.Td ta="right">{format.duration(entry.hours)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {sheet.expenses.length > 0 && (
            <>
              <Title order={3} size="h5">
                Expenses
              </Title>
              <Table aria-label="Expenses of the timesheet">
                <Table.Tbody>
                  {sheet.expenses.map((expense) => (
                    <Table.Tr key={expense.id}>
                      <Table.Td>{format.date(expense.spent_date)}</Table.Td>
                      <Table.Td>{expense.notes ?? ''}</Table.Td>
                      <Table.Td ta="right">{format.money(expense.total_cost, sheet.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {act.isError && (
            <Alert color="red" role="alert">
              {errorMessage(act.error)}
            </Alert>
          )}
          {sheet.state === 'submitted' && (
            <Stack gap="xs">
              <Textarea
                label="Reason (for a rejection)"
                autosize
                minRows={1}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button
                  color="red"
                  variant="light"
                  disabled={reason.trim() === ''}
                  onClick={() => act.mutate('reject')}
                >
                  Reject
                </Button>
                <Button onClick={() => act.mutate('approve')} loading={act.isPending}>
                  Approve
                </Button>
              </Group>
            </Stack>
          )}
          {sheet.state === 'approved' && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => act.mutate('withdraw')} loading={act.isPending}>
                Withdraw approval
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
