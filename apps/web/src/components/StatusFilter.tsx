import { SegmentedControl } from '@mantine/core';

export type Status = 'active' | 'archived';

/** Active or archived: every Manage list shows one at a time, active first. */
export function StatusFilter({
  value,
  onChange,
  label,
}: {
  value: Status;
  onChange: (value: Status) => void;
  label: string;
}) {
  return (
    <SegmentedControl
      aria-label={label}
      value={value}
      onChange={(next) => onChange(next === 'archived' ? 'archived' : 'active')}
      data={[
        { value: 'active', label: 'Active' },
        { value: 'archived', label: 'Archived' },
      ]}
    />
  );
}
