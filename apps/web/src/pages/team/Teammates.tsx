import type { User } from '@keito/sdk';
import { Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get, put } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { listQuery } from '../../queries.ts';

/** The people and agents a manager may see and edit the time of (PUT /users/:id/teammates). */
export function Teammates({ manager, onDone }: { manager: User; onDone: () => void }) {
  const path = `/users/${manager.id}/teammates`;
  const current = useQuery({
    queryKey: ['teammates', manager.id],
    queryFn: () => get<{ teammate_ids: string[] }>(path),
  });
  const users = useQuery(listQuery<User>('/users?is_active=true'));
  const [selected, setSelected] = useState<string[]>([]);
  useEffect(() => {
    if (current.data) setSelected(current.data.teammate_ids);
  }, [current.data]);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => put<{ teammate_ids: string[] }>(path, { teammate_ids: selected }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['teammates', manager.id], saved);
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Text size="sm">
          {manager.name} can see, and with permission edit, the time and expenses of these teammates.
        </Text>
        <MultiSelect
          label="Teammates"
          searchable
          data-autofocus
          disabled={!current.data}
          data={(users.data ?? [])
            .filter((user) => user.id !== manager.id)
            .map((user) => ({
              value: user.id,
              label: user.user_type === 'agent' ? `${user.name} (agent)` : user.name,
            }))}
          value={selected}
          onChange={setSelected}
        />
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save teammates
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
