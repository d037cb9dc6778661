import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MnistDataset, MnistSplit } from '../../../../src/data/mnist.ts';
import type { TrainingJob } from '../../../../src/search/jobs.ts';
import { batchedStrategy } from '../../../../src/training/fused/batchedStrategy.ts';
import { glorotUniformWeights, TrialStream } from '../../../../src/training/fused/trialRandomness.ts';
import { evaluateFused } from '../../../../src/training/fused/evaluateFused.ts';
import { disposeBatch, evaluationBatch, trainingBatch } from '../../../../src/training/fused/fusedBatches.ts';
import type { FusedTrialSpec } from '../../../../src/training/fused/fusedLayout.ts';
import { FusedModel } from '../../../../src/training/fused/fusedModel.ts';
import type { FusedStrategy } from '../../../../src/training/fused/fusedStrategy.ts';
import { trainFusedJob } from '../../../../src/training/fused/fusedTrainer.ts';
import { perTrialStrategy } from '../../../../src/training/fused/perTrialStrategy.ts';
import { tfjsGroupFactory } from '../../../../src/training/fused/tfjsGroupModel.ts';
import { fusedWeightsAfterSteps, measureFusedSpeed, syntheticSplit } from '../../../../src/training/speedProbe.ts';
import { TrainingControl } from '../../../../src/training/trainingControl.ts';
import { useCpuBackend } from '../tfSetup.ts';

/**
 * Every fused path that makes tensors, made to throw part-way: the error reaches the caller and
 * `tf.memory().numTensors` is what it was before. On a GPU a leak per failed step adds up until
 * the device runs out of memory.
 */

const SPECS: FusedTrialSpec[] = [
  { trialId: 'a', units: [24, 12], dropouts: [0.2, 0.1], learningRate: 0.001 },
  { trialId: 'b', units: [16, 14], dropouts: [0.1, 0.3], learningRate: 0.01 },
  { trialId: 'c', units: [20, 9], dropouts: [0.3, 0.2], learningRate: 0.003 },
];
const BATCH = 32;
const INJECTED = 'injected failure';

let train: MnistSplit;
beforeAll(async () => {
  await useCpuBackend();
  train = syntheticSplit(128, 5);
});

const createModel = (strategy: FusedStrategy) => FusedModel.create(SPECS, SPECS.map((s, k) => glorotUniformWeights(s.units, k + 1)), strategy);

function startedStreams(): TrialStream[] {
  const streams = SPECS.map((_, k) => new TrialStream(train.count, k + 1));
  streams.forEach((s) => s.startEpoch());
  return streams;
}

/** A strategy whose forward pass throws on its `failingCall`-th call (1-based); otherwise `base`. */
function forwardFailingOnCall(base: FusedStrategy, failingCall: number): FusedStrategy {
  let calls = 0;
  return {
    ...base,
    forward: (layout, blocks, batch) => {
      if (++calls === failingCall) throw new Error(INJECTED);
      return base.forward(layout, blocks, batch);
    },
  };
}

async function expectNoTensorLeft(failing: () => Promise<unknown>): Promise<void> {
  const before = tf.memory().numTensors;
  await expect(failing()).rejects.toThrow(INJECTED);
  expect(tf.memory().numTensors).toBe(before);
}

