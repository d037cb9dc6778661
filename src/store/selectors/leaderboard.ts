import { cleanValue, type HyperparameterValue } from '../../engine/hyperparameters.ts';
import type { ObjectiveName } from '../../engine/settings.ts';
import { compareForBest } from '../../engine/bestTrial.ts';
import type { Divergence } from '../../engine/trial.ts';
import type { SortDirection } from '../appStore.ts';
import { runSpaces, type RunResults, type TrialView, type TrialViewStatus } from '../runState.ts';

export interface LeaderboardRow {
  rank: number | null;
  trialId: string;
  bracket: number;
  round: number;
  spaceVersion: number;
  hyperparameters: Record<string, HyperparameterValue>;
  epochsTrained: number;
  bestValAccuracy: number | null;
  /** The objective's value at the best epoch, unrounded (the oracle's score); null unless completed. */
  score: number | null;
  /** val_loss at the epoch the objective was best. */
  valLoss: number | null;
  durationMs: number | null;
  status: TrialViewStatus;
  failureReason: string | null;
  divergence: Divergence | null;
  parentId: string | null;
}

export function bestEpochMetrics(trial: TrialView) {
  return trial.epochs.find((m) => m.epoch === trial.bestEpoch) ?? null;
}

/** Completed trials ranked (diverged ones after the rest, then by score; ties to the older trial), the others unranked. */
export function rankTrials(trials: readonly TrialView[], objective: ObjectiveName): Map<string, number> {
  const completed = trials.filter((t) => t.status === 'completed' && t.score !== null);
  completed.sort((a, b) => compareForBest(objective, a, b) || a.trialId.localeCompare(b.trialId));
  return new Map(completed.map((t, i) => [t.trialId, i + 1]));
}

export function leaderboardRows(run: RunResults): LeaderboardRow[] {
  const trials = Object.values(run.trials);
  const ranks = rankTrials(trials, run.settings?.objective ?? 'val_accuracy');
  const spaces = runSpaces(run);
  return trials.map((trial) => {
    const space = spaces[trial.run.spaceVersion] ?? spaces[0];
    const best = bestEpochMetrics(trial);
    const accuracies = trial.epochs.map((m) => m.valAccuracy).filter(Number.isFinite);
    return {
      rank: ranks.get(trial.trialId) ?? null,
      trialId: trial.trialId,
      bracket: trial.run.bracket,
      round: trial.run.round,
      spaceVersion: trial.run.spaceVersion,
      hyperparameters: Object.fromEntries(
        Object.entries(trial.run.hyperparameters).map(([name, value]) => [name, cleanValue(space?.hyperparameters.find((hp) => hp.name === name), value)]),
      ),
      epochsTrained: trial.epochs.length,
      bestValAccuracy: accuracies.length ? Math.max(...accuracies) : null,
      score: trial.status === 'completed' ? trial.score : null,
      valLoss: best?.valLoss ?? null,
      durationMs: trial.durationMs,
      status: trial.status,
      failureReason: trial.failureReason,
      divergence: trial.divergence,
      parentId: trial.run.parentId,
    };
  });
}

type SortValue = number | string | boolean | null;

function sortValue(row: LeaderboardRow, key: string): SortValue {
  if (key === 'rank') return row.rank;
  if (key === 'bracket') return row.bracket * 100 + row.round;
  if (key in row.hyperparameters) return row.hyperparameters[key] ?? null;
  const value = (row as unknown as Record<string, SortValue>)[key];
  return value ?? null;
}

/** Sorts by any column; empty values always go last, ties keep trial id order. */
export function sortRows(rows: LeaderboardRow[], key: string, direction: SortDirection): LeaderboardRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? a.trialId.localeCompare(b.trialId) : x === null ? 1 : -1;
    if (x === y) return a.trialId.localeCompare(b.trialId);
    return (x < y ? -1 : 1) * sign;
  });
}
