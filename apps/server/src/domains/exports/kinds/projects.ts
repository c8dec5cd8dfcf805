import { listClients } from '../../clients/service.ts';
import { listProjects } from '../../projects/service.ts';
import { exportKind } from '../kind.ts';
import { projectsExportQuery } from '../schemas.ts';
import { allPages, type Column, mapBatches } from '../table.ts';

const COLUMNS: Column[] = [
  { header: 'Name', type: 'text' },
  { header: 'Code', type: 'text' },
  { header: 'Client', type: 'text' },
  { header: 'Project Type', type: 'text' },
  { header: 'Budget By', type: 'text' },
  { header: 'Budget Hours', type: 'number' },
  { header: 'Budget Amount', type: 'number' },
  { header: 'Spent', type: 'number' },
  { header: 'Remaining', type: 'number' },
  { header: 'Budget Unit', type: 'text' },
  { header: 'Hourly Rate', type: 'number' },
  { header: 'Starts On', type: 'date' },
  { header: 'Ends On', type: 'date' },
  { header: 'Status', type: 'text' },
  { header: 'Project ID', type: 'text' },
];

const PROJECT_TYPES = {
  time_and_materials: 'Time & Materials',
  fixed_fee: 'Fixed Fee',
  non_billable: 'Non-Billable',
} as const;

/**
 * The projects the actor's list shows, page after page, with what the list answers of each: Spent
 * and Remaining are its `budget_progress`, computed by the budget report's code, so the file, the
 * list and the report agree (reports/exporting-data.md).
 */
export const projectsExport = exportKind({
  name: 'projects',
  operationId: 'exportProjects',
  summary: 'Export the projects the list shows, as CSV or Excel',
  filters: projectsExportQuery,
  async open(db, actor, { is_budgeted, ...filters }) {
    // A workspace has hundreds of clients, not millions: their names fit in memory.
    const clientNames = new Map<string, string>();
    for await (const page of allPages((cursor) => listClients(db, actor, { cursor, limit: 200 }))) {
      for (const client of page) clientNames.set(client.id, client.name);
    }
    const pages = allPages((cursor) => listProjects(db, actor, { ...filters, cursor, limit: 200 }));
    // "Budgeted" is a filter of the export only: the list has no such filter to pass it to.
    async function* matching() {
      for await (const page of pages) {
        yield page.filter(
          (project) => is_budgeted === undefined || is_budgeted === (project.budget_by !== 'none'),
        );
      }
    }
    const batches = mapBatches(matching(), (project) => [
      project.name,
      project.code,
      clientNames.get(project.client_id) ?? null,
      PROJECT_TYPES[project.billing_type],
      project.budget_by,
      project.budget_hours,
      project.budget_amount,
      // The budget report's figures (reports/budgets.ts), as the list answers them in budget_progress:
      // hours or an amount in `unit`, this month's for a monthly budget, null where amounts are hidden.
      project.budget_progress?.spent ?? null,
      project.budget_progress?.remaining ?? null,
      project.budget_progress?.unit ?? null,
      project.hourly_rate,
      project.starts_on,
      project.ends_on,
      project.is_active ? 'Active' : 'Archived',
      project.id,
    ]);
    return { columns: COLUMNS, batches };
  },
});
