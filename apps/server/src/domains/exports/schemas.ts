import { z } from 'zod';
import { queryBoolean } from '../../http/schemas.ts';
import { listClientsQuery } from '../clients/schemas.ts';
import { listExpensesQuery } from '../expenses/schemas.ts';
import { listUsersQuery } from '../people/schemas.ts';
import { listProjectsQuery } from '../projects/schemas.ts';
import { listTimeEntriesQuery } from '../time/schemas.ts';

export const exportFormatSchema = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportParams = z.object({ format: exportFormatSchema });

/** An export takes the filters of its list; it has no pages, it is every matching row. */
const withoutPage = { cursor: true, limit: true } as const;

export const timeEntriesExportQuery = listTimeEntriesQuery.omit(withoutPage);
export const expensesExportQuery = listExpensesQuery.omit(withoutPage);
export const projectsExportQuery = listProjectsQuery.omit(withoutPage).extend({
  /** Only projects with a budget (true) or only those without (false). */
  is_budgeted: queryBoolean.optional(),
});
export const clientsExportQuery = listClientsQuery.omit(withoutPage);
export const teamExportQuery = listUsersQuery.omit(withoutPage);

/** The bytes of the file; the string schema documents them for OpenAPI, the route sends a stream. */
export const exportFile = z.string().meta({
  format: 'binary',
  description:
    'The file, streamed: text/csv (UTF-8 with a byte order mark) or ' +
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});
