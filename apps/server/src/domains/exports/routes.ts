import { standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { csvStream } from './csv.ts';
import { EXPORT_KINDS } from './kinds/index.ts';
import { exportFile, exportParams } from './schemas.ts';
import { xlsxStream } from './xlsx.ts';

const tags = ['Exports'];

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** `GET /v1/exports/<kind>.csv` and `.xlsx` for every kind of export (kinds/index.ts). */
export function registerExportRoutes(app: ApiInstance, { db, now }: RouteDeps & { now: () => Date }): void {
  for (const kind of EXPORT_KINDS) {
    app.get(
      `/exports/${kind.name}.:format`,
      {
        config: kind.feature === undefined ? {} : { feature: kind.feature },
        schema: {
          operationId: kind.operationId,
          tags,
          summary: kind.summary,
          description:
            'Every row the matching list would page through, with the same filters and the same ' +
            'visibility (members their own, managers their teammates too, amounts only for those who ' +
            'may see rates). The download starts at once and is streamed however many rows there are. ' +
            'Text that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage ' +
            'return) is written with a leading apostrophe. In .xlsx, numbers and dates are typed cells.',
          params: exportParams,
          querystring: kind.filters,
          response: {
            // One response, two media types: which one is the path's `.csv` or `.xlsx`.
            200: {
              content: {
                'text/csv': { schema: exportFile },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: exportFile },
              },
            },
            ...standardErrors,
          },
        },
      },
      async (request, reply) => {
        const { format } = request.params;
        const table = await kind.open(db, request.actor, request.query, now());
        const file = format === 'csv' ? csvStream(table) : xlsxStream(table, kind.name);
        return (
          reply
            .header('content-type', CONTENT_TYPES[format])
            .header('content-disposition', `attachment; filename="${kind.name}.${format}"`)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, no-store')
            // Fastify pipes a stream as it is; the string schema only documents the bytes for OpenAPI.
            .send(file as unknown as string)
        );
      },
    );
  }
}
