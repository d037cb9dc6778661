import type { Hyperparameter } from '../../engine/hyperparameters.ts';
import { mergedHyperparameters, type ScoredConfiguration } from '../../engine/importance/encoding.ts';
import { MIN_IMPORTANCE_TRIALS, type ImportanceResult } from '../../engine/importance/importanceResult.ts';
import { runSpaces, type RunResults } from '../runState.ts';
import { hasFiniteScore } from './insight.ts';

/** A Hyperband budget (the epochs a trial trained to) and how many completed trials it holds. */
export interface ImportanceBudget {
  epochs: number;
  trialCount: number;
}

/**
 * What the analysis worker is asked for the budget shown. `key` names what the answer rests on: the
 * run, its space versions, the budget, its trials' ids and scores. Epochs of running trials change
 * none of these, so a new forest is asked for only when a trial at the budget completes.
 */
export interface ImportanceQuestion {
  key: string;
  runId: string | null;
  epochs: number;
  hyperparameters: Hyperparameter[];
  trials: ScoredConfiguration[];
}

/** An answer of the analysis worker, with the question it answers. */
export interface ImportanceAnswer {
  key: string;
  runId: string | null;
  epochs: number;
  result: ImportanceResult;
}

/** The store's side of the analysis: the latest answers (newest last) and the question in flight. */
export interface ImportanceAnalysis {
  answers: ImportanceAnswer[];
  pendingKey: string | null;
}

export interface ImportanceInput {
  budgets: ImportanceBudget[];
  /** The budget shown: the one chosen, else the default; null before any trial completes. */
  epochs: number | null;
  question: ImportanceQuestion | null;
}

export interface ImportanceView {
  budgets: ImportanceBudget[];
  epochs: number | null;
  /** The answer for the trials at the budget now; while that is computed, the run's previous one (or null). */
  shown: ImportanceAnswer | null;
  /** The answer for the trials at the budget now is not in yet. */
  computing: boolean;
}

/** Completed trials by budget: Hyperband compares trials at the same epochs, so importance does too. */
export function importanceBudgets(run: RunResults): ImportanceBudget[] {
  const counts = new Map<number, number>();
  for (const trial of Object.values(run.trials)) {
    if (hasFiniteScore(trial)) counts.set(trial.run.epochs, (counts.get(trial.run.epochs) ?? 0) + 1);
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

/** The budget shown and the question for it: the trials of that budget as plain data, for the worker. */
export function importanceInput(run: RunResults, runId: string | null, chosenEpochs: number | null): ImportanceInput {
  const budgets = importanceBudgets(run);
  const epochs = chosenEpochs !== null && budgets.some((b) => b.epochs === chosenEpochs) ? chosenEpochs : defaultImportanceBudget(budgets);
  if (epochs === null) return { budgets, epochs, question: null };
  const trials = Object.values(run.trials)
    .filter((t) => hasFiniteScore(t) && t.run.epochs === epochs)
    .sort((a, b) => a.trialId.localeCompare(b.trialId));
  const spaces = runSpaces(run);
  const key = `${runId}|${spaces.length}|${epochs}|${trials.map((t) => `${t.trialId}:${t.score}`).join(',')}`;
  const question: ImportanceQuestion = {
    key,
    runId,
    epochs,
    hyperparameters: mergedHyperparameters(spaces),
    trials: trials.map((t) => ({ hyperparameters: t.run.hyperparameters, score: t.score! })),
  };
  return { budgets, epochs, question };
}

export function selectImportance(input: ImportanceInput, analysis: ImportanceAnalysis): ImportanceView {
  const { budgets, epochs, question } = input;
  if (question === null) return { budgets, epochs, shown: null, computing: false };
  const answered = analysis.answers.find((a) => a.key === question.key);
  if (answered) return { budgets, epochs, shown: answered, computing: false };
  const runs = analysis.answers.filter((a) => a.runId === question.runId);
  const previous = runs.findLast((a) => a.epochs === question.epochs) ?? runs.at(-1) ?? null;
  return { budgets, epochs, shown: previous, computing: true };
}
