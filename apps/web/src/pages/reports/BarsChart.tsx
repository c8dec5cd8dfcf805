import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Box } from '@mantine/core';
import { chartHeight, MAX_BARS, type ReportChartProps } from './ReportChart.tsx';

/**
 * Stacked bars, one per summary line: across the page for named groups (long names read better
 * on their own line), along the time axis for days, weeks and months. The chart is a picture of
 * the table under it, so assistive technology gets its name and the table.
 */
export default function BarsChart({
  label,
  data,
  series,
  timeline = false,
  valueFormatter,
  referenceLines,
}: ReportChartProps) {
  return (
    <Box role="img" aria-label={label} data-testid="report-chart">
      <BarChart
        h={chartHeight({ timeline, data })}
        data={data.slice(0, MAX_BARS)}
        dataKey="name"
        type="stacked"
        orientation={timeline ? 'horizontal' : 'vertical'}
        series={series}
        valueFormatter={valueFormatter}
        withLegend
        // A period of one or two days would otherwise draw bars as wide as the page.
        maxBarWidth={56}
        // Every bar keeps its name (recharts drops labels it thinks crowded).
        yAxisProps={timeline ? undefined : { width: 150, interval: 0 }}
        xAxisProps={timeline ? { interval: 'preserveStartEnd' } : undefined}
        tooltipAnimationDuration={0}
        referenceLines={referenceLines}
      />
    </Box>
  );
}
