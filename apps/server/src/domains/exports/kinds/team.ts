import { listUsers } from '../../people/service.ts';
import { exportKind } from '../kind.ts';
import { teamExportQuery } from '../schemas.ts';
import { allPages, type Column, mapBatches } from '../table.ts';

const COLUMNS: Column[] = [
  { header: 'Name', type: 'text' },
  { header: 'Email', type: 'text' },
  { header: 'Role', type: 'text' },
  { header: 'Type', type: 'text' },
  { header: 'Weekly Capacity', type: 'number' },
  { header: 'Hourly Rate', type: 'number' },
  { header: 'Contractor/Employee', type: 'text' },
  { header: 'Status', type: 'text' },
  { header: 'Person ID', type: 'text' },
];

const EMPLOYMENT = { employee: 'Employee', contractor: 'Contractor' } as const;

/**
 * The team as the actor's list shows it, page after page: members export themselves, and a rate
 * the actor may not see is empty, as it is null in the list.
 */
export const teamExport = exportKind({
  name: 'team',
  operationId: 'exportTeam',
  summary: 'Export the team the list shows, as CSV or Excel',
  filters: teamExportQuery,
  async open(db, actor, filters) {
    const pages = allPages((cursor) => listUsers(db, actor, { ...filters, cursor, limit: 200 }));
    const batches = mapBatches(pages, (user) => [
      user.name,
      user.email,
      user.role,
      user.user_type,
      user.weekly_capacity,
      user.billable_rate,
      EMPLOYMENT[user.employment_type],
      user.is_active ? (user.status === 'pending' ? 'Invited' : 'Active') : 'Deactivated',
      user.id,
    ]);
    return { columns: COLUMNS, batches };
  },
});
