import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BestSoFarDatum } from './BestSoFar.tsx';
import { ChartTextTable } from './ChartTextTable.tsx';
import { bestSoFarText } from './chartText.ts';
import { BRACKET_COLOURS } from './palette.ts';
import chart from './chart.module.css';
import styles from './CompareBestSoFar.module.css';

/** One compared run: its name for the legend, and its best-so-far staircase. */
export interface CompareSeries {
  runId: string;
  name: string;
  objective: string;
  /** Planned trials of the run: the x axis runs to the largest. */
  totalTrials: number;
  points: BestSoFarDatum[];
}

interface CompareBestSoFarProps {
  series: CompareSeries[];
}

/** Colour and dash per compared run: told apart by colour and by line style. */
const STYLES = [
  { colour: BRACKET_COLOURS[0], dash: undefined },
  { colour: BRACKET_COLOURS[1], dash: '7 4' },
] as const;

export function compareStyle(index: number): { colour: string; dash: string | undefined } {
  return STYLES[index % STYLES.length]!;
}

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
}

function CompareTooltip({ active, payload, label }: { active?: boolean; payload?: readonly TooltipEntry[]; label?: string | number }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="chart-tooltip">
      <p className={chart.tooltipTitle}>After {label} trials</p>
      <ul className={chart.tooltipList}>
        {payload
          .filter((entry) => typeof entry.value === 'number')
          .map((entry) => (
            <li key={String(entry.name)} className={styles.tooltipEntry}>
              <span className={chart.swatch} style={{ background: entry.color }} aria-hidden="true" />
              <span className={styles.tooltipName}>{entry.name}</span>
              <span className="num">{Number(entry.value).toFixed(4)}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}

/**
 * The best objective value after each finished trial, for up to two stored runs on one chart: which
 * search found a good configuration sooner, and which ended higher.
 */
export function CompareBestSoFar({ series }: CompareBestSoFarProps) {
  const objectives = [...new Set(series.map((s) => s.objective))];
  const totalTrials = Math.max(2, ...series.map((s) => Math.max(s.totalTrials, s.points.at(-1)?.trialsFinished ?? 0)));
  const title = objectives.length === 1 ? `Best ${objectives[0]} after each finished trial` : `Best score (${objectives.join(' / ')}) after each finished trial`;
  return (
    <figure className={chart.chart} data-testid="compare-chart">
      <figcaption className={chart.title}>{title}</figcaption>
      <div className={`${chart.canvas} ${chart.short}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="trialsFinished"
              domain={[1, totalTrials]}
              ticks={totalTrials <= 12 ? Array.from({ length: totalTrials }, (_, i) => i + 1) : undefined}
              allowDecimals={false}
              allowDuplicatedCategory={false}
              tickLine={false}
            />
            <YAxis width={48} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} tickLine={false} />
            <Tooltip isAnimationActive={false} content={(props) => <CompareTooltip active={props.active} payload={props.payload} label={props.label} />} />
            {series.map((run, index) => {
              const { colour, dash } = compareStyle(index);
              return (
                <Line
                  key={run.runId}
                  data={run.points}
                  dataKey="best"
                  name={run.name}
                  type="stepAfter"
                  stroke={colour}
                  strokeWidth={2}
                  strokeDasharray={dash}
                  dot={{ r: 2.5, fill: colour, strokeWidth: 0 }}
                  isAnimationActive={false}
                  className={`compare-line compare-line-${index}`}
                />
              );
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className={styles.legend} aria-label="Compared runs">
        {series.map((run, index) => {
          const { colour, dash } = compareStyle(index);
          const best = run.points.at(-1);
          return (
            <li key={run.runId} data-testid={`compare-legend-${index}`}>
              <svg className={styles.legendSwatch} width="22" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="21" y2="5" stroke={colour} strokeWidth="2.5" strokeDasharray={dash === undefined ? undefined : '5 3'} />
              </svg>
              <span className={styles.legendText}>
                <span className={styles.legendName}>{run.name}</span>{' '}
                <span className="num faint">{best ? `best ${best.best.toFixed(4)} after ${best.trialsFinished} trials` : 'no trial completed yet'}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {series.map((run, index) => (
        <ChartTextTable key={run.runId} text={bestSoFarText(run.objective, run.points, `${run.name}: best ${run.objective} after each finished trial`)} testId={`compare-text-${index}`} />
      ))}
    </figure>
  );
}
