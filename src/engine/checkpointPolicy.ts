import { roundSize } from './schedule.ts';
import type { OracleState } from './oracleState.ts';
import { isPreferred } from './bestTrial.ts';
import type { OracleTrial } from './trial.ts';

/**
 * The trials whose best-epoch weights must be kept: those a later round may still promote, those
 * whose promoted child has not finished (a rerun loads the parent again), and the best trial so far.
 */
export function checkpointsToKeep(state: OracleState): Set<string> {
  const keep = new Set<string>();
  const { maxEpochs, factor, objective } = state.config;
  for (const bracket of state.brackets) {
    bracket.rounds.forEach((round, r) => {
      const next = bracket.rounds[r + 1];
      if (!next || next.length >= roundSize(maxEpochs, factor, bracket.bracket, r + 1)) return;
      const promoted = new Set(next.map((entry) => entry.parentId));
      round.filter((entry) => !promoted.has(entry.id)).forEach((entry) => keep.add(entry.id));
    });
  }
  let best: OracleTrial | null = null;
  for (const trial of state.trials) {
    if (trial.status === 'running' && trial.parentId) keep.add(trial.parentId);
    if (trial.status === 'completed' && isPreferred(objective, trial, best)) best = trial;
  }
  if (best) keep.add(best.trialId);
  const completed = new Set(state.trials.filter((t) => t.status === 'completed').map((t) => t.trialId));
  return new Set([...keep].filter((id) => completed.has(id)));
}
