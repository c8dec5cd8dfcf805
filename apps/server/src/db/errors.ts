import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { BusinessRuleError, ConflictError, type DomainError } from '../lib/errors.ts';
import * as schema from './schema/index.ts';

/** PostgreSQL's error fields, found under drizzle's "Failed query" wrapper when there is one. */
export interface PostgresError {
  code?: string;
  constraint?: string;
  /** For a reference, the referencing table, whichever side of it the statement was on. */
  table?: string;
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
/** What deleting a row raises while an ON DELETE RESTRICT reference still points at it. */
export const RESTRICT_VIOLATION = '23001';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = postgresErrorOf(error);
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}

/** A delete refused because rows still refer to the row (time entries to their project, ...). */
export function isStillReferenced(error: unknown): boolean {
  return postgresErrorOf(error).code === RESTRICT_VIOLATION;
}

/** The column of each single-column reference, by constraint name: the field a refusal names. */
const referencingColumns = new Map(
  Object.values<unknown>(schema)
    .flatMap((value) => (is(value, PgTable) ? getTableConfig(value).foreignKeys : []))
    .flatMap((foreignKey) => {
      const { columns } = foreignKey.reference();
      return columns.length === 1 && columns[0] !== undefined
        ? [[foreignKey.getName(), columns[0].name]]
        : [];
    }),
);

/**
 * A refusal by one of the database's constraints as the domain error the API answers with, or
 * undefined for any other failure. The services check first, so these are races that got past the
 * checks: two creates of one unique thing, or a delete and a new reference to the deleted row.
 *
 * Every reference declares what a delete does to it (cascade, set null or restrict; a test holds
 * this), so 23503 is only ever raised by an insert or update naming a row that is gone (422 on the
 * field), and 23001 only by a delete of a row still referred to (409).
 */
export function constraintRefusal(error: unknown): DomainError | undefined {
  const { code, constraint, table } = postgresErrorOf(error);
  switch (code) {
    case UNIQUE_VIOLATION:
      return new ConflictError('This already exists');
    case RESTRICT_VIOLATION: {
      const referrers = table === undefined ? 'other records' : table.replaceAll('_', ' ');
      return new ConflictError(
        `This is still in use (${referrers} refer to it); archive it instead of deleting it`,
      );
    }
    case FOREIGN_KEY_VIOLATION: {
      const field = constraint === undefined ? undefined : referencingColumns.get(constraint);
      return new BusinessRuleError(`${field ?? 'A reference'} names something that no longer exists`, field);
    }
    default:
      return undefined;
  }
}
