import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { dryRunSearch } from '../../../src/engine/dryRun.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { SearchSpace } from '../../../src/engine/searchSpace.ts';
import type { SearchSettings } from '../../../src/engine/settings.ts';
import { SearchLoop, type SearchListener } from '../../../src/search/searchLoop.ts';
import type { TrainerKind } from '../../../src/search/jobs.ts';
import { TrainingData } from '../../../src/training/trainingData.ts';
import { LocalExecutor } from '../../../src/training/localExecutor.ts';
import { loadSmallMnist, useCpuBackend } from './tfSetup.ts';

let data: TrainingData;

beforeAll(async () => {
  await useCpuBackend();
  data = new TrainingData(await loadSmallMnist(3000, 1000, 500), 'cpu');
  data.tensors();
});
afterAll(() => data.dispose());

function search(settings: SearchSettings, space: SearchSpace, trainer: TrainerKind, listener: SearchListener = {}, trainingData = data) {
  const oracle = new HyperbandOracle(oracleConfig(settings), space);
  const loop = new SearchLoop(
    oracle,
    [new LocalExecutor('cpu', trainingData)],
    { batchSize: settings.batchSize, objective: settings.objective, seed: settings.seed, trainer, maxRetries: 2, maxFusedTrials: 12 },
    listener,
  );
  return { oracle, loop, end: loop.run() };
}

describe('a real search on MNIST (CPU backend)', () => {
  it('reaches validation accuracy above 0.8 in 2 epochs on 3,000 images, without leaking a tensor', async () => {
    const baseline = tf.memory().numTensors;
    const tensorsAfterTrial: number[] = [];
    // One Hyperband iteration of max_epochs 2: five trials, three of them trained for 2 epochs, one promoted. The
    // fused trainer seeds initialisation, shuffling and dropout, so this real check gives the same result every run.
    const settings = { ...DEFAULT_SETTINGS, maxEpochs: 2, factor: 2, iterations: 1, seed: 2 };
    const { oracle, end } = search(settings, referenceSearchSpace(), 'fused', {
      onTrialEnd: () => tensorsAfterTrial.push(tf.memory().numTensors),
    });
    expect(await end).toEqual({ status: 'done', reason: null });
    expect(oracle.trials.map((t) => t.status)).toEqual(Array(5).fill('completed'));
    expect(oracle.trials.filter((t) => t.parentId !== null)).toHaveLength(1);
    // A trial can end while the rest of its fused group trains on: the group's model (one flat buffer,
    // two Adam moments, the learning rates) is then still alive. Nothing else may remain.
    expect(tensorsAfterTrial).toHaveLength(5);
    expect(tensorsAfterTrial.filter((n) => n !== baseline && n !== baseline + 4)).toEqual([]);
    expect(tf.memory().numTensors).toBe(baseline);
    // Chance is 0.1; a wrong gradient, update or dropout mask stays far below this (the run gives 0.829).
    expect(oracle.bestTrials()[0]!.score).toBeGreaterThan(0.8);
  });

  it('completes a diverging trial (learning rate 1e30) as KerasTuner does, marked with the batch where the loss went non-finite', async () => {
    const space = referenceSearchSpace();
    space.hyperparameters[space.hyperparameters.length - 1] = { name: 'learning_rate', type: 'choice', values: [0.001, 1e30] };
    const settings = { ...DEFAULT_SETTINGS, maxEpochs: 2, factor: 2, seed: 5, trainLimit: 320, valLimit: 200, testLimit: 10 };
    const small = new TrainingData(await loadSmallMnist(320, 200, 10), 'cpu');
    small.tensors();
    const baseline = tf.memory().numTensors;
    const tensorsAfterTrial: number[] = [];
    const { oracle, end } = search(settings, space, 'fit', { onTrialEnd: () => tensorsAfterTrial.push(tf.memory().numTensors) }, small);
    expect((await end).status).toBe('done');
    // Nothing failed, so the whole schedule ran: KerasTuner's trial count and ids.
    expect(oracle.trials).toHaveLength(dryRunSearch(settings, space).totalTrials);
    expect(oracle.trials.every((t) => t.status === 'completed')).toBe(true);
    const diverged = oracle.trials.filter((t) => t.hyperparameters.learning_rate === 1e30);
    expect(diverged.length).toBeGreaterThan(0);
    const labels = small.dataset.validation.labels;
    for (const trial of diverged) {
      expect(trial.divergence).toMatchObject({ epoch: expect.any(Number) as number, batch: expect.any(Number) as number });
      expect(trial.divergence!.batch).toBeGreaterThanOrEqual(trial.parentId ? 0 : 1);
      expect(trial.divergence!.nanModelValAccuracy).toBe(labels.filter((label) => label === 0).length / labels.length);
    }
    expect(oracle.trials.filter((t) => t.hyperparameters.learning_rate === 0.001).every((t) => t.divergence === null)).toBe(true);
    expect(oracle.bestTrials()[0]!.hyperparameters.learning_rate).toBe(0.001);
    expect(tensorsAfterTrial).toEqual(Array(oracle.trials.length).fill(baseline));
    small.dispose();
  });
});
