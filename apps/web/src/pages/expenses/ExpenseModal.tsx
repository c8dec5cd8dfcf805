import type { Client, Expense, ExpenseCategory, Project } from '@keito/sdk';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { formatAmount, formatUnitPrice, multiplyAmounts } from '../../lib/money.ts';
import type { Workspace } from '../../types.ts';
import { projectOptions } from '../time/data.ts';
import { useExpenseMutations } from './data.ts';
import { ReceiptField } from './ReceiptField.tsx';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The expense to edit; a new one when absent. */
  expense: Expense | null;
  date: string;
  projects: Project[];
  clients: Client[];
  categories: ExpenseCategory[];
  workspace: Workspace;
}

/** Why an expense is locked, from what the API tells about it. */
function lockExplanation(expense: Expense | null): string {
  if (expense?.invoice_id) return 'It is on an invoice,';
  if (expense?.approval_status === 'approved') return 'It is approved,';
  if (expense?.approval_status === 'submitted') return 'It is submitted for approval,';
  return 'It is older than the workspace’s lock period,';
}

/** "12,50" or "12.50" as typed, as the plain decimal the API takes; null when it is not one. */
function decimalInput(text: string): string | null {
  const normalized = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalized) ? normalized : null;
}

export function ExpenseModal({
  opened,
  onClose,
  expense,
  date,
  projects,
  clients,
  categories,
  workspace,
}: Props) {
  const { save, remove } = useExpenseMutations();
  const [spentDate, setSpentDate] = useState(date);
  const [projectId, setProjectId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [amount, setAmount] = useState('');
  const [quantity, setQuantity] = useState('');
  const [notes, setNotes] = useState('');
  const [billable, setBillable] = useState(true);
  const [receipt, setReceipt] = useState<File | null>(null);
  const [removeReceipt, setRemoveReceipt] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another expense.
  useEffect(() => {
    if (!opened) return;
    setSpentDate(expense?.spent_date ?? date);
    setProjectId(expense?.project_id ?? '');
    setCategoryId(expense?.expense_category_id ?? '');
    setAmount(expense ? String(expense.total_cost) : '');
    setQuantity(expense?.units == null ? '' : String(expense.units));
    setNotes(expense?.notes ?? '');
    setBillable(expense?.billable ?? true);
    setReceipt(null);
    setRemoveReceipt(false);
    setConfirmingDelete(false);
    setError(null);
  }, [opened, expense?.id, date]);

  const category = categories.find((each) => each.id === categoryId);
  const project = projects.find((each) => each.id === projectId);
  const locked = expense?.is_locked ?? false;
  const unitPrice =
    expense?.expense_category_id === categoryId && expense.unit_price !== null
      ? expense.unit_price // the price the expense was logged at: a later change never rewrites it
      : (category?.unit_price ?? null);
  const quantityValue = decimalInput(quantity);
  const liveTotal =
    category?.is_unit_based && unitPrice !== null && quantityValue !== null
      ? multiplyAmounts(quantityValue, unitPrice)
      : null;

  const groupedProjects = useMemo(() => projectOptions(projects, clients), [projects, clients]);
  const categoryOptions = categories
    .filter((each) => each.is_active || each.id === expense?.expense_category_id)
    .map((each) => ({ value: each.id, label: each.name }));

  /** Billable defaults from the category and the project, as the server's default does. */
  const defaultBillable = (nextCategory?: ExpenseCategory, nextProject?: Project) =>
    (nextCategory?.billable_by_default ?? true) && nextProject?.billing_type !== 'non_billable';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!projectId) return setError('Choose a project');
    if (!category) return setError('Choose a category');
    const body: Record<string, unknown> = {
      spent_date: spentDate,
      expense_category_id: categoryId,
      notes: notes.trim() || null,
      billable,
    };
    if (category.is_unit_based) {
      if (quantityValue === null) return setError(`Enter the number of ${category.unit_name ?? 'units'}`);
      body.units = Number(quantityValue);
    } else {
      const amountValue = decimalInput(amount);
      if (amountValue === null) return setError('Enter the amount, like 12.50');
      body.total_cost = Number(amountValue);
    }
    if (!expense) Object.assign(body, { project_id: projectId, source: 'web' });
    try {
      await save.mutateAsync({ id: expense?.id, body, receipt, removeReceipt });
      onClose();
    } catch (failure) {
      setError(errorMessage(failure, 'Could not save the expense'));
    }
  };

  const deleteExpense = async () => {
    if (!expense) return;
    try {
      await remove.mutateAsync(expense.id);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure, 'Could not delete the expense'));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={expense ? 'Edit expense' : 'New expense'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {locked && (
            <Alert color="gray" title="This expense is locked">
              {lockExplanation(expense)} so it cannot be changed.
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <DateInput
            label="Date"
            valueFormat="ddd D MMM YYYY"
            value={spentDate}
            disabled={locked}
            onChange={(value) => value && setSpentDate(String(value).slice(0, 10))}
          />
          <Select
            label="Project"
            placeholder="Choose a project"
            searchable
            data={groupedProjects}
            value={projectId || null}
            disabled={Boolean(expense)}
            onChange={(value) => {
              setProjectId(value ?? '');
              setBillable(
                defaultBillable(
                  category,
                  projects.find((each) => each.id === value),
                ),
              );
            }}
          />
          <Select
            label="Category"
            placeholder="Choose a category"
            data={categoryOptions}
            value={categoryId || null}
            disabled={locked}
            onChange={(value) => {
              setCategoryId(value ?? '');
              setBillable(
                defaultBillable(
                  categories.find((each) => each.id === value),
                  project,
                ),
              );
            }}
          />
          {category?.is_unit_based ? (
            <Stack gap={4}>
              <TextInput
                label={`Quantity (${category.unit_name ?? 'units'})`}
                inputMode="decimal"
                value={quantity}
                disabled={locked}
                onChange={(event) => setQuantity(event.currentTarget.value)}
              />
              <Text size="sm" aria-live="polite" data-testid="unit-total">
                {unitPrice === null
                  ? 'This category has no unit price'
                  : `${formatUnitPrice(unitPrice, workspace)} × ${quantityValue ?? 0} ${category.unit_name ?? 'units'} = ${formatAmount(liveTotal ?? 0, workspace)}`}
              </Text>
            </Stack>
          ) : (
            <TextInput
              label={`Amount (${workspace.currency})`}
              inputMode="decimal"
              placeholder="0.00"
              value={amount}
              disabled={locked}
              onChange={(event) => setAmount(event.currentTarget.value)}
            />
          )}
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            value={notes}
            disabled={locked}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
          <Checkbox
            label="Billable"
            checked={billable}
            disabled={locked}
            onChange={(event) => setBillable(event.currentTarget.checked)}
          />
          <ReceiptField
            current={removeReceipt ? null : (expense?.receipt ?? null)}
            file={receipt}
            onFile={setReceipt}
            onRemoveCurrent={() => setRemoveReceipt(true)}
            disabled={locked}
          />
          <Group justify="space-between">
            <Group>
              {expense && !locked && !confirmingDelete && (
                <Button variant="subtle" color="red" onClick={() => setConfirmingDelete(true)}>
                  Delete
                </Button>
              )}
              {confirmingDelete && (
                <>
                  <Text size="sm">Delete this expense and its receipt?</Text>
                  <Button color="red" onClick={deleteExpense} loading={remove.isPending}>
                    Yes, delete
                  </Button>
                  <Button variant="default" onClick={() => setConfirmingDelete(false)}>
                    Keep it
                  </Button>
                </>
              )}
            </Group>
            <Group>
              <Button variant="default" onClick={onClose}>
                {locked ? 'Close' : 'Cancel'}
              </Button>
              {!locked && (
                <Button type="submit" loading={save.isPending}>
                  Save expense
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
