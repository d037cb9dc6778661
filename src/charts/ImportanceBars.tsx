import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ChartTextTable } from './ChartTextTable.tsx';
import chart from './chart.module.css';
import styles from './ImportanceBars.module.css';

export interface ImportanceDatum {
  name: string;
  importance: number;
}

/** Importances are shown to three decimals: that is what the bars' labels and the table say. */
export const formatImportance = (importance: number): string => importance.toFixed(3);

/** Per bar, in pixels: recharts needs a height, and the bars' count is the hyperparameters'. */
const BAR_PX = 28;
const AXES_PX = 36;

/** One horizontal bar per hyperparameter, most important first, with its share of the variance. */
export const ImportanceBars = memo(function ImportanceBars({ importances, caption }: { importances: readonly ImportanceDatum[]; caption: string }) {
  const longestName = Math.max(...importances.map((d) => d.name.length));
  return (
    <figure className={chart.chart} data-testid="importance-chart">
      <figcaption className={chart.title}>{caption}</figcaption>
      <div style={{ height: importances.length * BAR_PX + AXES_PX }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...importances]} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickLine={false} />
            <YAxis type="category" dataKey="name" width={Math.min(180, 16 + longestName * 7)} tickLine={false} className={styles.names} />
            <Bar dataKey="importance" className={styles.bar} fill="currentColor" isAnimationActive={false}>
              <LabelList dataKey="importance" position="right" className={styles.value} formatter={(v: unknown) => formatImportance(Number(v))} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTextTable
        text={{ caption, headers: ['Hyperparameter', 'Importance'], rows: importances.map((d) => [d.name, formatImportance(d.importance)]) }}
        testId="importance-text"
      />
    </figure>
  );
});
