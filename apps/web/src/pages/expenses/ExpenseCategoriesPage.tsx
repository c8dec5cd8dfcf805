import type { ExpenseCategory } from '@keito/sdk';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { type Status, StatusFilter } from '../../components/StatusFilter.tsx';
import { refreshLists } from '../../lib/invalidate.ts';
import { formatUnitPrice } from '../../lib/money.ts';
import { listQuery, workspaceQuery } from '../../queries.ts';

interface CategoryInput {
  name: string;
  unit_name: string | null;
  unit_price: number | null;
  billable_by_default: boolean;
}

/**
 * Manage → Expense categories (administrators): standard ones take an amount, unit-based ones a
 * quantity at a unit price. A new unit price applies to new expenses only: each expense keeps the
 * price it was logged at.
 */
export function ExpenseCategoriesPage() {
  const [status, setStatus] = useState<Status>('active');
  const categories = useQuery(
    listQuery<ExpenseCategory>(`/expense-categories?is_active=${status === 'active'}`),
  );
  const workspace = useQuery(workspaceQuery).data;
  const queryClient = useQueryClient();
  // undefined: closed; null: a new category; otherwise the category being edited.
  const [editing, setEditing] = useState<ExpenseCategory | null | undefined>(undefined);
  const save = useMutation({
    mutationFn: (input: CategoryInput) =>
      editing ? patch(`/expense-categories/${editing.id}`, input) : post('/expense-categories', input),
    onSuccess: async () => {
      setEditing(undefined);
      await refreshLists(queryClient);
    },
  });
  const setActive = useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      patch(`/expense-categories/${id}`, { is_active: isActive }),
    onSuccess: () => refreshLists(queryClient),
  });
  const open = (category: ExpenseCategory | null) => {
    save.reset();
    setEditing(category);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Expense categories</Title>
        <Button onClick={() => open(null)}>New category</Button>
      </Group>
      <Group>
        <StatusFilter label="Show categories" value={status} onChange={setStatus} />
      </Group>
      <FormError error={setActive.error} />
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Expense categories">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Pricing</Table.Th>
                <Table.Th>Billable by default</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(categories.data ?? []).map((category) => (
                <Table.Tr key={category.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text>{category.name}</Text>
                      {category.is_builtin && (
                        <Badge
                          variant="light"
                          color="gray"
                          title="Built in: it can be archived but not deleted"
                        >
                          Built-in
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {category.is_unit_based
                      ? `${category.unit_price === null || !workspace ? '—' : formatUnitPrice(category.unit_price, workspace)} per ${category.unit_name}`
                      : 'Amount'}
                  </Table.Td>
                  <Table.Td>{category.billable_by_default ? 'Billable' : 'Non-billable'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Edit ${category.name}`}
                        onClick={() => open(category)}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`${category.is_active ? 'Archive' : 'Restore'} ${category.name}`}
                        onClick={() => setActive.mutate({ id: category.id, isActive: !category.is_active })}
                      >
                        {category.is_active ? 'Archive' : 'Restore'}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {categories.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {status === 'active' ? 'No categories yet.' : 'No archived categories.'}
          </Text>
        )}
      </Paper>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? 'Edit category' : 'New category'}
      >
        {editing !== undefined && (
          <CategoryForm
            category={editing}
            currency={workspace?.currency}
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CategoryForm({
  category,
  currency,
  pending,
  error,
  onSubmit,
}: {
  category: ExpenseCategory | null;
  currency: string | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CategoryInput) => void;
}) {
  const [name, setName] = useState(category?.name ?? '');
  const [kind, setKind] = useState(category?.is_unit_based ? 'unit' : 'standard');
  const [unitName, setUnitName] = useState(category?.unit_name ?? '');
  const [unitPrice, setUnitPrice] = useState(
    category?.unit_price === null || !category ? '' : String(category.unit_price),
  );
  const [billable, setBillable] = useState(category?.billable_by_default ?? true);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Enter the category’s name');
    const price = unitPrice.trim().replace(',', '.');
    if (kind === 'unit' && (!unitName.trim() || !/^\d+(\.\d+)?$/.test(price))) {
      return setProblem('A unit-based category needs a unit name and a unit price');
    }
    setProblem(null);
    onSubmit({
      name: name.trim(),
      unit_name: kind === 'unit' ? unitName.trim() : null,
      unit_price: kind === 'unit' ? Number(price) : null,
      billable_by_default: billable,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Category name"
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Pricing"
          value={kind}
          onChange={setKind}
          data={[
            { value: 'standard', label: 'Standard (an amount)' },
            { value: 'unit', label: 'Unit-based' },
          ]}
        />
        {kind === 'unit' && (
          <Group grow>
            <TextInput
              label="Unit name"
              placeholder="mile"
              value={unitName}
              onChange={(e) => setUnitName(e.currentTarget.value)}
            />
            <TextInput
              label={`Unit price${currency ? ` (${currency})` : ''}`}
              description="Applies to new expenses only"
              inputMode="decimal"
              value={unitPrice}
              onChange={(e) => setUnitPrice(e.currentTarget.value)}
            />
          </Group>
        )}
        <Checkbox
          label="Billable by default"
          checked={billable}
          onChange={(e) => setBillable(e.currentTarget.checked)}
        />
        {problem && (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        )}
        <FormError error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Save category
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
