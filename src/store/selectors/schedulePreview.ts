import { bracketCount, hyperbandPlan, planTotals, type PlannedRound } from '../../engine/schedule.ts';
import { SPLIT_SIZES, type SearchSettings } from '../../engine/settings.ts';

export interface SchedulePreview {
  brackets: number;
  rounds: PlannedRound[];
  totalTrials: number;
  totalEpochs: number;
  stepsPerEpoch: number;
  /** null until the backend's speed has been measured. */
  estimatedMs: number | null;
}

/**
 * The schedule the settings produce, and how long it should take on this backend: every epoch is
 * stepsPerEpoch training steps at the measured ms per step, plus the final retrain of max_epochs.
 */
export function schedulePreview(settings: SearchSettings, msPerStep: number | null, retrains: number): SchedulePreview {
  const rounds = hyperbandPlan(settings);
  const { totalTrials, totalEpochs } = planTotals(rounds);
  const stepsPerEpoch = Math.ceil((settings.trainLimit ?? SPLIT_SIZES.train) / settings.batchSize);
  const epochs = totalEpochs + retrains * settings.maxEpochs;
  return {
    brackets: bracketCount(settings.maxEpochs, settings.factor),
    rounds,
    totalTrials,
    totalEpochs,
    stepsPerEpoch,
    estimatedMs: msPerStep === null ? null : epochs * stepsPerEpoch * msPerStep,
  };
}
