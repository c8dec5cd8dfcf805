import type { ExportKind } from '../kind.ts';
import { clientsExport } from './clients.ts';
import { expensesExport } from './expenses.ts';
import { invoicesExport } from './invoices.ts';
import { projectsExport } from './projects.ts';
import { teamExport } from './team.ts';
import { timeEntriesExport } from './time-entries.ts';

/**
 * Every kind of export, each a route `GET /v1/exports/<name>.csv|.xlsx` (routes.ts): a new kind is
 * one module describing its columns and rows, and one entry here.
 */
export const EXPORT_KINDS: readonly ExportKind[] = [
  timeEntriesExport,
  expensesExport,
  projectsExport,
  invoicesExport,
  clientsExport,
  teamExport,
];
