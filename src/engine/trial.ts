import type { HyperparameterValues } from './hyperparameters.ts';

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
}

/** Per-epoch figures, as Keras logs them. `epoch` is absolute and 1-based. */
export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
}

export type TrialOutcome =
  | { status: 'completed'; epochs: readonly EpochMetrics[] }
  | { status: 'failed'; reason: string };

export type OracleDecision =
  | { type: 'run'; trial: TrialRun }
  | { type: 'wait' }
  | { type: 'done'; reason: string | null };

export function formatTrialId(index: number): string {
  return String(index).padStart(4, '0');
}
