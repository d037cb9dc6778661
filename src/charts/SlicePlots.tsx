import { memo } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTextTable } from './ChartTextTable.tsx';
import { FAILED_COLOUR } from './palette.ts';
import chart from './chart.module.css';
import styles from './SlicePlots.module.css';

export interface SlicePointData {
  trialId: string;
  x: number;
  score: number;
  selected: boolean;
}

export interface SlicePlotData {
  name: string;
  /** `category`: x is an index into `ticks`. */
  scale: 'linear' | 'log' | 'category';
  domain: [number, number];
  ticks: { x: number; label: string }[] | null;
  points: SlicePointData[];
}

const tickLabel = (plot: SlicePlotData) => (x: number) => plot.ticks?.find((tick) => tick.x === x)?.label ?? String(Number(x.toPrecision(3)));

/** One hyperparameter against the objective: a point per completed trial, the brushed-out ones faded. */
const SlicePlot = memo(function SlicePlot({ plot, objective }: { plot: SlicePlotData; objective: string }) {
  const label = tickLabel(plot);
  const kept = plot.points.filter((p) => p.selected);
  const faded = plot.points.filter((p) => !p.selected);
  return (
    <figure className={chart.chart} data-testid={`slice-${plot.name}`}>
      <figcaption className={chart.title}>{plot.name}</figcaption>
      <div className={styles.canvas}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 6, right: 10, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" name={plot.name} scale={plot.scale === 'log' ? 'log' : 'linear'} domain={plot.domain} ticks={plot.ticks?.map((t) => t.x)} tickFormatter={label} allowDataOverflow tickLine={false} />
            <YAxis type="number" dataKey="score" name={objective} width={44} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} tickLine={false} />
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload }) => {
                const point = payload?.[0]?.payload as SlicePointData | undefined;
                if (!active || !point) return null;
                return (
                  <div className="chart-tooltip">
                    <p className={chart.tooltipTitle}>Trial {point.trialId}</p>
                    <p>{plot.name} {label(point.x)}, {objective} {point.score.toFixed(4)}</p>
                  </div>
                );
              }}
            />
            <Scatter data={faded} className="slice-faded" fill={FAILED_COLOUR} fillOpacity={0.35} isAnimationActive={false} />
            <Scatter data={kept} className={`slice-kept ${styles.kept}`} fill="currentColor" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <ChartTextTable
        testId={`slice-${plot.name}-text`}
        text={{
          caption: `${objective} against ${plot.name}, one row per completed trial`,
          headers: ['Trial', plot.name, objective, 'Kept by the brushes'],
          rows: plot.points.map((p) => [p.trialId, label(p.x), p.score.toFixed(4), p.selected ? 'yes' : 'no']),
        }}
      />
    </figure>
  );
});

/** Small scatters, one per hyperparameter, of the objective against its value. */
export const SlicePlots = memo(function SlicePlots({ plots, objective }: { plots: SlicePlotData[]; objective: string }) {
  return (
    <div className={styles.grid} data-testid="slice-plots">
      {plots.map((plot) => <SlicePlot key={plot.name} plot={plot} objective={objective} />)}
    </div>
  );
});
