import type { Timesheet, TimesheetDetail } from '@keito/sdk';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, getAll, post } from '../../api.ts';
import { useFormat } from '../../lib/format.ts';
import { useEntries } from './data.ts';

/**
 * Submit week (time-tracking/submitting-timesheets): everything of the person's week that is not yet
 * submitted goes to their approver as one timesheet. The confirmation lists what will go, from the
 * unfiltered week, whatever the page's filters show.
 */
export function SubmitWeek({
  days,
  userId,
  onBehalfOf,
}: {
  days: string[];
  userId: string;
  onBehalfOf?: string;
}) {
  const [opened, setOpened] = useState(false);
  const from = days[0] ?? '';
  const to = days[days.length - 1] ?? '';
  const week = useEntries({ from, to, userId });
  const format = useFormat();
  const queryClient = useQueryClient();
  // Rejected entries are editable again and go with the next submission, like new ones.
  const pending = (week.data ?? []).filter(
    (entry) => entry.approval_status === 'unsubmitted' || entry.approval_status === 'rejected',
  );
  const running = pending.some((entry) => entry.is_running);
  const submit = useMutation({
    mutationFn: () =>
      post<TimesheetDetail>('/timesheets/submit', {
        from,
        to,
        ...(onBehalfOf ? { user_id: onBehalfOf } : {}),
      }),
    onSuccess: async (timesheet) => {
      setOpened(false);
      notifications.show({
        message: `Submitted ${format.duration(timesheet.total_hours)} h for ${format.date(timesheet.from)} – ${format.date(timesheet.to)}`,
      });
      await queryClient.invalidateQueries({ queryKey: ['time-entries'] });
      await queryClient.invalidateQueries({ queryKey: ['timesheets'] });
    },
  });
  const byDay = days
    .map((day) => ({
      day,
      entries: pending.filter((entry) => entry.spent_date === day),
    }))
    .filter(({ entries }) => entries.length > 0);
  const total = pending.reduce((sum, entry) => sum + entry.hours, 0);
  const billable = pending.filter((entry) => entry.is_billable).reduce((sum, entry) => sum + entry.hours, 0);

  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)} disabled={week.isLoading}>
        Submit week
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Submit ${format.date(from)} – ${format.date(to)}`}
        size="lg"
      >
        <Stack>
          {pending.length === 0 ? (
            <Text>Nothing to submit: every entry of this week is already submitted or approved.</Text>
          ) : (
            <>
              <Text>
                {pending.length} {pending.length === 1 ? 'entry' : 'entries'},{' '}
                <b data-testid="submit-total">{format.duration(total)}</b> hours ({format.duration(billable)}{' '}
                billable), go to your approver and become read-only until they decide.
              </Text>
              <Table aria-label="What will be submitted">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Day</Table.Th>
                    <Table.Th scope="col" ta="right">
                      Entries
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      Hours
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {byDay.map(({ day, entries }) => (
                    <Table.Tr key={day}>
                      <Table.Td>{format.shortDay(day)}</Table.Td>
                      <Table.Td ta="right">{entries.length}</Table.Td>
                      <Table.Td ta="right">
                        {format.duration(entries.reduce((sum, entry) => sum + entry.hours, 0))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {running && (
                <Alert color="yellow" title="A timer is running">
                  Stop it first: a running timer cannot be submitted.
                </Alert>
              )}
            </>
          )}
          {submit.isError && (
            <Alert color="red" role="alert">
              {errorMessage(submit.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => submit.mutate()}
              loading={submit.isPending}
              disabled={pending.length === 0 || running}
            >
              Submit for approval
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * The person's rejected timesheets overlapping the week, so the reason is on the page where the
 * entries are fixed (the email carries it too). A later submission of the period supersedes them.
 */
export function useRejections(days: string[], userId: string, enabled: boolean): Timesheet[] {
  const from = days[0] ?? '';
  const to = days[days.length - 1] ?? '';
  const params = new URLSearchParams({ state: 'rejected', user_id: userId, from, to });
  const rejected = useQuery({
    queryKey: ['timesheets', 'rejected', userId, from, to],
    queryFn: () => getAll<Timesheet>(`/timesheets?${params}`),
    enabled: enabled && userId !== '',
  });
  return rejected.data ?? [];
}
