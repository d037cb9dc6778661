import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MnistSplit } from '../../../../src/data/mnist.ts';
import { MNIST_CLASSES, MNIST_INPUT_SIZE, parameterCount } from '../../../../src/engine/mlpSpace.ts';
import { ADAM } from '../../../../src/training/mlpModel.ts';
import { batchedStrategy } from '../../../../src/training/fused/batchedStrategy.ts';
import { glorotUniformWeights, TrialStream } from '../../../../src/training/fused/trialRandomness.ts';
import { disposeBatch, trainingBatch } from '../../../../src/training/fused/fusedBatches.ts';
import type { FusedTrialSpec } from '../../../../src/training/fused/fusedLayout.ts';
import { FusedModel } from '../../../../src/training/fused/fusedModel.ts';
import type { FusedStrategy } from '../../../../src/training/fused/fusedStrategy.ts';
import { perTrialStrategy } from '../../../../src/training/fused/perTrialStrategy.ts';
import { loadSmallMnist, useCpuBackend } from '../tfSetup.ts';

const STEPS = 50;
const BATCH = 32;
const SPECS: FusedTrialSpec[] = [
  { trialId: 'a', units: [48, 30, 12], dropouts: [0.2, 0.1, 0.3], learningRate: 0.001 },
  { trialId: 'b', units: [64, 20, 16], dropouts: [0.4, 0.3, 0.1], learningRate: 0.01 },
  { trialId: 'c', units: [40, 36, 9], dropouts: [0.1, 0.2, 0.2], learningRate: 0.0001 },
];
const SEEDS = [11, 22, 33];

let train: MnistSplit;
beforeAll(async () => {
  await useCpuBackend();
  train = (await loadSmallMnist(960, 10, 10)).train;
});

/**
 * The reference: one trial alone, with tfjs's own autodiff (variableGrads) and tfjs's own Adam, fed
 * the same batches and dropout masks from the trial's stream. It shares no code with the fused path.
 */
function trainAlone(spec: FusedTrialSpec, seed: number): Float32Array {
  const dims = [MNIST_INPUT_SIZE, ...spec.units, MNIST_CLASSES];
  const initial = glorotUniformWeights(spec.units, seed);
  let offset = 0;
  const variables = dims.slice(0, -1).flatMap((fanIn, l) => {
    const fanOut = dims[l + 1]!;
    const kernel = tf.variable(tf.tensor2d(initial.subarray(offset, offset + fanIn * fanOut), [fanIn, fanOut]));
    offset += fanIn * fanOut;
    const bias = tf.variable(tf.tensor1d(initial.subarray(offset, offset + fanOut)));
    offset += fanOut;
    return [kernel, bias];
  });
  const optimizer = tf.train.adam(spec.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const stream = new TrialStream(train.count, seed);
  for (let step = 0; step < STEPS; step++) {
    const batch = step % Math.ceil(train.count / BATCH);
    if (batch === 0) stream.startEpoch();
    const rows = stream.batchIndices(batch, BATCH);
    const masks = spec.units.map((width, l) => {
      const values = new Float32Array(rows.length * width);
      stream.dropoutMask(rows.length, width, width, spec.dropouts[l]!, values, 0);
      return tf.tensor2d(values, [rows.length, width]);
    });
    const x = tf.tensor2d(Float32Array.from({ length: rows.length * MNIST_INPUT_SIZE }, (_, i) => train.images[rows[Math.floor(i / MNIST_INPUT_SIZE)]! * MNIST_INPUT_SIZE + (i % MNIST_INPUT_SIZE)]!), [rows.length, MNIST_INPUT_SIZE]);
    const y = tf.oneHot(tf.tensor1d(Array.from(rows, (r) => train.labels[r]!), 'int32'), MNIST_CLASSES);
    optimizer.minimize(() => {
      let h: tf.Tensor = x;
      for (let l = 0; l < spec.units.length; l++) h = tf.relu(tf.add(tf.matMul(h, variables[2 * l]!), variables[2 * l + 1]!)).mul(masks[l]!);
      const logits = tf.add(tf.matMul(h, variables.at(-2)!), variables.at(-1)!);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    });
    tf.dispose([x, y, ...masks]);
  }
  const weights = new Float32Array(parameterCount(spec.units));
  let o = 0;
  for (const v of variables) {
    weights.set(v.dataSync(), o);
    o += v.size;
  }
  tf.dispose(variables);
  optimizer.dispose();
  return weights;
}

async function trainFused(strategy: FusedStrategy, specs: FusedTrialSpec[], seeds: number[]): Promise<{ model: FusedModel; weights: Float32Array[] }> {
  const model = FusedModel.create(specs, specs.map((s, k) => glorotUniformWeights(s.units, seeds[k]!)), strategy);
  const streams = seeds.map((seed) => new TrialStream(train.count, seed));
  for (let step = 0; step < STEPS; step++) {
    const batch = step % Math.ceil(train.count / BATCH);
    if (batch === 0) streams.forEach((s) => s.startEpoch());
    const fused = trainingBatch(model.layout, streams, train, batch, BATCH, { kind: 'upload' });
    const sums = model.trainStep(fused);
    tf.dispose([sums.lossSum, sums.correct]);
    disposeBatch(fused);
  }
  return { model, weights: await model.trialWeights(specs.map((_, k) => k), specs.map((s) => parameterCount(s.units))) };
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);

/** The reference weights do not depend on the fused strategy: trained once, for both. */
let aloneWeights: Float32Array[] | null = null;
const trainedAlone = () => (aloneWeights ??= SPECS.map((spec, k) => trainAlone(spec, SEEDS[k]!)));

describe.each([perTrialStrategy, batchedStrategy])('fused training ($name products)', (strategy) => {
  // One fused run of the three trials, which every test below reads and none changes.
  let fused: { model: FusedModel; weights: Float32Array[] };
  beforeAll(async () => {
    fused = await trainFused(strategy, SPECS, SEEDS);
  });
  afterAll(() => fused.model.dispose());

  it('gives each of 3 trials of different widths the weights it would have alone after 50 steps (within 1e-4)', () => {
    const alone = trainedAlone();
    const initial = SPECS.map((s, k) => glorotUniformWeights(s.units, SEEDS[k]!));
    SPECS.forEach((_, k) => {
      expect(maxDifference(fused.weights[k]!, initial[k]!)).toBeGreaterThan(1e-3);
      expect(maxDifference(fused.weights[k]!, alone[k]!)).toBeLessThan(1e-4);
    });
  });

  it('keeps every padded entry at exactly zero', async () => {
    const real = new Uint8Array(fused.model.layout.size);
    SPECS.forEach((_, k) => fused.model.layout.forEachEntry(k, (f) => (real[f] = 1)));
    const parameters = await fused.model.readParameters();
    const paddedNonZero = parameters.filter((value, i) => real[i] === 0 && value !== 0).length;
    expect(real.filter((r) => r === 0).length).toBeGreaterThan(1000);
    expect(paddedNonZero).toBe(0);
  });

  it('trains a trial fused with others exactly as fused alone', async () => {
    const alone = await trainFused(strategy, [SPECS[1]!], [SEEDS[1]!]);
    expect(maxDifference(fused.weights[1]!, alone.weights[0]!)).toBeLessThan(1e-6);
    alone.model.dispose();
  });
});
