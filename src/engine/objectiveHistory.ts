import type { ObjectiveName } from './settings.ts';
import { objectiveValue, type Divergence, type EpochMetrics, type TrialRun } from './trial.ts';

/**
 * The objective at each of the trial's own epochs, as KerasTuner's history holds it: the reported
 * epochs, then, from a divergence to the last epoch, what a NaN model scores (validation runs after
 * the epoch's updates, so the epoch the loss diverged in already validates NaN weights).
 */
export function objectiveHistory(objective: ObjectiveName, trial: TrialRun, epochs: readonly EpochMetrics[], divergence: Divergence | null): { epoch: number; value: number }[] {
  if (divergence && (divergence.epoch <= trial.initialEpoch || divergence.epoch > trial.epochs)) {
    throw new Error(`trial ${trial.trialId} diverged at epoch ${divergence.epoch}, outside its epochs ${trial.initialEpoch + 1}–${trial.epochs}`);
  }
  const reported = epochs.filter((m) => !divergence || m.epoch < divergence.epoch).map((m) => ({ epoch: m.epoch, value: objectiveValue(objective, m) }));
  if (!divergence) return reported;
  const nanModelValue = objective === 'val_loss' ? Number.NaN : divergence.nanModelValAccuracy;
  const after = Array.from({ length: trial.epochs - divergence.epoch + 1 }, (_, i) => ({ epoch: divergence.epoch + i, value: nanModelValue }));
  return [...reported, ...after];
}
