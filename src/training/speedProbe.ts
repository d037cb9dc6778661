import * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import { MNIST_CLASSES, MNIST_INPUT_SIZE, parameterCount } from '../engine/mlpSpace.ts';
import { batchesPerEpoch, glorotUniformWeights, TrialStream } from './fused/trialRandomness.ts';
import { evaluateFused } from './fused/evaluateFused.ts';
import { disposeBatch, trainingBatch, type ImageSource } from './fused/fusedBatches.ts';
import { FusedModel, type StepSums } from './fused/fusedModel.ts';
import type { FusedStrategy } from './fused/fusedStrategy.ts';
import { READ_EVERY_STEPS } from './fused/fusedTrainer.ts';
import type { FusedTrialSpec } from './fused/fusedLayout.ts';
import { watchGpuTraffic, type GpuTraffic } from './gpuTraffic.ts';
import { buildMlp, compileMlp } from './mlpModel.ts';
import { trainingStepFlops } from './throughput.ts';

/** The reference run's best configuration: the model every speed figure is quoted for. */
export const REFERENCE_ARCHITECTURE = { units: [68, 78, 59, 18], dropouts: [0.2, 0.2, 0.1, 0.1], learningRate: 0.001 };

/** Random pixels and labels shaped like MNIST: speed does not depend on what the numbers are. */
export function syntheticSplit(count: number, seed = 1): MnistSplit {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return {
    images: Float32Array.from({ length: count * MNIST_INPUT_SIZE }, random),
    labels: Uint8Array.from({ length: count }, () => Math.floor(random() * MNIST_CLASSES)),
    count,
  };
}

/**
 * Milliseconds per batch-32 `fit` step of the reference model on the current backend, measured on
 * random data after a warm-up. The page uses it to estimate how long a search will take.
 */
export async function measureFitStepMs(steps = 40, batchSize = 32): Promise<number> {
  const model = buildMlp(REFERENCE_ARCHITECTURE, 1);
  const optimizer = compileMlp(model, REFERENCE_ARCHITECTURE.learningRate);
  const x = tf.randomUniform([steps * batchSize, MNIST_INPUT_SIZE]);
  const y = tf.tidy(() => tf.randomUniform([steps * batchSize], 0, MNIST_CLASSES, 'int32').toFloat());
  try {
    const fit = () => model.fit(x, y, { batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
    await fit();
    const startedMs = performance.now();
    await fit();
    return (performance.now() - startedMs) / steps;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
}

export interface FusedSpeed {
  /** Milliseconds per step of the whole group, and per trial. */
  msPerStep: number;
  msPerStepPerTrial: number;
  /** Milliseconds to validate every trial of the group on 1,000 samples (NaN when not measured). */
  evalMsPerThousand: number;
  /** The matrix products' floating-point work done per second, in billions (trainingStepFlops). */
  gflops: number;
  /** GPU backends: the device work per step of the whole group, counted over the timed steps. */
  trafficPerStep: GpuTraffic | null;
}

/**
 * A fused model training on a synthetic split, its own streams and image source: what the speed
 * probe and the cross-backend check both drive, step by step. `dispose` frees all of it.
 */
function syntheticFusedRun(specs: FusedTrialSpec[], seeds: number[], strategy: FusedStrategy, train: MnistSplit, source: (train: MnistSplit) => ImageSource, batchSize = 32) {
  const model = FusedModel.create(specs, specs.map((s, k) => glorotUniformWeights(s.units, seeds[k]!)), strategy);
  const streams = seeds.map((seed) => new TrialStream(train.count, seed));
  const images = source(train);
  const batches = batchesPerEpoch(train.count, batchSize);
  let step = 0;
  return {
    model,
    /** Trains `count` steps; waits for the last one to finish on the device. */
    async train(count: number): Promise<void> {
      for (let i = 0; i < count; i++, step++) {
        if (step % batches === 0) streams.forEach((s) => s.startEpoch());
        const batch = trainingBatch(model.layout, streams, train, step % batches, batchSize, images);
        let sums: StepSums;
        try {
          sums = model.trainStep(batch);
        } finally {
          disposeBatch(batch);
        }
        try {
          if (i === count - 1 || (i + 1) % READ_EVERY_STEPS === 0) await sums.lossSum.data();
        } finally {
          tf.dispose([sums.lossSum, sums.correct]);
        }
      }
    },
    dispose(): void {
      model.dispose();
      if (images.kind === 'gather') images.images.dispose();
    },
  };
}

/**
 * The fused trainer's speed for K copies of the reference model (own seeds, masks and batches),
 * validation timed on `evalSamples` samples (none: not timed).
 */
export async function measureFusedSpeed(trials: number, steps: number, strategy: FusedStrategy, source: (train: MnistSplit) => ImageSource, evalSamples = 1000): Promise<FusedSpeed> {
  const specs = Array.from({ length: trials }, (_, k) => ({ trialId: String(k), ...REFERENCE_ARCHITECTURE }));
  const run = syntheticFusedRun(specs, specs.map((_, k) => k + 1), strategy, syntheticSplit(640), source);
  try {
    await run.train(Math.min(10, steps));
    const watch = watchGpuTraffic();
    const startedMs = performance.now();
    try {
      await run.train(steps);
    } finally {
      watch?.stop();
    }
    const msPerStep = (performance.now() - startedMs) / steps;
    const counted = watch?.read();
    const trafficPerStep = counted ? (Object.fromEntries(Object.entries(counted).map(([key, n]) => [key, n / steps])) as unknown as GpuTraffic) : null;
    const gflops = (trials * trainingStepFlops(REFERENCE_ARCHITECTURE.units, 32)) / msPerStep / 1e6;
    const trained = { msPerStep, msPerStepPerTrial: msPerStep / trials, gflops, trafficPerStep };
    if (evalSamples === 0) return { ...trained, evalMsPerThousand: Number.NaN };
    const validation = syntheticSplit(evalSamples, 7);
    await evaluateFused(run.model, validation, evalSamples);
    const evalStartedMs = performance.now();
    await evaluateFused(run.model, validation, evalSamples);
    return { ...trained, evalMsPerThousand: ((performance.now() - evalStartedMs) * 1000) / evalSamples };
  } finally {
    run.dispose();
  }
}

/**
 * A short fused training run with fixed seeds and data, whatever the backend: the same numbers on
 * every backend up to float rounding. Compares the GPU paths (batched products, custom Adam kernel)
 * with the CPU one.
 */
export async function fusedWeightsAfterSteps(steps: number, strategy: FusedStrategy, source: (train: MnistSplit) => ImageSource): Promise<Float32Array> {
  const specs = [
    { trialId: 'a', units: [40, 24], dropouts: [0.2, 0.1], learningRate: 0.001 },
    { trialId: 'b', units: [32, 30], dropouts: [0.1, 0.3], learningRate: 0.003 },
  ];
  const run = syntheticFusedRun(specs, [5, 6], strategy, syntheticSplit(320, 3), source);
  try {
    await run.train(steps);
    const weights = await run.model.trialWeights([0, 1], specs.map((s) => parameterCount(s.units)));
    const all = new Float32Array(weights[0]!.length + weights[1]!.length);
    all.set(weights[0]!);
    all.set(weights[1]!, weights[0]!.length);
    return all;
  } finally {
    run.dispose();
  }
}
