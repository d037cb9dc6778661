import type { RunState, TrialViewStatus } from '../runState.ts';
import { isBetter } from '../../engine/settings.ts';

export interface CurvePoint {
  epoch: number;
  valAccuracy: number;
  valLoss: number;
  accuracy: number;
  loss: number;
}

/** One line of the learning-curve chart; plain data, so the chart needs nothing but props. */
export interface CurveSeries {
  trialId: string;
  bracket: number;
  status: TrialViewStatus;
  parentId: string | null;
  points: CurvePoint[];
}

/**
 * A line per trial. A promoted trial's line starts at its parent's point at initialEpoch, the
 * weights it resumed from, so it reads as the parent's curve continued.
 */
export function curveSeries(run: RunState): CurveSeries[] {
  return Object.values(run.trials)
    .filter((t) => t.epochMetrics.length > 0 || t.status === 'failed')
    .map((trial) => {
      const parent = trial.parentId ? run.trials[trial.parentId] : undefined;
      const joint = parent?.epochMetrics.find((m) => m.epoch === trial.initialEpoch);
      const own = [...trial.epochMetrics].sort((a, b) => a.epoch - b.epoch);
      const points = (joint ? [joint, ...own] : own).map(({ epoch, valAccuracy, valLoss, accuracy, loss }) => ({ epoch, valAccuracy, valLoss, accuracy, loss }));
      return { trialId: trial.id, bracket: trial.bracket, status: trial.status, parentId: trial.parentId, points };
    });
}

export interface BestSoFarPoint {
  trialsFinished: number;
  best: number;
  trialId: string;
}

/** The objective's best value after each finished trial, in the order trials ended. */
export function bestSoFar(run: RunState): BestSoFarPoint[] {
  const objective = run.settings?.objective ?? 'val_accuracy';
  const points: BestSoFarPoint[] = [];
  let best: { value: number; trialId: string } | null = null;
  run.endOrder.forEach((id, index) => {
    const trial = run.trials[id];
    if (trial?.status === 'completed' && trial.score !== null && isBetter(objective, trial.score, best?.value ?? null)) {
      best = { value: trial.score, trialId: id };
    }
    if (best) points.push({ trialsFinished: index + 1, best: (best as { value: number }).value, trialId: (best as { trialId: string }).trialId });
  });
  return points;
}
