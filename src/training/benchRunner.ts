import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { MnistSplit } from '../data/mnist.ts';
import type { ImageSource } from './fused/fusedBatches.ts';
import { fusedWeightsAfterSteps, measureFitStepMs, measureFusedSpeed, type FusedSpeed } from './speedProbe.ts';
import type { TrainingPath } from './fused/trialGroupModel.ts';
import { measureKernelSpeed } from './stepKernel/kernelSpeed.ts';
import { measureLargeMatmulGflops } from './throughput.ts';
import { fusedPathFor, fusedStrategyFor, gathersOnDevice, prepareBackend } from './trainingData.ts';

export interface BenchRunPlan {
  fitSteps: number;
  /** `evalSamples`: validation timed on that many samples (default 1,000; 0: not timed). */
  fused: { trials: number; steps: number; evalSamples?: number }[];
  /** Also time a size³ product (1024 in the bench) on the same backend: the ceiling the fused step is compared with. */
  largeMatmulSize?: number;
  /** Where the kernel path trains (WASM): also time the tfjs path at each K, interleaved, for the ratio. */
  compareTfjsPath?: boolean;
}

export interface BenchRunResult {
  backend: string;
  strategy: string;
  /** Which path `fused` timed: the one a search takes on this backend. */
  path: TrainingPath;
  fitMsPerStep: number | null;
  fused: Record<number, FusedSpeed>;
  /** With `compareTfjsPath` where the kernel trains: the tfjs path at the same K, in the same run. */
  tfjsPath: Record<number, FusedSpeed> | null;
  largeMatmulGflops: number | null;
  largeMatmulSize: number | null;
  /** Threads the WASM backend runs its kernels on (XNNPACK's pool); null on other backends. */
  wasmThreads: number | null;
}

/** Synthetic training images where the fused path on `backend` reads them: on the device, or uploaded per step. */
function syntheticImages(backend: string): (train: MnistSplit) => ImageSource {
  return (train) => (gathersOnDevice(backend) ? { kind: 'gather', images: tf.tensor2d(train.images, [train.count, train.images.length / train.count]) } : { kind: 'upload' });
}

/** A measurement asked to stop (a search is starting): what it had measured is dropped. */
export class MeasurementStoppedError extends Error {
  constructor() {
    super('the measurement was stopped before it ended');
  }
}

/** Throws MeasurementStoppedError when asked to stop: called between two measurements, never inside one. */
export function checkNotStopped(shouldStop: (() => boolean) | undefined): void {
  if (shouldStop?.()) throw new MeasurementStoppedError();
}

/**
 * Times `fit` and the fused trainer on the backend already set, as a search would use them there.
 * `shouldStop` is asked before each measurement.
 */
export async function runBenchPlan(plan: BenchRunPlan, shouldStop?: () => boolean): Promise<BenchRunResult> {
  const backend = tf.getBackend();
  prepareBackend(backend);
  const strategy = fusedStrategyFor(backend);
  const path = fusedPathFor(backend);
  checkNotStopped(shouldStop);
  const fitMsPerStep = plan.fitSteps > 0 ? await measureFitStepMs(plan.fitSteps) : null;
  const fused: Record<number, FusedSpeed> = {};
  const tfjsPath: Record<number, FusedSpeed> | null = path === 'kernel' && plan.compareTfjsPath ? {} : null;
  const tfjsSpeed = (trials: number, steps: number, evalSamples?: number) => measureFusedSpeed(trials, steps, strategy, syntheticImages(backend), evalSamples);
  for (const { trials, steps, evalSamples } of plan.fused) {
    checkNotStopped(shouldStop);
    fused[trials] = path === 'kernel' ? await measureKernelSpeed(trials, steps, evalSamples) : await tfjsSpeed(trials, steps, evalSamples);
    if (tfjsPath) tfjsPath[trials] = await tfjsSpeed(trials, steps, evalSamples);
  }
  const largeMatmulSize = plan.largeMatmulSize ?? null;
  const largeMatmulGflops = largeMatmulSize ? await measureLargeMatmulGflops(largeMatmulSize) : null;
  return { backend, strategy: strategy.name, path, fitMsPerStep, fused, tfjsPath, largeMatmulGflops, largeMatmulSize, wasmThreads: backend === 'wasm' ? getThreadsCount() : null };
}

/** The fixed short fused run of `fusedWeightsAfterSteps`, with the strategy the current backend uses. */
export function trainBriefly(steps: number): Promise<Float32Array> {
  const backend = tf.getBackend();
  prepareBackend(backend);
  return fusedWeightsAfterSteps(steps, fusedStrategyFor(backend), syntheticImages(backend));
}
