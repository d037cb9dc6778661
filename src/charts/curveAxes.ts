import type { CurveLine, MetricKey } from './palette.ts';

/**
 * The learning curves' axes, computed here rather than by recharts: the lines are drawn by TrialLines from
 * the axes' scales, so recharts holds no data of its own to take a domain from.
 */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

export const isAccuracy = (metric: MetricKey) => metric === 'valAccuracy' || metric === 'accuracy';

function finiteValues(series: CurveLine[], metric: MetricKey): number[] {
  return series.flatMap((s) => s.points.map((p) => p[metric])).filter(Number.isFinite);
}

function ticksBetween(low: number, high: number, step: number): number[] {
  const ticks: number[] = [];
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = Math.ceil(low / step - 1e-9); i * step <= high + step * 1e-9; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** Accuracy axes zoom in on the data, on round ticks (0.05 or 0.1 apart), without leaving [0, 1]. */
export function accuracyAxis(series: CurveLine[], metric: MetricKey): ValueAxis {
  const values = finiteValues(series, metric);
  const low = values.length ? Math.max(0, Math.floor(Math.min(...values) * 20) / 20) : 0;
  const high = values.length ? Math.min(1, Math.ceil(Math.max(...values) * 20) / 20) : 1;
  const top = high > low ? high : Math.min(1, low + 0.05);
  const step = (top - low) / 0.05 > 8 ? 0.1 : 0.05;
  return { domain: [low, top], ticks: ticksBetween(low, top, step) };
}

/** 1, 2 or 5 times a power of ten: the smallest such step that splits `span` into at most `parts`. */
function niceStep(span: number, parts: number): number {
  const raw = span / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw * (1 - 1e-9))!;
}

/** Loss axes: from the data's lowest to its highest finite value, widened to round ticks (about five). */
export function lossAxis(series: CurveLine[], metric: MetricKey): ValueAxis {
  const values = finiteValues(series, metric);
  if (!values.length) return { domain: [0, 1], ticks: ticksBetween(0, 1, 0.2) };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = niceStep(max > min ? max - min : Math.max(Math.abs(max), 1e-3), 5);
  const low = Math.floor(min / step) * step;
  const high = Math.max(low + step, Math.ceil(max / step) * step);
  return { domain: [low, high], ticks: ticksBetween(low, high, step) };
}

export function valueAxis(series: CurveLine[], metric: MetricKey): ValueAxis {
  return isAccuracy(metric) ? accuracyAxis(series, metric) : lossAxis(series, metric);
}

export function epochTicks(maxEpochs: number): number[] | undefined {
  return maxEpochs <= 12 ? Array.from({ length: maxEpochs }, (_, i) => i + 1) : undefined;
}
