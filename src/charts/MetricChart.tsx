import { memo, useMemo } from 'react';
import { CartesianGrid, Curve, Line, LineChart, LineDrawShape, ResponsiveContainer, Tooltip, XAxis, YAxis, type LineDrawShapeProps } from 'recharts';
import { ChartTextTable } from './ChartTextTable.tsx';
import { metricChartText } from './chartText.ts';
import { CurveTooltip } from './CurveTooltip.tsx';
import { lineColour, type CurveLine, type MetricKey } from './palette.ts';
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

/** The last finite point of a diverged trial: a cross where its line ends. */
function DivergedMark({ x, y, colour, faded, trialId, onClick }: { x: number; y: number; colour: string; faded: boolean; trialId: string; onClick(): void }) {
  const r = 4.5;
  return (
    <path d={`M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`} stroke={colour} strokeWidth={2.2} strokeOpacity={faded ? 0.3 : 1} className={`curve-diverged curve-diverged-${trialId}`} onClick={onClick} />
  );
}

const isAccuracy = (metric: MetricKey) => metric === 'valAccuracy' || metric === 'accuracy';

/** Accuracy axes zoom in on the data, on round ticks (0.05 or 0.1 apart), without leaving [0, 1]. */
function accuracyAxis(series: CurveLine[], metric: MetricKey): { domain: [number, number]; ticks: number[] } {
  const values = series.flatMap((s) => s.points.map((p) => p[metric])).filter(Number.isFinite);
  const low = values.length ? Math.max(0, Math.floor(Math.min(...values) * 20) / 20) : 0;
  const high = values.length ? Math.min(1, Math.ceil(Math.max(...values) * 20) / 20) : 1;
  const top = high > low ? high : Math.min(1, low + 0.05);
  const step = (top - low) / 0.05 > 8 ? 0.1 : 0.05;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step - 1e-9) * step; t <= top + 1e-9; t += step) ticks.push(Number(t.toFixed(2)));
  return { domain: [low, top], ticks };
}

function epochTicks(maxEpochs: number): number[] | undefined {
  return maxEpochs <= 12 ? Array.from({ length: maxEpochs }, (_, i) => i + 1) : undefined;
}

/**
 * One trial's line. Memoised: a line whose trial, selection and metric are unchanged is not rendered again
 * when another trial's line grows (curveSeries keeps an unchanged trial's line object).
 */
const CurveItem = memo(function CurveItem({ line, metric, selected, faded, onSelect }: { line: CurveLine; metric: MetricKey; selected: boolean; faded: boolean; onSelect(trialId: string): void }) {
  const colour = lineColour(line);
  const select = () => onSelect(line.trialId);
  return (
    <Line
      data={line.points}
      dataKey={metric}
      name={line.trialId}
      type="linear"
      stroke={colour}
      strokeWidth={selected ? 3.5 : 1.6}
      strokeOpacity={faded ? 0.25 : 0.95}
      strokeDasharray={line.status === 'failed' ? '5 4' : undefined}
      isAnimationActive={false}
      className={`curve curve-${line.trialId}`}
      onClick={select}
      dot={(dot) =>
        line.divergedAt && dot.index === line.points.length - 1 ? (
          <DivergedMark key={`${line.trialId}-${dot.index}`} x={dot.cx ?? 0} y={dot.cy ?? 0} colour={colour} faded={faded} trialId={line.trialId} onClick={select} />
        ) : (
          <circle key={`${line.trialId}-${dot.index}`} cx={dot.cx} cy={dot.cy} r={selected ? 3.5 : 2.2} fill={colour} fillOpacity={faded ? 0.3 : 1} className={`${chart.clickable} curve-dot curve-dot-${line.trialId}`} onClick={select} />
        )
      }
      activeDot={{ r: 4, onClick: select }}
      shape={(shape: LineDrawShapeProps) => (
        <g>
          <LineDrawShape {...shape} />
          {/* A wide transparent stroke over the thin line: something a pointer can hit. */}
          <Curve points={shape.points} type="linear" layout={shape.layout} fill="none" stroke="transparent" strokeWidth={12} className={`curve-hit ${chart.clickable}`} onClick={select} />
        </g>
      )}
    />
  );
});

/** One metric against the epoch: a line per trial, the selected one drawn thick and on top. */
export const MetricChart = memo(function MetricChart({ title, testId, metric, series, maxEpochs, selectedTrialId, onSelect }: MetricChartProps) {
  const accuracy = useMemo(() => (isAccuracy(metric) ? accuracyAxis(series, metric) : null), [series, metric]);
  const text = useMemo(() => metricChartText(title, series, metric), [title, series, metric]);
  const ordered = selectedTrialId ? [...series.filter((s) => s.trialId !== selectedTrialId), ...series.filter((s) => s.trialId === selectedTrialId)] : series;
  return (
    <figure className={chart.chart} data-testid={testId}>
      <figcaption className={chart.title}>{title}</figcaption>
      <div className={chart.canvas}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="epoch" domain={[1, Math.max(2, maxEpochs)]} ticks={epochTicks(maxEpochs)} allowDecimals={false} allowDuplicatedCategory={false} tickLine={false} />
            <YAxis width={48} domain={accuracy?.domain ?? ['auto', 'auto']} ticks={accuracy?.ticks} tickFormatter={(v: number) => v.toFixed(2)} tickLine={false} />
            <Tooltip
              isAnimationActive={false}
              content={(props) => <CurveTooltip active={props.active} payload={props.payload} label={props.label} higherIsBetter={isAccuracy(metric)} selectedTrialId={selectedTrialId} />}
            />
            {ordered.map((line) => (
              <CurveItem key={line.trialId} line={line} metric={metric} selected={line.trialId === selectedTrialId} faded={selectedTrialId !== null && line.trialId !== selectedTrialId} onSelect={onSelect} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartTextTable text={text} testId={`${testId}-text`} />
    </figure>
  );
});
