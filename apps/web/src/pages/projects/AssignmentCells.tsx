import { ActionIcon, Table } from '@mantine/core';
import { TrashIcon } from '../../components/Icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { CellNumberInput, defaultRatePlaceholder, NO_BUDGET_PLACEHOLDER } from './CellNumberInput.tsx';

/** Cells shared by a project's Tasks and Team tables: a row is a task or a person on the project. */

interface EditableCell {
  /** Who or what the row is, for labels: "Development", "Grace Hopper". */
  name: string;
  canManage: boolean;
}

export function RateCell({
  name,
  canManage,
  rate,
  defaultRate,
  onSave,
}: EditableCell & {
  rate: number | null;
  defaultRate: number | null | undefined;
  onSave: (rate: number | null) => void;
}) {
  const format = useFormat();
  return (
    <Table.Td>
      {canManage ? (
        <CellNumberInput
          label={`Hourly rate for ${name}`}
          value={rate}
          placeholder={defaultRatePlaceholder(defaultRate)}
          onSave={onSave}
        />
      ) : rate === null ? (
        '—'
      ) : (
        format.number(rate)
      )}
    </Table.Td>
  );
}

export function BudgetHoursCell({
  name,
  canManage,
  hours,
  onSave,
}: EditableCell & { hours: number | null; onSave: (hours: number | null) => void }) {
  const format = useFormat();
  return (
    <Table.Td>
      {canManage ? (
        <CellNumberInput
          label={`Budget hours for ${name}`}
          value={hours}
          placeholder={NO_BUDGET_PLACEHOLDER}
          onSave={onSave}
        />
      ) : hours === null ? (
        '—'
      ) : (
        format.hours(hours)
      )}
    </Table.Td>
  );
}

export function RemoveCell({ name, canManage, onRemove }: EditableCell & { onRemove: () => void }) {
  return (
    <Table.Td ta="right">
      {canManage && (
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove ${name} from the project`}
          onClick={onRemove}
        >
          <TrashIcon />
        </ActionIcon>
      )}
    </Table.Td>
  );
}
