import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTextTable } from './ChartTextTable.tsx';
import { metricChartText } from './chartText.ts';
import { epochTicks, isAccuracy, valueAxis, type ValueAxis } from './curveAxes.ts';
import { CurveTooltip, entriesAtEpoch } from './CurveTooltip.tsx';
import type { CurveLine, MetricKey } from './palette.ts';
import { TrialLines } from './TrialLines.tsx';
import chart from './chart.module.css';

interface MetricChartProps {
  title: string;
  testId: string;
  metric: MetricKey;
  series: CurveLine[];
  maxEpochs: number;
  selectedTrialId: string | null;
  onSelect(trialId: string): void;
}

const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const CURSOR = { stroke: 'var(--border-strong)' };
const formatTick = (v: number) => v.toFixed(2);

/**
 * The same axis object while its domain and ticks are the same: recharts stores an axis's settings and
 * lays the whole chart out again, in the next animation frame, whenever a prop of the axis is a new object.
 */
function useStableAxis(series: CurveLine[], metric: MetricKey): ValueAxis {
  const axis = valueAxis(series, metric);
  const key = `${axis.domain.join(' ')}|${axis.ticks.join(' ')}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by value on purpose
  return useMemo(() => axis, [key]);
}

/** One metric against the epoch: a line per trial, the selected one drawn thick and on top. */
export const MetricChart = memo(function MetricChart({ title, testId, metric, series, maxEpochs, selectedTrialId, onSelect }: MetricChartProps) {
  const axis = useStableAxis(series, metric);
  // `rows`, one per epoch, are what the tooltip steps through (the lines themselves are TrialLines', not recharts' data).
  const epochAxis = useMemo(() => {
    const lastEpoch = Math.max(2, maxEpochs);
    return { domain: [1, lastEpoch], ticks: epochTicks(maxEpochs), rows: Array.from({ length: lastEpoch }, (_, i) => ({ epoch: i + 1 })) };
  }, [maxEpochs]);
  const text = useMemo(() => metricChartText(title, series, metric), [title, series, metric]);
  const ordered = useMemo(
    () => (selectedTrialId ? [...series.filter((s) => s.trialId !== selectedTrialId), ...series.filter((s) => s.trialId === selectedTrialId)] : series),
    [series, selectedTrialId],
  );
  return (
    <figure className={chart.chart} data-testid={testId}>
      <figcaption className={chart.title}>{title}</figcaption>
      <div className={chart.canvas}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={epochAxis.rows} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="epoch" domain={epochAxis.domain} ticks={epochAxis.ticks} allowDecimals={false} allowDuplicatedCategory={false} tickLine={false} />
            <YAxis type="number" width={48} domain={axis.domain} ticks={axis.ticks} allowDataOverflow tickFormatter={formatTick} tickLine={false} />
            <Tooltip
              isAnimationActive={false}
              cursor={CURSOR}
              content={(props) => (
                <CurveTooltip active={props.active} entries={entriesAtEpoch(ordered, metric, props.label)} label={props.label} higherIsBetter={isAccuracy(metric)} selectedTrialId={selectedTrialId} />
              )}
            />
            <TrialLines series={ordered} metric={metric} selectedTrialId={selectedTrialId} onSelect={onSelect} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartTextTable text={text} testId={`${testId}-text`} />
    </figure>
  );
});
