import type { RunResults, TrialView, TrialViewStatus } from '../runState.ts';
import { isPreferred } from '../../engine/bestTrial.ts';
import type { EpochMetrics } from '../../engine/trial.ts';


/** One line of the learning-curve chart; plain data, so the chart needs nothing but props. */
export interface CurveSeries {
  trialId: string;
  bracket: number;
  status: TrialViewStatus;
  parentId: string | null;
  points: EpochMetrics[];
  /** Where the trial's loss stopped being finite (its line ends there); null if it never did. */
  divergedAt: { epoch: number; batch: number } | null;
}

/** A trial's line, kept while the trial and its parent are the same objects (the store replaces a trial it changes). */
const linesByTrial = new WeakMap<TrialView, { parent: TrialView | undefined; line: CurveSeries }>();

function curveLine(trial: TrialView, parent: TrialView | undefined): CurveSeries {
  const joint = parent?.epochs.find((m) => m.epoch === parent.bestEpoch);
  const own = [...trial.epochs].sort((a, b) => a.epoch - b.epoch);
  const points = (joint ? [joint, ...own] : own).map(({ epoch, valAccuracy, valLoss, accuracy, loss }) => ({ epoch, valAccuracy, valLoss, accuracy, loss }));
  const divergedAt = trial.divergence ? { epoch: trial.divergence.epoch, batch: trial.divergence.batch } : null;
  return { trialId: trial.trialId, bracket: trial.run.bracket, status: trial.status, parentId: trial.run.parentId, points, divergedAt };
}

/**
 * A line per trial. A promoted trial's line starts at its parent's best epoch, where the weights it
 * resumed from were taken (not necessarily the parent's last epoch), so it reads as the parent's curve
 * continued from there. A parent whose best epoch came after its divergence has no such point.
 * An unchanged trial keeps its line object, so a chart redraws only the lines that changed.
 */
export function curveSeries(run: RunResults): CurveSeries[] {
  return Object.values(run.trials)
    .filter((t) => t.epochs.length > 0 || t.status === 'failed' || t.divergence !== null)
    .map((trial) => {
      const parent = trial.run.parentId ? run.trials[trial.run.parentId] : undefined;
      const kept = linesByTrial.get(trial);
      if (kept && kept.parent === parent) return kept.line;
      const line = curveLine(trial, parent);
      linesByTrial.set(trial, { parent, line });
      return line;
    });
}

export interface BestSoFarPoint {
  trialsFinished: number;
  best: number;
  trialId: string;
}

/** The best trial's score after each finished trial, in the order trials ended (a diverged trial only while no other completed). */
export function bestSoFar(run: RunResults): BestSoFarPoint[] {
  const objective = run.settings?.objective ?? 'val_accuracy';
  const points: BestSoFarPoint[] = [];
  let best: TrialView | null = null;
  run.endOrder.forEach((id, index) => {
    const trial = run.trials[id];
    if (trial?.status === 'completed' && trial.score !== null && isPreferred(objective, trial, best)) best = trial;
    const current = best as TrialView | null;
    if (current) points.push({ trialsFinished: index + 1, best: current.score!, trialId: current.trialId });
  });
  return points;
}
