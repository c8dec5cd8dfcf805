import { NumberInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { numberOrBlank, numberOrNull } from '../../lib/forms.ts';

/** A rate or budget typed into a table row: saved on Enter or when focus leaves; empty means "the default" or "none". */
export function CellNumberInput({
  label,
  value,
  placeholder,
  onSave,
}: {
  label: string;
  value: number | null;
  placeholder: string;
  onSave: (value: number | null) => void;
}) {
  const [draft, setDraft] = useState<number | string>(numberOrBlank(value));
  useEffect(() => setDraft(numberOrBlank(value)), [value]);
  const commit = () => {
    const next = numberOrNull(draft);
    if (next !== value) onSave(next);
  };
  return (
    <NumberInput
      aria-label={label}
      size="xs"
      w={120}
      min={0}
      decimalScale={2}
      placeholder={placeholder}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

/** What an empty rate falls back to, shown inside the empty input. */
export function defaultRatePlaceholder(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'No default' : `Default ${rate.toFixed(2)}`;
}

/** An empty per-task or per-person budget means that row has no budget of its own. */
export const NO_BUDGET_PLACEHOLDER = 'No budget';
