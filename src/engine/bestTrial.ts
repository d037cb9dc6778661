import { isBetter, type ObjectiveName } from './settings.ts';
import type { Divergence } from './trial.ts';

/** What choosing a best trial looks at; old stored trials have no `divergence` field. */
export interface Ranked {
  score: number | null;
  divergence?: Divergence | null;
}

/**
 * The order in which Rung names a best trial: every trial that never diverged before any that did,
 * then by score (KerasTuner's comparison; 0 on a tie, so a stable sort keeps the older trial first).
 * A diverged trial's score may be a NaN model's, so it is the best only when nothing else completed.
 * Promotions do not use this: they follow KerasTuner's score-only rule.
 */
export function compareForBest(objective: ObjectiveName, a: Ranked, b: Ranked): number {
  const aDiverged = a.divergence ? 1 : 0;
  const bDiverged = b.divergence ? 1 : 0;
  if (aDiverged !== bDiverged) return aDiverged - bDiverged;
  if (isBetter(objective, a.score!, b.score)) return -1;
  if (isBetter(objective, b.score!, a.score)) return 1;
  return 0;
}

/** True when `candidate` should replace `incumbent` as the best trial (a tie keeps the incumbent). */
export function isPreferred(objective: ObjectiveName, candidate: Ranked, incumbent: Ranked | null): boolean {
  return incumbent === null || compareForBest(objective, candidate, incumbent) < 0;
}

/**
 * True when the trial's best epoch came at or after its divergence: its weights there are a NaN
 * model's, so no checkpoint exists, and a promoted child starts already diverged.
 */
export function bestEpochDiverged(trial: { divergence?: Divergence | null; bestEpoch: number | null }): boolean {
  return !!trial.divergence && trial.bestEpoch !== null && trial.bestEpoch >= trial.divergence.epoch;
}
