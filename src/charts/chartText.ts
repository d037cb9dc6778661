import type { BestSoFarDatum } from './BestSoFar.tsx';
import type { CurveLine, MetricKey } from './palette.ts';

/** What a screen reader gets instead of a chart: a caption, column headers and rows of text. */
export interface ChartText {
  caption: string;
  headers: string[];
  rows: string[][];
}

const format = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4));

/** One row per trial: epochs trained, the latest and the best value of the metric (loss: lowest is best). */
export function metricChartText(title: string, series: readonly CurveLine[], metric: MetricKey): ChartText {
  const higherIsBetter = metric === 'valAccuracy' || metric === 'accuracy';
  const rows = [...series]
    .sort((a, b) => a.trialId.localeCompare(b.trialId))
    .map((line) => {
      const values = line.points.map((point) => point[metric]).filter(Number.isFinite);
      const best = values.length ? (higherIsBetter ? Math.max(...values) : Math.min(...values)) : undefined;
      return [line.trialId, `bracket ${line.bracket}`, line.status, String(line.points.at(-1)?.epoch ?? 0), format(line.points.at(-1)?.[metric]), format(best)];
    });
  return { caption: `${title} per trial (${rows.length} trials)`, headers: ['Trial', 'Bracket', 'Status', 'Epochs', `Latest ${title}`, `Best ${title}`], rows };
}

/** One row per improvement of the best objective, as trials finish. */
export function bestSoFarText(objective: string, points: readonly BestSoFarDatum[], caption = `Best ${objective} after each finished trial`): ChartText {
  return {
    caption,
    headers: ['Trials finished', `Best ${objective}`, 'Trial'],
    rows: points.map((point) => [String(point.trialsFinished), format(point.best), point.trialId]),
  };
}

/** One row per line of the parallel coordinates: the trial, its value on every axis, and whether the brushes keep it. */
export function parallelCoordinatesText(axisLabels: readonly string[], lines: readonly { trialId: string; values: string[]; selected: boolean }[]): ChartText {
  return {
    caption: `Each completed trial at its final budget across ${axisLabels.length} axes (${lines.filter((l) => l.selected).length} of ${lines.length} kept by the brushes)`,
    headers: ['Trial', ...axisLabels, 'Kept by the brushes'],
    rows: lines.map((line) => [line.trialId, ...line.values, line.selected ? 'yes' : 'no']),
  };
}
