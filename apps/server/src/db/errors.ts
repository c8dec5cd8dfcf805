/** PostgreSQL's error fields, found under drizzle's "Failed query" wrapper when there is one. */
export interface PostgresError {
  code?: string;
  constraint?: string;
}

export function postgresErrorOf(error: unknown): PostgresError {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current !== null && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') return current as PostgresError;
    current = (current as { cause?: unknown }).cause;
  }
  return {};
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = postgresErrorOf(error);
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}
