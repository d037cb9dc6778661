import { describe, expect, it } from 'vitest';
import { probToValue } from '../../../src/engine/hyperparameters.ts';
import { referenceSearchSpace, DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import { formatTrialId, type TrialRun } from '../../../src/engine/trial.ts';
import type { RunResults, TrialView } from '../../../src/store/runState.ts';
import { defaultImportanceBudget, importanceBudgets, selectImportance } from '../../../src/store/selectors/importance.ts';

const space = referenceSearchSpace(4);

/** Deterministic draws, so the trials and their importances are the same on every run. */
function draws(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function trialView(index: number, epochs: number, random: () => number, status: TrialView['status'] = 'completed'): TrialView {
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

function runWith(trials: TrialView[]): RunResults {
  return { status: 'running', settings: DEFAULT_SETTINGS, oracle, trials: Object.fromEntries(trials.map((t) => [t.trialId, t])), endOrder: [] };
}

function trialsAt(budgets: [epochs: number, count: number][], seed = 1): TrialView[] {
  const random = draws(seed);
  let index = 0;
  return budgets.flatMap(([epochs, count]) => Array.from({ length: count }, () => trialView(index++, epochs, random)));
}

describe('importance per budget', () => {
  it('groups completed trials by the epochs they trained to and defaults to the largest budget with 10', () => {
    const run = runWith([...trialsAt([[2, 12], [4, 10], [10, 4]]), trialView(99, 10, draws(3), 'running')]);
    expect(importanceBudgets(run)).toEqual([{ epochs: 2, trialCount: 12 }, { epochs: 4, trialCount: 10 }, { epochs: 10, trialCount: 4 }]);
    const view = selectImportance(run, null);
    expect(view.epochs).toBe(4);
    expect(view.result).toMatchObject({ ok: true, trialCount: 10 });
  });

  it('without a budget of 10 trials, shows the one with the most, with the note', () => {
    expect(defaultImportanceBudget([{ epochs: 1, trialCount: 9 }, { epochs: 3, trialCount: 8 }])).toBe(1);
    const view = selectImportance(runWith(trialsAt([[1, 9], [3, 8]])), null);
    expect(view.result).toMatchObject({ ok: false, trialCount: 9, reason: '9 completed trials at this budget; importance needs at least 10.' });
  });

  it('follows the chosen budget, and the default when the chosen one has no trials', () => {
    const run = runWith(trialsAt([[2, 12], [4, 10]]));
    expect(selectImportance(run, 2).epochs).toBe(2);
    expect(selectImportance(run, 7).epochs).toBe(4);
  });

  it('refits only when a trial at the shown budget completes', () => {
    const trials = trialsAt([[2, 12]]);
    const running = trialView(50, 2, draws(9), 'running');
    const first = selectImportance(runWith([...trials, running]), null).result;
    const anEpochLater = selectImportance(runWith([...trials, { ...running, epochs: [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 }] }]), null).result;
    expect(anEpochLater).toBe(first);
    const completed = selectImportance(runWith([...trials, trialView(50, 2, draws(9))]), null).result;
    expect(completed).not.toBe(first);
    expect(completed?.trialCount).toBe(13);
  });

  it('ranks the learning rate first on the reference space, and takes (timed here) for 30 and 200 trials', () => {
    for (const count of [30, 200]) {
      const run = runWith(trialsAt([[2, count]], count));
      const started = performance.now();
      const { result } = selectImportance(run, null);
      const elapsedMs = performance.now() - started;
      console.log(`importance of ${count} trials, ${space.hyperparameters.length} hyperparameters: ${elapsedMs.toFixed(0)} ms`);
      if (!result?.ok) throw new Error('expected importances');
      expect(result.importances[0]!.name).toBe('learning_rate');
      expect(result.importances).toHaveLength(space.hyperparameters.length);
    }
  });
});
