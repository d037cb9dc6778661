import type { HyperparameterValues } from './hyperparameters.ts';
import type { ObjectiveName } from './settings.ts';

export type TrialStatus = 'running' | 'completed' | 'failed';

/** What the trainer is asked to do: train epochs [initialEpoch, epochs), from the parent's best weights if any. */
export interface TrialRun {
  trialId: string;
  hyperparameters: HyperparameterValues;
  iteration: number;
  bracket: number;
  round: number;
  initialEpoch: number;
  epochs: number;
  parentId: string | null;
  /** Which version of the search space the values were drawn from (a promotion inherits its parent's). */
  spaceVersion: number;
}

export interface OracleTrial extends TrialRun {
  status: TrialStatus;
  /** Best objective value over the trial's own epochs; null until it completes. */
  score: number | null;
  /** The absolute epoch (1-based, as Keras counts) where the score was reached. */
  bestEpoch: number | null;
  failureReason: string | null;
  /** Where the training loss stopped being finite; null for a trial that never diverged. */
  divergence: Divergence | null;
}

/**
 * A trial whose training loss became NaN or infinite. Training stops there; as in KerasTuner (which
 * trains on with NaN weights), every epoch from `epoch` to the trial's last scores what a NaN model
 * scores: `nanModelValAccuracy` for val_accuracy, NaN for val_loss.
 */
export interface Divergence {
  /** The absolute epoch (1-based) in which the loss stopped being finite. */
  epoch: number;
  /**
   * The 1-based batch of that epoch where it happened; 0 when the trial started from weights that had
   * already diverged (its parent's best epoch came at or after the parent's divergence).
   */
  batch: number;
  /** The val_accuracy of a model whose outputs are all NaN, on this search's validation images. */
  nanModelValAccuracy: number;
}

/** Per-epoch figures, as Keras logs them. `epoch` is absolute and 1-based. */
export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
}

/** The epoch's value of the objective the search optimises. */
export function objectiveValue(objective: ObjectiveName, metrics: EpochMetrics): number {
  return objective === 'val_loss' ? metrics.valLoss : metrics.valAccuracy;
}

/** What the trainer was asked to do, without what the oracle learnt of it. */
export function trialRunOf(trial: OracleTrial): TrialRun {
  const { status: _s, score: _c, bestEpoch: _b, failureReason: _f, divergence: _d, ...run } = trial;
  return { ...run, hyperparameters: { ...run.hyperparameters } };
}

export type TrialOutcome =
  /** `epochs`: the finite epochs; with a divergence, those before it (the rest are implied by it). */
  | { status: 'completed'; epochs: readonly EpochMetrics[]; divergence?: Divergence }
  | { status: 'failed'; reason: string };

export type OracleDecision =
  | { type: 'run'; trial: TrialRun }
  | { type: 'wait' }
  | { type: 'done'; reason: string | null };

export function formatTrialId(index: number): string {
  return String(index).padStart(4, '0');
}
