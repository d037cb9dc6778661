import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistSplit } from '../../../../src/data/mnist.ts';
import { parameterCount } from '../../../../src/engine/mlpSpace.ts';
import { evaluateFused } from '../../../../src/training/fused/evaluateFused.ts';
import { disposeBatch, trainingBatch } from '../../../../src/training/fused/fusedBatches.ts';
import type { FusedTrialSpec } from '../../../../src/training/fused/fusedLayout.ts';
import { FusedModel } from '../../../../src/training/fused/fusedModel.ts';
import { perTrialStrategy } from '../../../../src/training/fused/perTrialStrategy.ts';
import { glorotUniformWeights, TrialStream } from '../../../../src/training/fused/trialRandomness.ts';
import { KernelModel } from '../../../../src/training/stepKernel/kernelModel.ts';
import { KernelPlan } from '../../../../src/training/stepKernel/kernelPlan.ts';
import { loadSmallMnist, useCpuBackend } from '../tfSetup.ts';

/**
 * The whole-step WASM kernel against the tfjs path (FusedModel, perTrial products, tfjs CPU backend):
 * same initial weights, batches and dropout masks. The kernel sums products in another order (4x8
 * register blocks, f32x4 lanes summed at the end) and uses AssemblyScript's expf/logf, so float32
 * results differ in the last bits; Adam then divides each moment by sqrt(v), which turns a last-bit
 * difference of a gradient near zero into a visible one of its update (at most ~2 learning rates per
 * step, in entries whose gradient is noise). Hence: loss sums within 1e-5 relative, correct counts
 * equal, and weights within a small fraction of one learning-rate step per step.
 */

const BATCH = 32;
const STEPS = 24;
/** Widths not multiples of 4 (the kernel pads each trial to its own multiple of 4); one rate at 0.01. */
const SPECS: FusedTrialSpec[] = [
  { trialId: 'a', units: [45, 30, 13], dropouts: [0.2, 0.1, 0.3], learningRate: 0.001 },
  { trialId: 'b', units: [66, 20, 16], dropouts: [0.4, 0.3, 0.1], learningRate: 0.01 },
  { trialId: 'c', units: [40, 37, 9], dropouts: [0.1, 0.2, 0.2], learningRate: 0.0003 },
];
const SEEDS = [11, 22, 33];
const SIZES = SPECS.map((s) => parameterCount(s.units));
const BATCHES = 11;

let train: MnistSplit;
let validation: MnistSplit;
beforeAll(async () => {
  await useCpuBackend();
  // 329 images: 11 batches an epoch, the last of 9 rows (not a multiple of the kernel's 4-row blocks);
  // 24 steps cross two reshuffles.
  const data = await loadSmallMnist(329, 701, 10);
  train = data.train;
  validation = data.validation;
});

const initialWeights = () => SPECS.map((s, k) => glorotUniformWeights(s.units, SEEDS[k]!));
const streams = () => SEEDS.map((seed) => new TrialStream(train.count, seed));
const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);

interface StepRecord {
  loss: number[];
  correct: number[];
}

/** Steps the kernel and returns each step's sums. */
function trainKernel(model: KernelModel, trialStreams: TrialStream[], steps: number, firstStep = 0): StepRecord[] {
  const records: StepRecord[] = [];
  for (let step = firstStep; step < firstStep + steps; step++) {
    if (step % BATCHES === 0) trialStreams.forEach((s) => s.startEpoch());
    const sums = model.trainStep({ streams: trialStreams, split: train, batch: step % BATCHES, batchSize: BATCH });
    records.push({ loss: Array.from(sums.lossSum as Float32Array), correct: Array.from(sums.correct as Float32Array) });
  }
  return records;
}

async function trainTfjs(model: FusedModel, trialStreams: TrialStream[], steps: number): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  for (let step = 0; step < steps; step++) {
    if (step % BATCHES === 0) trialStreams.forEach((s) => s.startEpoch());
    const batch = trainingBatch(model.layout, trialStreams, train, step % BATCHES, BATCH, { kind: 'upload' });
    const sums = model.trainStep(batch);
    disposeBatch(batch);
    records.push({ loss: Array.from(await sums.lossSum.data()), correct: Array.from(await sums.correct.data()) });
    tf.dispose([sums.lossSum, sums.correct]);
  }
  return records;
}

