import { Alert } from '@mantine/core';
import { errorMessage } from '../api.ts';

/** A failed request's message under a form, announced to screen readers. */
export function FormError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
