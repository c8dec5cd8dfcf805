import type { BudgetProgress, BudgetStatus } from '@keito/sdk';
import { Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { Format } from '../../lib/format.ts';

/** The figures a bar shows: a project's whole budget or one task's or person's part of it. */
type BudgetUsage = Pick<BudgetProgress, 'budget' | 'spent' | 'remaining' | 'percent_used' | 'status'>;

const STATUS: Record<BudgetStatus, { label: string; color: string }> = {
  on_track: { label: 'On track', color: 'green' },
  warning: { label: 'Warning', color: 'yellow' },
  over: { label: 'Over budget', color: 'red' },
};

/**
 * "On track" / "Warning" / "Over budget" in the report's colours: as a dot beside dark text, since
 * green or yellow text on a light badge is too faint to read (axe's contrast check).
 */
export function BudgetStatusBadge({ status }: { status: BudgetStatus }) {
  return (
    <Badge color={STATUS[status].color} variant="dot">
      {STATUS[status].label}
    </Badge>
  );
}

/** A figure of a budget in its unit: hours, or money in the budget's currency. */
export function budgetFigure(value: number | null, unit: string, format: Format): string {
  if (value === null) return '—';
  return unit === 'hours' ? format.hours(value) : format.money(value, unit);
}

/** The bar of a budget's use, capped at 100 % (the percentage beside it says how far over). */
export function BudgetBar({ usage, label }: { usage: BudgetUsage; label: string }) {
  const percent = usage.percent_used ?? (usage.status === 'over' ? 100 : 0);
  return (
    <Progress
      value={Math.min(percent, 100)}
      color={STATUS[usage.status].color}
      aria-label={label}
      size="lg"
    />
  );
}

function percentText(usage: BudgetUsage, format: Format) {
  return usage.percent_used === null ? '' : `${format.number(usage.percent_used, 1)} %`;
}

/** The budget section of a project's page: spent, remaining, % used, status, per task or person. */
export function BudgetProgressPanel({ progress, format }: { progress: BudgetProgress; format: Format }) {
  const { unit } = progress;
  const period =
    progress.is_monthly && progress.period_from !== null && progress.period_to !== null
      ? `This month (${format.date(progress.period_from)} – ${format.date(progress.period_to)})`
      : 'Whole project';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Budget
          </Title>
          <BudgetStatusBadge status={progress.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {period}
          {progress.includes_expenses ? ' · billable expenses included' : ''} · alert at{' '}
          {progress.alert_percent} %
        </Text>
        <BudgetBar usage={progress} label="Budget used" />
        <Group gap="md">
          <Text>
            Spent <strong>{budgetFigure(progress.spent, unit, format)}</strong> of{' '}
            {budgetFigure(progress.budget, unit, format)}
          </Text>
          <Text>Remaining {budgetFigure(progress.remaining, unit, format)}</Text>
          <Text fw={600}>{percentText(progress, format)}</Text>
        </Group>
        {progress.items.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label={progress.budget_type === 'task' ? 'Budget per task' : 'Budget per person'}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{progress.budget_type === 'task' ? 'Task' : 'Person'}</Table.Th>
                  <Table.Th>Spent</Table.Th>
                  <Table.Th>Budget</Table.Th>
                  <Table.Th>Used</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {progress.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.name}</Table.Td>
                    <Table.Td>{budgetFigure(item.spent, unit, format)}</Table.Td>
                    <Table.Td>{budgetFigure(item.budget, unit, format)}</Table.Td>
                    <Table.Td>{percentText(item, format)}</Table.Td>
                    <Table.Td>
                      <BudgetStatusBadge status={item.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
