import type { z } from 'zod';

/**
 * The words after "field: " in a validation_error, for the failures requests commonly have. Zod's
 * own ("Too small: expected string to have >=1 characters") reach people through the forms that
 * show the API's message, so they are said as a person would. Undefined keeps zod's message: for a
 * missing field, whose "received undefined" describeValidationIssue turns into "is required", and
 * for rarer failures whose message is clear enough to a developer.
 */
export function readableIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? undefined : EXPECTED[issue.expected];
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return FORMATS[issue.format];
    default:
      return undefined;
  }
}

const EXPECTED: Partial<Record<string, string>> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
};

const FORMATS: Partial<Record<string, string>> = {
  email: 'must be an email address',
  url: 'must be a URL',
  date: 'must be a date as YYYY-MM-DD',
  datetime: 'must be a date and time as ISO 8601, e.g. 2026-03-01T09:00:00Z',
};

function tooSmall(origin: string, minimum: number, inclusive: boolean): string | undefined {
  if (origin === 'string')
    return minimum === 1 ? 'must not be empty' : `must be at least ${minimum} characters`;
  if (origin === 'array') return `must have at least ${minimum} ${minimum === 1 ? 'item' : 'items'}`;
  if (origin === 'number') return inclusive ? `must be at least ${minimum}` : `must be more than ${minimum}`;
  return undefined;
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string | undefined {
  if (origin === 'string') return `must be at most ${maximum} characters`;
  if (origin === 'array') return `must have at most ${maximum} ${maximum === 1 ? 'item' : 'items'}`;
  if (origin === 'number') return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
  return undefined;
}
