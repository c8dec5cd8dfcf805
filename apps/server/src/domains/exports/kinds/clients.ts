import { listClients } from '../../clients/service.ts';
import { exportKind } from '../kind.ts';
import { clientsExportQuery } from '../schemas.ts';
import { allPages, type Column, mapBatches } from '../table.ts';

const COLUMNS: Column[] = [
  { header: 'Name', type: 'text' },
  { header: 'Address', type: 'text' },
  { header: 'Phone', type: 'text' },
  { header: 'Currency', type: 'text' },
  { header: 'Status', type: 'text' },
  { header: 'Client ID', type: 'text' },
];

/** The client directory as the list answers it, page after page. */
export const clientsExport = exportKind({
  name: 'clients',
  operationId: 'exportClients',
  summary: 'Export the clients the list shows, as CSV or Excel',
  filters: clientsExportQuery,
  async open(db, actor, filters) {
    const pages = allPages((cursor) => listClients(db, actor, { ...filters, cursor, limit: 200 }));
    const batches = mapBatches(pages, (client) => [
      client.name,
      client.address,
      client.phone,
      client.currency,
      client.is_active ? 'Active' : 'Archived',
      client.id,
    ]);
    return { columns: COLUMNS, batches };
  },
});
