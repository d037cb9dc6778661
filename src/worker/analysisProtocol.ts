import type { Hyperparameter } from '../engine/hyperparameters.ts';
import type { ScoredConfiguration } from '../engine/importance/encoding.ts';
import type { ImportanceResult } from '../engine/importance/importanceResult.ts';

/**
 * What the page asks of the analysis worker. `requestId` increases with every request, so an answer
 * names the question it answers and the page can tell a stale one.
 */
export type AnalysisRequest = {
  type: 'importance';
  requestId: number;
  /** The run's hyperparameters, every space version merged (`mergedHyperparameters`). */
  hyperparameters: Hyperparameter[];
  /** The completed trials of one budget, as plain data. */
  trials: ScoredConfiguration[];
};

/** What the analysis worker tells the page. */
export type AnalysisEvent =
  | { type: 'importance'; requestId: number; result: ImportanceResult }
  /** The worker failed outside any analysis (it could not start, or it crashed): its answers stop. */
  | { type: 'crashed'; message: string };
