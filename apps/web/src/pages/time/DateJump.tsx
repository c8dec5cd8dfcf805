import '@mantine/dates/styles.css';
import { DatePickerInput } from '@mantine/dates';
import { useFormat } from '../../lib/format.ts';
import type { Weekday } from '../../types.ts';

const WEEKDAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The date picker of the time page's header, loaded after the page so the first screen stays small. */
export default function DateJump({
  date,
  weekStart,
  onChange,
}: {
  date: string;
  weekStart: Weekday;
  onChange: (date: string) => void;
}) {
  const format = useFormat();
  return (
    <DatePickerInput
      aria-label="Go to date"
      value={date}
      valueFormat={format.pickerFormat}
      firstDayOfWeek={WEEKDAYS.indexOf(weekStart) as 0 | 1 | 2 | 3 | 4 | 5 | 6}
      onChange={(value) => value && onChange(String(value).slice(0, 10))}
      w={170}
    />
  );
}
