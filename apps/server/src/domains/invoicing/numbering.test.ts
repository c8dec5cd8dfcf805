import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber } from './numbering.ts';
import { numberPatternSchema } from './schemas.ts';

describe('invoice numbers', () => {
  it.each([
    ['INV-{YYYY}-{####}', 1, '2026-03-09', 'INV-2026-0001'],
    ['INV-{YYYY}-{####}', 12345, '2026-03-09', 'INV-2026-12345'],
    ['{YY}{MM}-{###}', 7, '2026-03-09', '2603-007'],
    ['{#}', 42, '1999-12-31', '42'],
    ['A{#}{YYYY}', 5, '2026-01-01', 'A52026'],
  ])('%s with %i on %s is %s', (pattern, sequence, issueDate, expected) => {
    expect(formatInvoiceNumber(pattern, sequence, issueDate)).toBe(expected);
  });

  it('accepts patterns with one sequence and the known tokens only', () => {
    expect(numberPatternSchema.safeParse('INV-{YYYY}-{####}').success).toBe(true);
    expect(numberPatternSchema.safeParse('{#}').success).toBe(true);
    expect(numberPatternSchema.safeParse('INV-{YYYY}').success).toBe(false);
    expect(numberPatternSchema.safeParse('{####}-{##}').success).toBe(false);
    expect(numberPatternSchema.safeParse('{DD}-{#}').success).toBe(false);
  });
});