describe('the whole-step WASM kernel', () => {
  it('trains as the tfjs path: per-step loss sums and correct counts, final weights and Adam moments, evaluation', async () => {
    const kernel = await KernelModel.create(SPECS, initialWeights(), BATCH);
    const reference = FusedModel.create(SPECS, initialWeights(), perTrialStrategy);
    try {
      const kernelSteps = trainKernel(kernel, streams(), STEPS);
      const referenceSteps = await trainTfjs(reference, streams(), STEPS);
      kernelSteps.forEach((step, i) => {
        expect(step.correct, `step ${i}`).toEqual(referenceSteps[i]!.correct);
        step.loss.forEach((loss, k) => expect(Math.abs(loss - referenceSteps[i]!.loss[k]!) / Math.abs(loss), `step ${i}, trial ${k}`).toBeLessThan(1e-5));
      });
      const kernelWeights = await kernel.trialWeights([0, 1, 2], SIZES);
      const referenceWeights = await reference.trialWeights([0, 1, 2], SIZES);
      for (let k = 0; k < SPECS.length; k++) {
        // 0.2% of one learning-rate step per step (measured: 0.01%-0.03%); a wrong term in any gradient moves weights by whole steps.
        expect(maxDifference(kernelWeights[k]!, referenceWeights[k]!), `weights of trial ${k}`).toBeLessThan(0.002 * SPECS[k]!.learningRate * STEPS);
        const moments = kernel.trialMoments(k, SIZES[k]!);
        const referenceMoments = await reference.trialMoments(k, SIZES[k]!);
        const scale = (m: Float32Array) => m.reduce((worst, value) => Math.max(worst, Math.abs(value)), 0);
        expect(maxDifference(moments.first, referenceMoments.first), `first moment of trial ${k}`).toBeLessThan(1e-4 * scale(referenceMoments.first));
        expect(maxDifference(moments.second, referenceMoments.second), `second moment of trial ${k}`).toBeLessThan(1e-4 * scale(referenceMoments.second));
      }
      // Validation: 701 rows, the kernel's last 256-row chunk 189 rows long.
      const scores = await kernel.evaluate(validation);
      const referenceScores = await evaluateFused(reference, validation);
      expect(scores.accuracy).toEqual(referenceScores.accuracy);
      scores.loss.forEach((loss, k) => expect(Math.abs(loss - referenceScores.loss[k]!) / loss).toBeLessThan(1e-5));
    } finally {
      kernel.dispose();
      reference.dispose();
    }
  });

  it('hands trials over through keepOnly with their weights, moments and step count: they train on exactly as in the group', async () => {
    const group = await KernelModel.create(SPECS, initialWeights(), BATCH);
    const groupStreams = streams();
    trainKernel(group, groupStreams, 5);
    const kept = await group.keepOnly([2, 0], [SIZES[2]!, SIZES[0]!]);
    expect(await kept.trialWeights([0, 1], [SIZES[2]!, SIZES[0]!])).toEqual(await group.trialWeights([2, 0], [SIZES[2]!, SIZES[0]!]));
    expect(kept.trialMoments(0, SIZES[2]!)).toEqual(group.trialMoments(2, SIZES[2]!));
    // The kept trials need their streams where the group's are: replayed by a throwaway group of 5 steps.
    const replay = streams();
    trainKernel(await KernelModel.create(SPECS, initialWeights(), BATCH), replay, 5);
    const groupNext = trainKernel(group, groupStreams, 3, 5);
    const keptNext = trainKernel(kept, [replay[2]!, replay[0]!], 3, 5);
    keptNext.forEach((step, i) => {
      expect(step.loss).toEqual([groupNext[i]!.loss[2], groupNext[i]!.loss[0]]);
      expect(step.correct).toEqual([groupNext[i]!.correct[2], groupNext[i]!.correct[0]]);
    });
    expect(await kept.trialWeights([0, 1], [SIZES[2]!, SIZES[0]!])).toEqual(await group.trialWeights([2, 0], [SIZES[2]!, SIZES[0]!]));
  });

  it('leaves the model as it was when a step throws (too few streams, more rows than the group holds)', async () => {
    const model = await KernelModel.create(SPECS, initialWeights(), BATCH);
    const before = await model.trialWeights([0, 1, 2], SIZES);
    const trialStreams = streams();
    trialStreams.forEach((s) => s.startEpoch());
    expect(() => model.trainStep({ streams: trialStreams.slice(1), split: train, batch: 0, batchSize: BATCH })).toThrow(/needs 3 streams/);
    expect(() => model.trainStep({ streams: trialStreams, split: train, batch: 0, batchSize: 2 * BATCH })).toThrow(/at most 32/);
    expect(await model.trialWeights([0, 1, 2], SIZES)).toEqual(before);
    // The Adam step count did not move either: the next step is a fresh model's first.
    const fresh = await KernelModel.create(SPECS, initialWeights(), BATCH);
    expect(trainKernel(model, streams(), 2)).toEqual(trainKernel(fresh, streams(), 2));
    expect(await model.trialWeights([0, 1, 2], SIZES)).toEqual(await fresh.trialWeights([0, 1, 2], SIZES));
  });

  it('gives a trial with a NaN weight a NaN loss, and the others exactly what they get without it; padding stays exactly zero', async () => {
    const poisoned = initialWeights();
    poisoned[1]![123] = Number.NaN;
    const withNaN = await KernelModel.create(SPECS, poisoned, BATCH);
    const clean = await KernelModel.create(SPECS, initialWeights(), BATCH);
    const poisonedSteps = trainKernel(withNaN, streams(), 12);
    const cleanSteps = trainKernel(clean, streams(), 12);
    poisonedSteps.forEach((step, i) => {
      expect(Number.isNaN(step.loss[1])).toBe(true);
      expect([step.loss[0], step.loss[2]]).toEqual([cleanSteps[i]!.loss[0], cleanSteps[i]!.loss[2]]);
    });
    const plan = new KernelPlan(SPECS, BATCH, 0);
    for (const model of [withNaN, clean]) {
      SPECS.forEach((_, k) => {
        const block = model.paddedParameters(k);
        const real = new Uint8Array(block.length);
        plan.forEachEntry(k, (b) => (real[b] = 1));
        const padding = block.filter((_, b) => !real[b]);
        expect(padding.length).toBeGreaterThan(0);
        expect(padding.every((value) => Object.is(value, 0))).toBe(true);
      });
    }
    const weights = await withNaN.trialWeights([1], [SIZES[1]!]);
    expect(weights[0]!.some(Number.isNaN)).toBe(true);
  });
});
