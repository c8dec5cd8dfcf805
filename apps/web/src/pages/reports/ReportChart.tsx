import type { BarChartProps } from '@mantine/charts';
import { Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';

/** At most this many bars: the table below carries every row. */
export const MAX_BARS = 25;

export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

export interface ReportChartProps {
  label: string;
  data: ({ name: string } & Record<string, number | string>)[];
  series: ChartSeries[];
  /** Days, weeks or months: bars along the time axis. */
  timeline?: boolean;
  valueFormatter: (value: number) => string;
  /** Marks to read the bars against: a budget's 100 %, the spec's 70 % utilisation. */
  referenceLines?: BarChartProps['referenceLines'];
}

/** The chart's height: one band a bar across the page, or a fixed plot along the time axis. */
export const chartHeight = ({ timeline, data }: Pick<ReportChartProps, 'timeline' | 'data'>) =>
  timeline ? 260 : Math.max(120, Math.min(data.length, MAX_BARS) * 34 + 40);

// recharts weighs more than the rest of a report screen: it loads as its own chunk after the page,
// so the figures (and an administrator's first screen) show without waiting for it.
const BarsChart = lazy(() => import('./BarsChart.tsx'));

/** A report's chart, with a placeholder of its size while the charting code loads. */
export function ReportChart(props: ReportChartProps) {
  return (
    <Suspense fallback={<Skeleton h={chartHeight(props)} aria-hidden />}>
      <BarsChart {...props} />
    </Suspense>
  );
}
