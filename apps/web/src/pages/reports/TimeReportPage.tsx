import { ReportFilterBar, TIME_FILTERS } from './ReportFilterBar.tsx';

export function TimeReportPage() {
  return <ReportFilterBar filters={TIME_FILTERS} />;
}
