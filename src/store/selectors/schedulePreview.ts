import { bracketCount, hyperbandPlan, plannedTotals, roundTotals, type PlannedRound } from '../../engine/schedule.ts';
import { SPLIT_SIZES, type SearchSettings } from '../../engine/settings.ts';

export interface SchedulePreview {
  brackets: number;
  rounds: PlannedRound[];
  totalTrials: number;
  totalEpochs: number;
  stepsPerEpoch: number;
}

/** The schedule the settings produce (its duration: `draftEstimate`). */
export function schedulePreview(settings: SearchSettings): SchedulePreview {
  const rounds = hyperbandPlan(settings);
  const { totalTrials, totalEpochs } = roundTotals(rounds);
  const stepsPerEpoch = Math.ceil((settings.trainLimit ?? SPLIT_SIZES.train) / settings.batchSize);
  return {
    brackets: bracketCount(settings.maxEpochs, settings.factor),
    rounds,
    totalTrials,
    totalEpochs,
    stepsPerEpoch,
  };
}

/** How many trials the settings' schedule runs in all, for "n of N" lines; 0 for a run without settings. */
export function plannedTrialCount(settings: SearchSettings | null): number {
  return settings ? plannedTotals(settings).totalTrials : 0;
}
