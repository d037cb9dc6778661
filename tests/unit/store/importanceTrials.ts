import { probToValue } from '../../../src/engine/hyperparameters.ts';
import type { ScoredConfiguration } from '../../../src/engine/importance/encoding.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { formatTrialId, type TrialRun } from '../../../src/engine/trial.ts';
import type { RunResults, TrialView } from '../../../src/store/runState.ts';

/** Synthetic trials on the reference space, for the importance tests of the store and the analysis worker. */
export const space = referenceSearchSpace(4);

/** Deterministic draws, so the trials and their importances are the same on every run. */
export function draws(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

export function trialView(index: number, epochs: number, random: () => number, status: TrialView['status'] = 'completed'): TrialView {
  const hyperparameters = Object.fromEntries(space.hyperparameters.map((hp) => [hp.name, probToValue(hp, random())]));
  const run: TrialRun = { trialId: formatTrialId(index), hyperparameters, iteration: 0, bracket: 0, round: 0, initialEpoch: 0, epochs, parentId: null, spaceVersion: 0 };
  // The learning rate decides most of the score, dropout_0 a little; the noise makes every score
  // distinct, as real accuracies are (ties would spare the forest's split search most candidates).
  const noise = 0.005 * random();
  const score = status === 'completed' ? 0.9 - 20 * Math.abs((hyperparameters.learning_rate as number) - 0.001) - 0.1 * (hyperparameters.dropout_0 as number) + noise : null;
  return { trialId: run.trialId, run, status, failureReason: null, divergence: null, attempt: 1, epochs: [], score, bestEpoch: null, durationMs: null };
}

/** One oracle for every run built here: a run's spaces change identity only when its space changes. */
const oracle = { spaces: [space] } as unknown as RunResults['oracle'];

export function runWith(trials: TrialView[]): RunResults {
  return { status: 'running', settings: DEFAULT_SETTINGS, oracle, trials: Object.fromEntries(trials.map((t) => [t.trialId, t])), endOrder: [] };
}

export function trialsAt(budgets: [epochs: number, count: number][], seed = 1): TrialView[] {
  const random = draws(seed);
  let index = 0;
  return budgets.flatMap(([epochs, count]) => Array.from({ length: count }, () => trialView(index++, epochs, random)));
}

/** The trials as the analysis worker receives them. */
export const scoredConfigurations = (trials: readonly TrialView[]): ScoredConfiguration[] => trials.map((t) => ({ hyperparameters: t.run.hyperparameters, score: t.score! }));
