import { Alert, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api.ts';

/**
 * A report's states before its figures: a spinner while it is computed, the server's message when
 * it refuses (a filter it does not take, say), and `empty` when it has no rows. The figures render
 * only once there are some.
 */
export function ReportStates<T>({
  query,
  loading,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loading, for screen readers: "Loading the budget report". */
  loading: string;
  isEmpty: (data: T) => boolean;
  empty: { title: string; hint?: string };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Paper withBorder p="lg" role="status">
        <Group justify="center" gap="sm">
          <Loader size="sm" aria-hidden />
          <Text c="dimmed">{loading}…</Text>
        </Group>
      </Paper>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(query.error)}
      </Alert>
    );
  }
  if (isEmpty(query.data)) {
    return (
      <Paper withBorder p="lg">
        <Stack align="center" gap="xs">
          <Text fw={500}>{empty.title}</Text>
          {empty.hint && (
            <Text c="dimmed" ta="center">
              {empty.hint}
            </Text>
          )}
        </Stack>
      </Paper>
    );
  }
  return <>{children(query.data)}</>;
}
