import type { RunResults } from '../runState.ts';
import { formatAxisValue } from './axisScale.ts';
import { completedTrials, insightAxes, OBJECTIVE_AXIS, passesBrushes, type Brushes } from './insight.ts';

export interface SlicePoint {
  trialId: string;
  /** The hyperparameter's value, or a category's index on a category axis. */
  x: number;
  score: number;
  /** Passes every brush; the others are drawn faded. */
  selected: boolean;
}

export interface SlicePlot {
  name: string;
  /** `category`: x is an index into `ticks`. */
  scale: 'linear' | 'log' | 'category';
  domain: [number, number];
  /** Where the ticks go on x, with their labels; null lets the chart choose (a linear axis). */
  ticks: { x: number; label: string }[] | null;
  points: SlicePoint[];
}

/** The objective against each hyperparameter, a point per completed trial (every budget), in registration order. */
export function slicePlots(run: RunResults, brushes: Brushes): SlicePlot[] {
  const trials = completedTrials(run);
  return insightAxes(run, brushes)
    .filter((axis) => axis.key !== OBJECTIVE_AXIS)
    .map(({ key, scale }) => {
      const placed = trials.map((trial) => {
        const value = trial.hyperparameters[key];
        const x = scale.kind === 'categories' ? (value === undefined ? -1 : scale.values.indexOf(value)) : typeof value === 'number' ? value : NaN;
        return { trialId: trial.trialId, x, score: trial.score, selected: passesBrushes(trial.hyperparameters, trial.score, brushes) };
      });
      const points = placed.filter((p) => Number.isFinite(p.x) && p.x >= (scale.kind === 'categories' ? 0 : -Infinity));
      if (scale.kind === 'categories') {
        return { name: key, scale: 'category', domain: [-0.5, scale.values.length - 0.5], ticks: scale.values.map((value, x) => ({ x, label: formatAxisValue(value) })), points };
      }
      return { name: key, scale: scale.kind, domain: [scale.min, scale.max], ticks: null, points };
    });
}
