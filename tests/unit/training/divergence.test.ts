import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistDataset } from '../../../src/data/mnist.ts';
import type { EpochMetrics, TrialRun } from '../../../src/engine/trial.ts';
import type { BatchProgress, JobListener, TrainingJob, TrialEnd } from '../../../src/search/jobs.ts';
import { trainWithFit } from '../../../src/training/fitTrainer.ts';
import { trainFusedJob } from '../../../src/training/fused/fusedTrainer.ts';
import { perTrialStrategy } from '../../../src/training/fused/perTrialStrategy.ts';
import { tfjsGroupFactory } from '../../../src/training/fused/tfjsGroupModel.ts';
import { kernelGroupFactory } from '../../../src/training/stepKernel/kernelModel.ts';
import { nanModelAccuracy } from '../../../src/training/nanModelAccuracy.ts';
import { TrainingControl } from '../../../src/training/trainingControl.ts';
import { TrainingData } from '../../../src/training/trainingData.ts';
import { loadSmallMnist, REFERENCE_BEST, useCpuBackend } from './tfSetup.ts';

let dataset: MnistDataset;
let data: TrainingData;
/** The share of validation labels that are 0: what a NaN model (argmax 0 everywhere) scores. */
let expectedNanAccuracy: number;

beforeAll(async () => {
  await useCpuBackend();
  dataset = await loadSmallMnist(256, 300, 10);
  data = new TrainingData(dataset, 'cpu');
  expectedNanAccuracy = dataset.validation.labels.filter((label) => label === 0).length / dataset.validation.count;
});

function run(trialId: string, learningRate: number, initialEpoch = 0, epochs = 3): TrialRun {
  return { trialId, hyperparameters: { ...REFERENCE_BEST, learning_rate: learningRate }, iteration: 0, bracket: 0, round: 0, initialEpoch, epochs, parentId: null, spaceVersion: 0 };
}

function recorder() {
  const ends: TrialEnd[] = [];
  const epochs: { trialId: string; metrics: EpochMetrics }[] = [];
  const progress: BatchProgress[] = [];
  /** Every event in order, to see what a trial did after it ended. */
  const log: string[] = [];
  const listener: JobListener = {
    onBatchProgress: (p) => (progress.push(p), log.push(...p.trialIds.map((id) => `progress ${id}`))),
    onEpoch: (trialId, metrics) => (epochs.push({ trialId, metrics }), log.push(`epoch ${trialId}`)),
    onTrialEnd: (end) => (ends.push(end), log.push(`end ${end.trialId}`)),
  };
  return { ends, epochs, progress, log, listener };
}

describe('nanModelAccuracy', () => {
  it('is the share of labels equal to 0, the class argmax picks for an all-NaN row', () => {
    expect(nanModelAccuracy(Uint8Array.from([0, 1, 0, 2, 3]))).toBe(0.4);
    expect(nanModelAccuracy(Uint8Array.from([5, 6]))).toBe(0);
    expect(nanModelAccuracy(dataset.validation.labels)).toBe(expectedNanAccuracy);
    expect(expectedNanAccuracy).toBeGreaterThan(0);
  });
});

describe('a diverging trial (learning rate 1e30: the first update overflows the weights)', () => {
  it('fit: stops at the divergence and reports its epoch and batch, and completes with the finite epochs', async () => {
    const { ends, epochs, progress, listener } = recorder();
    // A promoted-like run (epochs 3..4) checks that the epoch is absolute, as Keras counts it.
    const end = await trainWithFit({ run: run('0001', 1e30, 2, 4), parentWeights: null, seed: 3 }, data.tensors(), { batchSize: 32, objective: 'val_accuracy' }, new TrainingControl(), listener);
    expect(ends).toEqual([]);
    expect(end!.outcome).toEqual({ status: 'completed', epochs: [], divergence: { epoch: 3, batch: 2, nanModelValAccuracy: expectedNanAccuracy } });
    expect(end!.bestWeights).toBeNull();
    // Nothing after the divergence: no epoch validated, no progress past batch 1.
    expect(epochs).toEqual([]);
    expect(progress.every((p) => p.batchesDone < 2)).toBe(true);
  });

  it.each([
    { path: 'tfjs', groups: () => tfjsGroupFactory(perTrialStrategy, { kind: 'upload' }) },
    { path: 'kernel', groups: () => kernelGroupFactory },
  ])('fused ($path path): drops the diverged trial from its group at the divergence, reports epoch and batch, and trains the rest to the end', async ({ groups }) => {
    const { ends, epochs, log, listener } = recorder();
    const job: TrainingJob = {
      jobId: 'job',
      runs: [
        { run: run('0000', 0.001), parentWeights: null, seed: 1 },
        { run: run('0001', 1e30), parentWeights: null, seed: 2 },
      ],
      batchSize: 32,
      objective: 'val_accuracy',
      trainer: 'fused',
    };
    await trainFusedJob(job, dataset, groups(), new TrainingControl(), listener);
    const diverged = ends.find((e) => e.trialId === '0001')!;
    expect(diverged.outcome).toEqual({ status: 'completed', epochs: [], divergence: { epoch: 1, batch: 2, nanModelValAccuracy: expectedNanAccuracy } });
    expect(diverged.bestWeights).toBeNull();
    expect(epochs.filter((e) => e.trialId === '0001')).toEqual([]);
    // Once dropped, the diverged trial takes no more batches; the other trains its 3 epochs.
    expect(log.slice(log.indexOf('end 0001')).filter((event) => event.endsWith('0001'))).toEqual(['end 0001']);
    expect(log.filter((event) => event === 'progress 0000').length).toBeGreaterThan(0);
    const healthy = ends.find((e) => e.trialId === '0000')!;
    expect(healthy.outcome.status).toBe('completed');
    expect(healthy.outcome.status === 'completed' && healthy.outcome.epochs.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(ends.map((e) => e.trialId)).toEqual(['0001', '0000']);
  });
});
