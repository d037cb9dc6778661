import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTextTable } from './ChartTextTable.tsx';
import { bestSoFarText } from './chartText.ts';
import chart from './chart.module.css';

export interface BestSoFarDatum {
  trialsFinished: number;
  best: number;
  trialId: string;
}

interface BestSoFarProps {
  points: BestSoFarDatum[];
  objective: string;
  totalTrials: number;
}

/** The objective's best value as trials finish: a staircase that only improves. */
export const BestSoFar = memo(function BestSoFar({ points, objective, totalTrials }: BestSoFarProps) {
  return (
    <figure className={chart.chart} data-testid="best-so-far-chart">
      <figcaption className={chart.title}>Best {objective} after each finished trial</figcaption>
      <div className={`${chart.canvas} ${chart.short}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="trialsFinished" domain={[1, Math.max(2, totalTrials)]} ticks={totalTrials <= 12 ? Array.from({ length: totalTrials }, (_, i) => i + 1) : undefined} allowDecimals={false} tickLine={false} />
            <YAxis width={48} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} tickLine={false} />
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload }) => {
                const point = payload?.[0]?.payload as BestSoFarDatum | undefined;
                if (!active || !point) return null;
                return (
                  <div className="chart-tooltip">
                    <p className={chart.tooltipTitle}>After {point.trialsFinished} trials</p>
                    <p>
                      <span className="num">{point.best.toFixed(4)}</span> <span className="faint">(trial {point.trialId})</span>
                    </p>
                  </div>
                );
              }}
            />
            <Line dataKey="best" type="stepAfter" className={chart.bestLine} stroke="currentColor" strokeWidth={2} dot={{ r: 2.5, fill: 'currentColor' }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartTextTable text={bestSoFarText(objective, points)} testId="best-so-far-text" />
    </figure>
  );
});
