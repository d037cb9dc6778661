import type { Hyperparameter } from '../hyperparameters.ts';
import { encodeTrials, type ScoredConfiguration, type UnassessedHyperparameter } from './encoding.ts';
import { fitForest, TIE_BREAK } from './forest.ts';
import { PartitionVariance } from './partitionVariance.ts';

/** Fewer trials than this give a forest too rough to rank hyperparameters by: a note is shown instead. */
export const MIN_IMPORTANCE_TRIALS = 10;

export interface HyperparameterImportance {
  name: string;
  /** The share of the objective's variance this hyperparameter explains alone; the shares sum to 1. */
  importance: number;
}

export type ImportanceResult =
  | {
      ok: true;
      trialCount: number;
      /** Most important first. */
      importances: HyperparameterImportance[];
      unassessed: UnassessedHyperparameter[];
    }
  | { ok: false; trialCount: number; reason: string; unassessed: UnassessedHyperparameter[] };

/**
 * fANOVA importances, as Optuna's FanovaImportanceEvaluator with get_param_importances' normalisation
 * computes them: per tree, each hyperparameter's marginal variance over the tree's variance; averaged
 * over the trees whose variance is not 0; then scaled to sum to 1.
 */
export function fanovaImportance(hyperparameters: readonly Hyperparameter[], trials: readonly ScoredConfiguration[]): ImportanceResult {
  const encoded = encodeTrials(hyperparameters, trials);
  const trialCount = encoded.scores.length;
  const { unassessed } = encoded;
  if (trialCount < MIN_IMPORTANCE_TRIALS) {
    return { ok: false, trialCount, unassessed, reason: `${trialCount} completed trial${trialCount === 1 ? '' : 's'} at this budget; importance needs at least ${MIN_IMPORTANCE_TRIALS}.` };
  }
  if (encoded.hyperparameters.length === 0) {
    return { ok: false, trialCount, unassessed, reason: 'No hyperparameter took at least 2 values in these trials.' };
  }
  const range = Math.max(...encoded.scores) - Math.min(...encoded.scores);
  if (range === 0) return { ok: false, trialCount, unassessed, reason: 'Every trial at this budget has the same score: nothing to explain.' };
  // A tree whose predictions differ by no more than the forest's tie-break saw one score: Optuna skips it (variance 0).
  const constant = (range * TIE_BREAK * 1000) ** 2;
  const trees = fitForest(encoded.rows, encoded.scores)
    .map((tree) => new PartitionVariance(tree, encoded.bounds))
    .filter((tree) => tree.variance > constant);
  if (trees.length === 0) return { ok: false, trialCount, unassessed, reason: 'The forest found nothing in these trials that changes the score.' };
  const raw = encoded.hyperparameters.map(({ columns }) => trees.reduce((sum, tree) => sum + tree.marginalVariance(columns) / tree.variance, 0) / trees.length);
  const total = raw.reduce((sum, value) => sum + value, 0);
  const importances = encoded.hyperparameters
    .map(({ name }, i) => ({ name, importance: total > 0 ? raw[i]! / total : 1 / raw.length }))
    .sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name));
  return { ok: true, trialCount, importances, unassessed };
}
