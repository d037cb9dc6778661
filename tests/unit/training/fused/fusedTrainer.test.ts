import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistDataset } from '../../../../src/data/mnist.ts';
import { parameterCount } from '../../../../src/engine/mlpSpace.ts';
import type { ObjectiveName } from '../../../../src/engine/settings.ts';
import type { EpochMetrics } from '../../../../src/engine/trial.ts';
import type { JobRun, TrainingJob, TrialEnd } from '../../../../src/search/jobs.ts';
import { batchedStrategy } from '../../../../src/training/fused/batchedStrategy.ts';
import { trainFusedJob } from '../../../../src/training/fused/fusedTrainer.ts';
import { tfjsGroupFactory } from '../../../../src/training/fused/tfjsGroupModel.ts';
import type { TrialGroupFactory } from '../../../../src/training/fused/trialGroupModel.ts';
import { glorotUniformWeights } from '../../../../src/training/fused/trialRandomness.ts';
import { perTrialStrategy } from '../../../../src/training/fused/perTrialStrategy.ts';
import { kernelGroupFactory } from '../../../../src/training/stepKernel/kernelModel.ts';
import { TrainingControl } from '../../../../src/training/trainingControl.ts';
import { loadSmallMnist, useCpuBackend } from '../tfSetup.ts';

/**
 * trainFusedJob, the whole fused trainer (epochs, validation, best-epoch snapshots, trials leaving the
 * group), against the same trial trained in a group of one: fusing must change no trial's result.
 */

const BATCH = 32;
/** Float tolerance between a trial in a group and alone (different padding, same arithmetic). */
const TOLERANCE = 1e-5;

let data: MnistDataset;
/** 96 training images, 3 batches: a high learning rate overfits them, so the best epoch is not the last. */
let tinyData: MnistDataset;
beforeAll(async () => {
  await useCpuBackend();
  // 960 images: 30 batches an epoch, so the every-25-steps loss read falls mid-epoch.
  data = await loadSmallMnist(960, 100, 50);
  tinyData = { ...data, train: { images: data.train.images.subarray(0, 96 * 784), labels: data.train.labels.subarray(0, 96), count: 96 } };
});

interface TrialSetup {
  trialId: string;
  units: [number, number];
  dropouts: [number, number];
  learningRate: number;
  initialEpoch: number;
  epochs: number;
  seed: number;
  parentWeights?: Float32Array;
}

function jobRun(t: TrialSetup): JobRun {
  const hyperparameters = { units_0: t.units[0], dropout_0: t.dropouts[0], units_1: t.units[1], dropout_1: t.dropouts[1], learning_rate: t.learningRate };
  return {
    run: { trialId: t.trialId, hyperparameters, iteration: 0, bracket: 0, round: t.initialEpoch ? 1 : 0, initialEpoch: t.initialEpoch, epochs: t.epochs, parentId: t.initialEpoch ? 'parent' : null, spaceVersion: 1 },
    parentWeights: t.parentWeights ? { units: [...t.units], epoch: t.initialEpoch, data: t.parentWeights } : null,
    seed: t.seed,
  };
}

interface TrialReport {
  epochs: EpochMetrics[];
  end: TrialEnd;
  /** The trials still in the group (this one included) when this one ended. */
  endedAfterEpochReports: number;
}

async function trainGroup(trials: TrialSetup[], groups: TrialGroupFactory, objective: ObjectiveName = 'val_accuracy', dataset = data): Promise<Map<string, TrialReport>> {
  const job: TrainingJob = { jobId: 'job', runs: trials.map(jobRun), batchSize: BATCH, objective, trainer: 'fused' };
  const epochs = new Map<string, EpochMetrics[]>(trials.map((t) => [t.trialId, []]));
  const reports = new Map<string, TrialReport>();
  let epochReports = 0;
  await trainFusedJob(job, dataset, groups, new TrainingControl(), {
    onBatchProgress: () => {},
    onEpoch: (trialId, metrics) => {
      epochs.get(trialId)!.push(metrics);
      epochReports++;
    },
    onTrialEnd: (end) => reports.set(end.trialId, { epochs: epochs.get(end.trialId)!, end, endedAfterEpochReports: epochReports }),
  });
  expect([...reports.keys()].sort()).toEqual(trials.map((t) => t.trialId).sort());
  return reports;
}

async function trainAlone(trial: TrialSetup, groups: TrialGroupFactory, objective: ObjectiveName = 'val_accuracy', dataset = data): Promise<TrialReport> {
  return (await trainGroup([trial], groups, objective, dataset)).get(trial.trialId)!;
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);

function expectSameTrial(inGroup: TrialReport, alone: TrialReport): void {
  expect(inGroup.end.outcome.status).toBe('completed');
  expect(inGroup.epochs.map((e) => e.epoch)).toEqual(alone.epochs.map((e) => e.epoch));
  inGroup.epochs.forEach((metrics, i) => {
    const reference = alone.epochs[i]!;
    for (const key of ['loss', 'accuracy', 'valLoss', 'valAccuracy'] as const) {
      expect(Math.abs(metrics[key] - reference[key]), `epoch ${metrics.epoch} ${key}`).toBeLessThan(TOLERANCE);
    }
  });
  const best = inGroup.end.bestWeights!;
  const bestAlone = alone.end.bestWeights!;
  expect(best.epoch).toBe(bestAlone.epoch);
  expect(best.units).toEqual(bestAlone.units);
  expect(best.data.length).toBe(bestAlone.data.length);
  expect(maxDifference(best.data, bestAlone.data)).toBeLessThan(TOLERANCE);
}

