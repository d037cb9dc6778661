import type { UnassessedHyperparameter } from './encoding.ts';

/**
 * What an importance analysis answers, apart from the forest that computes it: the page's bundle
 * imports this file, and only the analysis worker imports the forest library.
 */

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
