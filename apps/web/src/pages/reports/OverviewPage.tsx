export function ReportsOverviewPage() {
  return null;
}
