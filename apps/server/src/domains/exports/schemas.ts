import { z } from 'zod';
import { queryBoolean } from '../../http/schemas.ts';
import { listClientsQuery } from '../clients/schemas.ts';
import { listInvoicesQuery } from '../invoicing/schemas.ts';
import { listUsersQuery } from '../people/schemas.ts';
import { listProjectsQuery } from '../projects/schemas.ts';
import { expenseReportFiltersQuery, timeReportFiltersQuery } from '../reports/schemas.ts';

export const exportFormatSchema = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportParams = z.object({ format: exportFormatSchema });

/** Time entries and expenses are exported with the reports' filters, period presets included. */
export const timeEntriesExportQuery = timeReportFiltersQuery;
export const expensesExportQuery = expenseReportFiltersQuery;

/** The other kinds take the filters of their list; an export has no pages, it is every matching row. */
const withoutPage = { cursor: true, limit: true } as const;
export const projectsExportQuery = listProjectsQuery.omit(withoutPage).extend({
  /** Only projects with a budget (true) or only those without (false). */
  is_budgeted: queryBoolean.optional(),
});
export const clientsExportQuery = listClientsQuery.omit(withoutPage);
export const invoicesExportQuery = listInvoicesQuery.omit(withoutPage);
export const teamExportQuery = listUsersQuery.omit(withoutPage);

/** The bytes of the file; the string schema documents them for OpenAPI, the route sends a stream. */
export const exportFile = z.string().meta({
  format: 'binary',
  description:
    'The file, streamed: text/csv (UTF-8 with a byte order mark) or ' +
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});
