import '@mantine/charts/styles.css';
import { BarChart, type BarChartProps } from '@mantine/charts';
import { Box } from '@mantine/core';

/** At most this many bars: the table below carries every row. */
const MAX_BARS = 25;

export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

/**
 * Stacked bars, one per summary line: across the page for named groups (long names read better
 * on their own line), along the time axis for days, weeks and months. The chart is a picture of
 * the table under it, so assistive technology gets its name and the table.
 */
export function ReportChart({
  label,
  data,
  series,
  timeline = false,
  valueFormatter,
  referenceLines,
}: {
  label: string;
  data: ({ name: string } & Record<string, number | string>)[];
  series: ChartSeries[];
  timeline?: boolean;
  valueFormatter: (value: number) => string;
  /** Marks to read the bars against: a budget's 100 %, the spec's 70 % utilisation. */
  referenceLines?: BarChartProps['referenceLines'];
}) {
  const bars = data.slice(0, MAX_BARS);
  return (
    <Box role="img" aria-label={label} data-testid="report-chart">
      <BarChart
        h={timeline ? 260 : Math.max(120, bars.length * 34 + 40)}
        data={bars}
        dataKey="name"
        type="stacked"
        orientation={timeline ? 'horizontal' : 'vertical'}
        series={series}
        valueFormatter={valueFormatter}
        withLegend
        yAxisProps={timeline ? undefined : { width: 160 }}
        tooltipAnimationDuration={0}
        referenceLines={referenceLines}
      />
    </Box>
  );
}
