import { memo } from 'react';
import { useActiveTooltipLabel, useXAxisScale, useYAxisScale } from 'recharts';
import { entriesAtEpoch } from './CurveTooltip.tsx';
import { lineColour, type CurveLine, type CurvePointData, type MetricKey } from './palette.ts';
import chart from './chart.module.css';

/**
 * Every trial's line in one layer of plain SVG, placed by the chart's own axis scales. One recharts
 * `<Line>` per trial cost the page about 200 ms of main thread per redraw of the two learning-curve charts
 * (each line is an item in recharts' store, laid out again on every change, then drawn again in the next
 * animation frame); here a redraw renders only the lines that changed, and all of them only when an axis moves.
 */

type Scale = (value: number) => number | undefined;

interface PlacedPoint {
  x: number;
  y: number;
}

function placedPoints(points: CurvePointData[], metric: MetricKey, x: Scale, y: Scale): PlacedPoint[] {
  const placed: PlacedPoint[] = [];
  for (const point of points) {
    const value = point[metric];
    if (!Number.isFinite(value)) continue;
    const px = x(point.epoch);
    const py = y(value);
    if (px !== undefined && py !== undefined) placed.push({ x: px, y: py });
  }
  return placed;
}

const pathOf = (points: PlacedPoint[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');

/** The last finite point of a diverged trial: a cross where its line ends. */
function DivergedMark({ at, colour, faded, trialId, onClick }: { at: PlacedPoint; colour: string; faded: boolean; trialId: string; onClick(): void }) {
  const r = 4.5;
  return (
    <path
      d={`M${at.x - r},${at.y - r}L${at.x + r},${at.y + r}M${at.x - r},${at.y + r}L${at.x + r},${at.y - r}`}
      stroke={colour}
      strokeWidth={2.2}
      strokeOpacity={faded ? 0.3 : 1}
      className={`curve-diverged curve-diverged-${trialId}`}
      onClick={onClick}
    />
  );
}

interface TrialLineProps {
  line: CurveLine;
  metric: MetricKey;
  x: Scale;
  y: Scale;
  selected: boolean;
  faded: boolean;
  onSelect(trialId: string): void;
}

/** One trial: its line, a wide transparent stroke over it that a pointer can hit, and a dot per epoch. */
const TrialLine = memo(function TrialLine({ line, metric, x, y, selected, faded, onSelect }: TrialLineProps) {
  const colour = lineColour(line);
  const select = () => onSelect(line.trialId);
  const points = placedPoints(line.points, metric, x, y);
  const d = pathOf(points);
  const last = points.length - 1;
  return (
    <g className={`curve curve-${line.trialId}`}>
      <path
        d={d}
        className="curve-line"
        fill="none"
        stroke={colour}
        strokeWidth={selected ? 3.5 : 1.6}
        strokeOpacity={faded ? 0.25 : 0.95}
        strokeDasharray={line.status === 'failed' ? '5 4' : undefined}
        onClick={select}
      />
      <path d={d} fill="none" stroke="transparent" strokeWidth={12} className={`curve-hit ${chart.clickable}`} onClick={select} />
      {points.map((p, i) =>
        line.divergedAt && i === last ? (
          <DivergedMark key={i} at={p} colour={colour} faded={faded} trialId={line.trialId} onClick={select} />
        ) : (
          <circle key={i} cx={p.x} cy={p.y} r={selected ? 3.5 : 2.2} fill={colour} fillOpacity={faded ? 0.3 : 1} className={`${chart.clickable} curve-dot curve-dot-${line.trialId}`} onClick={select} />
        ),
      )}
    </g>
  );
});

/** Larger dots on every line at the epoch under the pointer (the tooltip's), as the tooltip lists them. */
function ActiveEpochDots({ series, metric, x, y }: { series: CurveLine[]; metric: MetricKey; x: Scale; y: Scale }) {
  const label = useActiveTooltipLabel();
  const entries = entriesAtEpoch(series, metric, label);
  const cx = entries.length > 0 ? x(Number(label)) : undefined;
  if (cx === undefined) return null;
  return (
    <g className="curve-active-dots" pointerEvents="none">
      {entries.map((entry) => {
        const cy = y(entry.value);
        return cy === undefined ? null : <circle key={entry.name} cx={cx} cy={cy} r={4} fill={entry.color} stroke="var(--surface)" strokeWidth={1.5} />;
      })}
    </g>
  );
}

interface TrialLinesProps {
  /** In drawing order: the selected trial last, on top. */
  series: CurveLine[];
  metric: MetricKey;
  selectedTrialId: string | null;
  onSelect(trialId: string): void;
}

export function TrialLines({ series, metric, selectedTrialId, onSelect }: TrialLinesProps) {
  const x = useXAxisScale() as Scale | undefined;
  const y = useYAxisScale() as Scale | undefined;
  if (!x || !y) return null;
  return (
    <g className="trial-lines">
      {series.map((line) => (
        <TrialLine key={line.trialId} line={line} metric={metric} x={x} y={y} selected={line.trialId === selectedTrialId} faded={selectedTrialId !== null && line.trialId !== selectedTrialId} onSelect={onSelect} />
      ))}
      <ActiveEpochDots series={series} metric={metric} x={x} y={y} />
    </g>
  );
}