describe('tensors are freed when a fused step throws part-way', () => {
  it('FusedModel.trainStep: an Adam update failing after others succeeded frees their outputs and leaves the model as it was', async () => {
    // Batched products hold 2 blocks per layer; the gradient of block 3 gets a shape Adam cannot combine.
    let breakGradient = true;
    const strategy: FusedStrategy = {
      ...batchedStrategy,
      backward: (layout, forward, logitsGradient) => {
        const gradients = batchedStrategy.backward(layout, forward, logitsGradient);
        if (breakGradient) gradients[3] = tf.zeros([2, 5, 7]);
        return gradients;
      },
    };
    const model = createModel(strategy);
    const untouched = createModel(batchedStrategy);
    const streams = startedStreams();
    const batch = trainingBatch(model.layout, streams, train, 0, BATCH, { kind: 'upload' });
    const parametersBefore = await model.readParameters();

    const before = tf.memory().numTensors;
    expect(() => model.trainStep(batch)).toThrow(/shape|broadcast/i);
    expect(tf.memory().numTensors).toBe(before);
    expect(await model.readParameters()).toEqual(parametersBefore);

    // The failed step left no trace: not in the weights, nor in Adam's step count (its bias correction).
    breakGradient = false;
    const sums = [model.trainStep(batch), untouched.trainStep(batch)];
    tf.dispose(sums.flatMap((s) => [s.lossSum, s.correct]));
    expect(await model.readParameters()).toEqual(await untouched.readParameters());
    disposeBatch(batch);
    model.dispose();
    untouched.dispose();
  });

  it('FusedModel.trainStep: a forward pass that throws frees its intermediate tensors', async () => {
    const model = createModel(forwardFailingOnCall(perTrialStrategy, 1));
    const batch = trainingBatch(model.layout, startedStreams(), train, 0, BATCH, { kind: 'upload' });
    await expectNoTensorLeft(async () => model.trainStep(batch));
    disposeBatch(batch);
    model.dispose();
  });

  it('trainingBatch: a dropout mask that throws after the images and the first mask were made', async () => {
    const model = createModel(perTrialStrategy);
    const streams = startedStreams();
    const stream = streams[1]!;
    const ownMask = stream.dropoutMask.bind(stream);
    let masks = 0;
    vi.spyOn(stream, 'dropoutMask').mockImplementation((...args) => {
      if (++masks === 2) throw new Error(INJECTED);
      ownMask(...args);
    });
    await expectNoTensorLeft(async () => trainingBatch(model.layout, streams, train, 0, BATCH, { kind: 'upload' }));
    model.dispose();
  });

  it('evaluationBatch: labels that cannot be read after the images were uploaded', async () => {
    const unreadable = new Proxy(train.labels, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error(INJECTED);
        return Reflect.get(target, key) as unknown;
      },
    });
    await expectNoTensorLeft(async () => evaluationBatch(3, { ...train, labels: unreadable }, 0, 40));
  });

  it('evaluateFused: a chunk that throws after earlier chunks were scored', async () => {
    // 128 rows in chunks of 50: the second chunk's forward pass throws.
    const model = createModel(forwardFailingOnCall(perTrialStrategy, 2));
    await expectNoTensorLeft(() => evaluateFused(model, train, 50));
    model.dispose();
  });

  it('the speed probe and the cross-backend check: a step that throws mid-run', async () => {
    await expectNoTensorLeft(() => fusedWeightsAfterSteps(6, forwardFailingOnCall(perTrialStrategy, 4), () => ({ kind: 'upload' })));
    await expectNoTensorLeft(() => measureFusedSpeed(2, 6, forwardFailingOnCall(batchedStrategy, 3), () => ({ kind: 'upload' })));
  });

  it('trainFusedJob: a step that throws in the second epoch', async () => {
    const data: MnistDataset = { train, validation: syntheticSplit(40, 6), test: syntheticSplit(40, 7), imageSize: 784, numClasses: 10 };
    const job: TrainingJob = {
      jobId: 'job',
      batchSize: BATCH,
      objective: 'val_accuracy',
      trainer: 'fused',
      runs: SPECS.map((s, k) => ({
        run: { trialId: s.trialId, hyperparameters: { units_0: s.units[0]!, dropout_0: s.dropouts[0]!, units_1: s.units[1]!, dropout_1: s.dropouts[1]!, learning_rate: s.learningRate }, iteration: 0, bracket: 0, round: 0, initialEpoch: 0, epochs: 3, parentId: null, spaceVersion: 1 },
        parentWeights: null,
        seed: k + 1,
      })),
    };
    // 4 training steps and 1 validation chunk an epoch: call 7 is the second step of epoch 2.
    const listener = { onBatchProgress: () => {}, onEpoch: vi.fn(), onTrialEnd: vi.fn() };
    await expectNoTensorLeft(() => trainFusedJob(job, data, tfjsGroupFactory(forwardFailingOnCall(perTrialStrategy, 7), { kind: 'upload' }), new TrainingControl(), listener));
    expect(listener.onEpoch).toHaveBeenCalledTimes(3);
    expect(listener.onTrialEnd).not.toHaveBeenCalled();
  });
});
