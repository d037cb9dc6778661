import type { ConfusionCell, ModelEvaluation } from '../engine/modelEvaluation.ts';
import type { ModelFileFormat } from '../worker/protocol.ts';

export type { ModelFileFormat };

/** Which trained model the page works on: the retrained best, or a trial whose weights are kept. */
export type ModelChoice = { kind: 'best' } | { kind: 'trial'; trialId: string };

/** The page's view of a trained model: its files, where it fails, and what it makes of a drawing. */
export interface ModelViewState {
  choice: ModelChoice;
  /** Trials of the run shown whose weights are kept (they can be downloaded and tried). */
  keptTrialIds: string[];
  /** The run `keptTrialIds` belongs to. */
  keptRunId: string | null;
  /** The format being written by the worker, or null. */
  exporting: ModelFileFormat | null;
  evaluating: boolean;
  evaluation: ModelEvaluation | null;
  /** The confusion matrix cell the gallery is filtered to, or null for every mistake. */
  cell: ConfusionCell | null;
  /** The ten probabilities for the drawing on the pad, or null while the pad is blank. */
  probabilities: number[] | null;
}

export function initialModelViewState(): ModelViewState {
  return { choice: { kind: 'best' }, keptTrialIds: [], keptRunId: null, exporting: null, evaluating: false, evaluation: null, cell: null, probabilities: null };
}

/** A request that failed in the worker is over: its buttons come back. */
export function modelRequestsFailed(model: ModelViewState): ModelViewState {
  return model.exporting === null && !model.evaluating ? model : { ...model, exporting: null, evaluating: false };
}

/** A new retrain replaces the best model: its old evaluation and answers no longer hold. */
export function modelAfterRetrain(model: ModelViewState): ModelViewState {
  return model.choice.kind === 'best' ? { ...model, evaluation: null, cell: null, probabilities: null } : model;
}
