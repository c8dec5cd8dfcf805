import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import { useFormat } from '../../lib/format.ts';

/** A calendar date (YYYY-MM-DD or null), typed or picked, shown in the workspace's date format. */
export function DateField({
  label,
  value,
  onChange,
  clearable = false,
  disabled = false,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  clearable?: boolean;
  disabled?: boolean;
}) {
  const format = useFormat();
  return (
    <DateInput
      label={label}
      valueFormat={format.settings.dateFormat}
      value={value}
      clearable={clearable}
      // The clear button is an icon: its name says which date it clears.
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      disabled={disabled}
      onChange={(next) => onChange(next === null ? null : String(next).slice(0, 10))}
    />
  );
}
