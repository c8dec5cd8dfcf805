import Big from 'big.js';
import { exponentOf } from '../../../lib/currencies.ts';
import { runningHours } from '../../../lib/hours.ts';
import { lineAmount } from '../../../lib/money.ts';
import { reportContext } from '../../reports/scope.ts';
import type { TimeEntryExportRow } from '../../time/queries.ts';
import { exportTimeEntries } from '../../time/service.ts';
import { exportKind } from '../kind.ts';
import { timeEntriesExportQuery } from '../schemas.ts';
import { type Column, mapBatches, metadataNumber, plainDecimal, type Value } from '../table.ts';

/** reports/exporting-data.md's time entry columns, then where the entry came from and the agent's context. */
const COLUMNS: Column[] = [
  { header: 'Date', type: 'date' },
  { header: 'Client', type: 'text' },
  { header: 'Project', type: 'text' },
  { header: 'Task', type: 'text' },
  { header: 'Team Member', type: 'text' },
  { header: 'Notes', type: 'text' },
  { header: 'Hours', type: 'number' },
  { header: 'Billable', type: 'yes-no' },
  { header: 'Billed', type: 'yes-no' },
  { header: 'Approval Status', type: 'text' },
  { header: 'Hourly Rate', type: 'number' },
  { header: 'Billable Amount', type: 'number' },
  { header: 'Currency', type: 'text' },
  { header: 'Source', type: 'text' },
  { header: 'Agent ID', type: 'text' },
  { header: 'Session ID', type: 'text' },
  { header: 'Model', type: 'text' },
  { header: 'Input Tokens', type: 'number' },
  { header: 'Output Tokens', type: 'number' },
  { header: 'Entry ID', type: 'text' },
];

/**
 * The billable amount of an entry, hours x its resolved rate rounded to the client's currency as an
 * invoice line is (decision 0010): zero when the entry is not billable, empty without a rate.
 */
function billableAmount(entry: TimeEntryExportRow, hours: string): string | null {
  const exponent = exponentOf(entry.currency);
  if (!entry.isBillable) return new Big(0).toFixed(exponent);
  if (entry.billableRate === null) return null;
  return lineAmount(new Big(hours), new Big(entry.billableRate), entry.currency).toFixed(exponent);
}

export const timeEntriesExport = exportKind({
  name: 'time-entries',
  operationId: 'exportTimeEntries',
  summary: 'Export the time entries the list shows, as CSV or Excel',
  filters: timeEntriesExportQuery,
  async open(db, actor, filters, now) {
    // One instant for the whole file, as for a page: running timers count up to the same moment,
    // and a preset period (this_month) is taken around it in the workspace's calendar.
    const { abilities, period } = await reportContext(db, actor, filters, now);
    const cells = (entry: TimeEntryExportRow): Value[] => {
      const hours =
        entry.timerStartedAt === null
          ? entry.hours
          : runningHours(entry.hours, new Date(entry.timerStartedAt), now);
      const rates = abilities.viewBillableRates(entry.userId);
      return [
        entry.spentDate,
        entry.clientName,
        entry.projectName,
        entry.taskName,
        entry.userName,
        entry.notes,
        plainDecimal(hours),
        entry.isBillable,
        entry.invoiceId !== null,
        entry.approvalStatus,
        rates ? plainDecimal(entry.billableRate) : null,
        rates ? billableAmount(entry, hours) : null,
        entry.currency,
        entry.source,
        entry.agentId,
        entry.sessionId,
        entry.model,
        metadataNumber(entry.inputTokens),
        metadataNumber(entry.outputTokens),
        entry.id,
      ];
    };
    return {
      columns: COLUMNS,
      batches: mapBatches(exportTimeEntries(db, abilities, period, filters), cells),
    };
  },
});
