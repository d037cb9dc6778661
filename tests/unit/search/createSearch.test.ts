import { describe, expect, it } from 'vitest';
import type { TestEvaluation } from '../../../src/engine/bestConfig.ts';
import type { HyperparameterValues } from '../../../src/engine/hyperparameters.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { createSearch, type SearchRecorder } from '../../../src/search/createSearch.ts';
import { FakeExecutor } from './fakeExecutor.ts';

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 3, seed: 7 };
const EVALUATION: TestEvaluation = { accuracy: 0.97, loss: 0.1, epochs: 3, runs: [{ accuracy: 0.97, loss: 0.1 }] };

/** Writes down every step it is told of, into the same log the listener writes to. */
function loggingRecorder(log: string[], evaluations: TestEvaluation[]): SearchRecorder {
  return {
    trialsQueued: (runs) => log.push(`recorded queued ${runs.length}`),
    trialStarted: (run) => log.push(`recorded start ${run.trialId}`),
    epoch: (trialId, metrics) => log.push(`recorded epoch ${trialId}:${metrics.epoch}`),
    trialEnd: (trial) => log.push(`recorded end ${trial.trialId}`),
    oracleChanged: () => Promise.resolve(),
    finish: (status, reason) => Promise.resolve(void log.push(`finished ${status} ${reason}`)),
    saveTestEvaluation: (evaluation) => Promise.resolve(void evaluations.push(evaluation)),
    retryUnwritten: () => Promise.resolve(),
  };
}

describe('createSearch', () => {
  it('records each step before the listener hears of it, records the end, then retrains the best trial and stores its test', async () => {
    const log: string[] = [];
    const evaluations: TestEvaluation[] = [];
    const retrained: HyperparameterValues[] = [];
    const search = await createSearch({
      settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fit', executors: [new FakeExecutor('fake')],
      openRecorder: () => Promise.resolve(loggingRecorder(log, evaluations)),
      retrain: (hyperparameters) => (retrained.push(hyperparameters), Promise.resolve(EVALUATION)),
      listener: {
        onTrialsQueued: (runs) => log.push(`heard queued ${runs.length}`),
        onTrialStart: (run) => log.push(`heard start ${run.trialId}`),
        onEpoch: (trialId, metrics) => log.push(`heard epoch ${trialId}:${metrics.epoch}`),
        onTrialEnd: (trial) => log.push(`heard end ${trial.trialId}`),
      },
    });
    expect(search.loopEnded).toBe(false);
    expect(await search.run()).toEqual({ status: 'done', reason: null });
    expect(search.loopEnded).toBe(true);
    const trials = search.oracle.trials;
    expect(trials.length).toBeGreaterThan(0);
    for (const kind of ['queued', 'start', 'epoch', 'end']) {
      const recorded = log.filter((line) => line.startsWith(`recorded ${kind}`));
      expect(recorded.length).toBeGreaterThan(0);
      for (const line of recorded) expect(log[log.indexOf(line) + 1]).toBe(line.replace('recorded', 'heard'));
    }
    expect(log.filter((line) => line.startsWith('recorded end'))).toHaveLength(trials.length);
    expect(log.at(-1)).toBe('finished done null');
    expect(await search.retrainBest()).toEqual(EVALUATION);
    expect(retrained).toEqual([search.oracle.bestTrials()[0]!.hyperparameters]);
    expect(evaluations).toEqual([EVALUATION]);
  });

  it('goes on with a stored oracle state, from its checkpoints, and runs without storage', async () => {
    const first = await createSearch({ settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fit', executors: [new FakeExecutor('a')], retrain: () => Promise.resolve(null) });
    await first.run();
    const resumed = await createSearch({
      settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fit', executors: [new FakeExecutor('b')], retrain: () => Promise.resolve(null),
      resumeFrom: { oracle: first.oracle.getState(), checkpoints: new Map() },
    });
    expect(resumed.oracle.getState()).toEqual(first.oracle.getState());
    expect(await resumed.retrainBest()).toBeNull();
  });
});