const PATHS = [
  { name: 'tfjs, perTrial products', groups: tfjsGroupFactory(perTrialStrategy, { kind: 'upload' }) },
  { name: 'tfjs, batched products', groups: tfjsGroupFactory(batchedStrategy, { kind: 'upload' }) },
  { name: 'whole-step WASM kernel', groups: kernelGroupFactory },
];

describe.each(PATHS)('trainFusedJob ($name)', ({ groups }) => {
  it('gives every trial of a group with mixed epoch counts, trials leaving at epoch ends and mid-epoch, its result alone', async () => {
    const parent = glorotUniformWeights([20, 12], 99);
    const trials: TrialSetup[] = [
      // Widest first layer: its leaving after epoch 1 shrinks the padding the others are repacked into.
      { trialId: 'one-epoch', units: [36, 10], dropouts: [0.2, 0.1], learningRate: 0.01, initialEpoch: 0, epochs: 1, seed: 1 },
      { trialId: 'three-epochs', units: [24, 14], dropouts: [0.1, 0.3], learningRate: 0.001, initialEpoch: 0, epochs: 3, seed: 2 },
      // Promoted: starts from its parent's weights at epoch 2 and trains epochs 2 and 3.
      { trialId: 'promoted', units: [20, 12], dropouts: [0.3, 0.2], learningRate: 0.003, initialEpoch: 1, epochs: 3, seed: 3, parentWeights: parent },
      { trialId: 'two-epochs', units: [16, 8], dropouts: [0.1, 0.1], learningRate: 0.01, initialEpoch: 0, epochs: 2, seed: 4 },
      // NaN weights: its loss is not finite from batch 1, read at step 25; it leaves mid-epoch, the widest second layer with it.
      { trialId: 'diverges', units: [12, 30], dropouts: [0.1, 0.1], learningRate: 0.001, initialEpoch: 0, epochs: 3, seed: 5, parentWeights: new Float32Array(parameterCount([12, 30])).fill(Number.NaN) },
    ];
    const group = await trainGroup(trials, groups);

    const diverged = group.get('diverges')!;
    // Diverged trials complete as KerasTuner completes them, scored by what a NaN model scores (class 0 always).
    const labels = Array.from(data.validation.labels);
    const nanModelValAccuracy = labels.filter((label) => label === 0).length / labels.length;
    expect(diverged.end.outcome).toEqual({ status: 'completed', epochs: [], divergence: { epoch: 1, batch: 1, nanModelValAccuracy } });
    expect(diverged.epochs).toEqual([]);
    expect(diverged.end.bestWeights).toBeNull();
    expect(diverged.endedAfterEpochReports).toBe(0);
    // Epoch 1 reports four trials, then "one-epoch" ends; epoch 2 three, then "two-epochs" and "promoted" end.
    expect(group.get('one-epoch')!.endedAfterEpochReports).toBe(4);
    expect(group.get('two-epochs')!.endedAfterEpochReports).toBe(7);
    expect(group.get('promoted')!.epochs.map((e) => e.epoch)).toEqual([2, 3]);
    expect(group.get('three-epochs')!.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);

    for (const trial of trials.filter((t) => t.trialId !== 'diverges')) {
      expectSameTrial(group.get(trial.trialId)!, await trainAlone(trial, groups));
    }
  });

  it("keeps each trial's best-epoch weights, as alone, and they are the weights after that epoch", async () => {
    const trials: TrialSetup[] = [
      { trialId: 'rate-0.05', units: [32, 16], dropouts: [0.1, 0.1], learningRate: 0.05, initialEpoch: 0, epochs: 6, seed: 7 },
      { trialId: 'rate-0.03', units: [20, 24], dropouts: [0.1, 0.1], learningRate: 0.03, initialEpoch: 0, epochs: 6, seed: 8 },
    ];
    const group = await trainGroup(trials, groups, 'val_loss', tinyData);
    for (const trial of trials) {
      const report = group.get(trial.trialId)!;
      const valLosses = report.epochs.map((e) => e.valLoss);
      const bestEpoch = report.epochs[valLosses.indexOf(Math.min(...valLosses))]!.epoch;
      expect(report.end.bestWeights!.epoch).toBe(bestEpoch);
      expectSameTrial(report, await trainAlone(trial, groups, 'val_loss', tinyData));
      // Trained alone for only its best epoch's count, the trial ends on that epoch's weights.
      const cutShort = await trainAlone({ ...trial, epochs: bestEpoch }, groups, 'val_loss', tinyData);
      expect(cutShort.end.bestWeights!.epoch).toBe(bestEpoch);
      expect(maxDifference(report.end.bestWeights!.data, cutShort.end.bestWeights!.data)).toBeLessThan(TOLERANCE);
    }
    // The case that matters: at least one trial's best epoch is not its last.
    expect(trials.some((t) => group.get(t.trialId)!.end.bestWeights!.epoch < t.epochs)).toBe(true);
  });

  it('frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    await trainGroup([{ trialId: 'a', units: [16, 8], dropouts: [0.1, 0.1], learningRate: 0.01, initialEpoch: 0, epochs: 2, seed: 1 }], groups, 'val_accuracy', tinyData);
    expect(tf.memory().numTensors).toBe(before);
  });
});
