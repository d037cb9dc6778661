import { mergedHyperparameters, type ScoredConfiguration } from '../../engine/importance/encoding.ts';
import { fanovaImportance, MIN_IMPORTANCE_TRIALS, type ImportanceResult } from '../../engine/importance/fanova.ts';
import { runSpaces, type RunResults, type TrialView } from '../runState.ts';

/** A Hyperband budget (the epochs a trial trained to) and how many completed trials it holds. */
export interface ImportanceBudget {
  epochs: number;
  trialCount: number;
}

export interface ImportanceView {
  budgets: ImportanceBudget[];
  /** The budget shown: the one chosen, else the default; null before any trial completes. */
  epochs: number | null;
  result: ImportanceResult | null;
}

const scored = (trial: TrialView): boolean => trial.status === 'completed' && trial.score !== null && Number.isFinite(trial.score);

/** Completed trials by budget: Hyperband compares trials at the same epochs, so importance does too. */
export function importanceBudgets(run: RunResults): ImportanceBudget[] {
  const counts = new Map<number, number>();
  for (const trial of Object.values(run.trials)) {
    if (scored(trial)) counts.set(trial.run.epochs, (counts.get(trial.run.epochs) ?? 0) + 1);
  }
  return [...counts].map(([epochs, trialCount]) => ({ epochs, trialCount })).sort((a, b) => a.epochs - b.epochs);
}

/** The largest budget with enough trials to rank; without one, the budget with the most trials. */
export function defaultImportanceBudget(budgets: readonly ImportanceBudget[]): number | null {
  const enough = budgets.filter((b) => b.trialCount >= MIN_IMPORTANCE_TRIALS);
  if (enough.length) return enough.at(-1)!.epochs;
  const most = [...budgets].sort((a, b) => b.trialCount - a.trialCount || b.epochs - a.epochs)[0];
  return most?.epochs ?? null;
}

/**
 * The last answer, by what it rests on: the budget, its trials' ids and scores, and the run's spaces.
 * Epochs of running trials change the run but none of these, so the forest is refitted only when a
 * trial at the shown budget completes (or the budget or the space changes).
 */
let cache: { key: string; spaces: unknown; result: ImportanceResult } | null = null;

/** A failure of the forest library becomes the panel's note, never an error thrown while the page renders. */
function safely(compute: () => ImportanceResult, trialCount: number): ImportanceResult {
  try {
    return compute();
  } catch (error) {
    return { ok: false, trialCount, unassessed: [], reason: `Importance could not be computed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function selectImportance(run: RunResults, chosenEpochs: number | null): ImportanceView {
  const budgets = importanceBudgets(run);
  const epochs = chosenEpochs !== null && budgets.some((b) => b.epochs === chosenEpochs) ? chosenEpochs : defaultImportanceBudget(budgets);
  if (epochs === null) return { budgets, epochs, result: null };
  const trials = Object.values(run.trials)
    .filter((t) => scored(t) && t.run.epochs === epochs)
    .sort((a, b) => a.trialId.localeCompare(b.trialId));
  const spaces = runSpaces(run);
  const key = `${epochs}|${trials.map((t) => `${t.trialId}:${t.score}`).join(',')}`;
  if (cache?.key !== key || cache.spaces !== spaces) {
    const configurations: ScoredConfiguration[] = trials.map((t) => ({ hyperparameters: t.run.hyperparameters, score: t.score! }));
    cache = { key, spaces, result: safely(() => fanovaImportance(mergedHyperparameters(spaces), configurations), trials.length) };
  }
  return { budgets, epochs, result: cache.result };
}
