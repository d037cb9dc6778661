import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fanovaImportance } from '../../../src/engine/importance/fanova.ts';
import { useAppStore } from '../../../src/store/appStore.ts';
import { connectAnalysisClient, requestImportance } from '../../../src/store/importanceActions.ts';
import type { RunResults } from '../../../src/store/runState.ts';
import { defaultImportanceBudget, importanceBudgets, importanceInput, selectImportance, type ImportanceView } from '../../../src/store/selectors/importance.ts';
import { inProcessAnalysisClient } from '../worker/inProcessWorkers.ts';
import { draws, runWith, space, trialsAt, trialView } from './importanceTrials.ts';

const RUN_ID = 'run-importance';

let analysis: ReturnType<typeof inProcessAnalysisClient>;
let started = 0;
let disconnect: () => void;

function connect(defer?: (task: () => void) => void): void {
  analysis = inProcessAnalysisClient(defer);
  disconnect = connectAnalysisClient(() => {
    started++;
    return analysis.client;
  });
}

beforeEach(() => {
  started = 0;
  useAppStore.setState({ importanceAnalysis: { answers: [], pendingKey: null } });
});

afterEach(() => disconnect());

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What the panel does: ask for the budget shown, then read the view once the store holds the answer. */
async function answered(run: RunResults, chosenEpochs: number | null, runId = RUN_ID): Promise<ImportanceView> {
  const input = importanceInput(run, runId, chosenEpochs);
  if (input.question) requestImportance(input.question);
  while (useAppStore.getState().importanceAnalysis.pendingKey !== null) await tick();
  return selectImportance(input, useAppStore.getState().importanceAnalysis);
}

describe('importance per budget, from the analysis worker', () => {
  it('groups completed trials by the epochs they trained to and defaults to the largest budget with 10', async () => {
    connect();
    const run = runWith([...trialsAt([[2, 12], [4, 10], [10, 4]]), trialView(99, 10, draws(3), 'running')]);
    expect(importanceBudgets(run)).toEqual([{ epochs: 2, trialCount: 12 }, { epochs: 4, trialCount: 10 }, { epochs: 10, trialCount: 4 }]);
    const input = importanceInput(run, RUN_ID, null);
    expect(selectImportance(input, useAppStore.getState().importanceAnalysis)).toMatchObject({ epochs: 4, shown: null, computing: true });
    const view = await answered(run, null);
    expect(view).toMatchObject({ epochs: 4, computing: false, shown: { epochs: 4, result: { ok: true, trialCount: 10 } } });
    expect(view.shown!.result).toEqual(fanovaImportance(space.hyperparameters, input.question!.trials));
  });

  it('without a budget of 10 trials, shows the one with the most, with the note', async () => {
    connect();
    expect(defaultImportanceBudget([{ epochs: 1, trialCount: 9 }, { epochs: 3, trialCount: 8 }])).toBe(1);
    const view = await answered(runWith(trialsAt([[1, 9], [3, 8]])), null);
    expect(view.shown?.result).toMatchObject({ ok: false, trialCount: 9, reason: '9 completed trials at this budget; importance needs at least 10.' });
  });

  it('follows the chosen budget, and the default when the chosen one has no trials', () => {
    const run = runWith(trialsAt([[2, 12], [4, 10]]));
    expect(importanceInput(run, RUN_ID, 2).epochs).toBe(2);
    expect(importanceInput(run, RUN_ID, 7).epochs).toBe(4);
  });

  it('asks again only when a trial at the shown budget completes, showing the previous answer meanwhile', async () => {
    connect();
    const trials = trialsAt([[2, 12]]);
    const running = trialView(50, 2, draws(9), 'running');
    const first = (await answered(runWith([...trials, running]), null)).shown;
    const anEpochLater = runWith([...trials, { ...running, epochs: [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 }] }]);
    expect((await answered(anEpochLater, null)).shown).toBe(first);
    expect(analysis.posted).toHaveLength(1);

    const completed = importanceInput(runWith([...trials, trialView(50, 2, draws(9))]), RUN_ID, null);
    requestImportance(completed.question!);
    expect(selectImportance(completed, useAppStore.getState().importanceAnalysis)).toMatchObject({ computing: true, shown: first });
    const view = await answered(runWith([...trials, trialView(50, 2, draws(9))]), null);
    expect(view.shown?.result.trialCount).toBe(13);
    expect(analysis.posted).toHaveLength(2);
    expect(started).toBe(1);
  });

  it('drops the answer to an older request that arrives after a newer one was sent', async () => {
    const held: (() => void)[] = [];
    connect((task) => held.push(task));
    const older = importanceInput(runWith(trialsAt([[2, 12]])), RUN_ID, null).question!;
    const newer = importanceInput(runWith(trialsAt([[2, 14]])), RUN_ID, null).question!;
    requestImportance(older);
    await tick();
    held.shift()!(); // the worker answers the older request...
    requestImportance(newer); // ...while the page already asks the newer one
    await tick();
    expect(analysis.posted).toMatchObject([{ type: 'importance', result: { trialCount: 12 } }]);
    expect(useAppStore.getState().importanceAnalysis).toEqual({ answers: [], pendingKey: newer.key });
    held.shift()!();
    await tick();
    expect(useAppStore.getState().importanceAnalysis).toMatchObject({ pendingKey: null, answers: [{ key: newer.key, result: { trialCount: 14 } }] });
  });

  it('a crashed worker gives the question in flight a note, and the next question starts a new worker', async () => {
    connect(() => undefined);
    const question = importanceInput(runWith(trialsAt([[2, 12]])), RUN_ID, null).question!;
    requestImportance(question);
    analysis.crash('the analysis worker crashed: out of memory');
    await tick();
    expect(useAppStore.getState().importanceAnalysis).toMatchObject({
      pendingKey: null,
      answers: [{ key: question.key, result: { ok: false, trialCount: 12, reason: 'Importance could not be computed: the analysis worker crashed: out of memory' } }],
    });
    requestImportance(importanceInput(runWith(trialsAt([[2, 13]])), RUN_ID, null).question!);
    expect(started).toBe(2);
  });

  it('ranks the learning rate first on the reference space at 30 and 200 trials (the worker\'s time printed)', async () => {
    connect();
    for (const count of [30, 200]) {
      const run = runWith(trialsAt([[2, count]], count));
      const startedAt = performance.now();
      const { shown } = await answered(run, null);
      console.log(`importance of ${count} trials, ${space.hyperparameters.length} hyperparameters: ${(performance.now() - startedAt).toFixed(0)} ms in the analysis worker`);
      if (!shown?.result.ok) throw new Error('expected importances');
      expect(shown.result.importances[0]!.name).toBe('learning_rate');
      expect(shown.result.importances).toHaveLength(space.hyperparameters.length);
    }
  });
});
