import type * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../../data/mnist.ts';
import type { SplitScores } from './evaluateFused.ts';
import type { FusedTrialSpec } from './fusedLayout.ts';
import type { TrialStream } from './trialRandomness.ts';

/** Which implementation trains a group: tfjs kernels (FusedModel), or the whole-step WASM SIMD kernel. */
export type TrainingPath = 'tfjs' | 'kernel';

/** One step's per-trial loss sums and correct counts, [K]: tensors read later (tfjs), or plain numbers (kernel). */
export interface GroupStepSums {
  lossSum: tf.Tensor1D | Float32Array;
  correct: tf.Tensor1D | Float32Array;
}

/** Batch `batch` of the epoch for every trial, each from its own stream (the same rows and masks on either path). */
export interface StepInput {
  streams: readonly TrialStream[];
  split: MnistSplit;
  batch: number;
  batchSize: number;
}

/**
 * K trials trained as one group, whichever path computes them. A step that throws leaves the model
 * as it was before the step.
 */
export interface TrialGroupModel {
  readonly path: TrainingPath;
  /** The trials, in group order (their real widths, dropouts and learning rates). */
  readonly trials: readonly FusedTrialSpec[];
  trainStep(step: StepInput): GroupStepSums;
  /** Mean loss and accuracy of every trial on a whole split, without dropout. */
  evaluate(split: MnistSplit): Promise<SplitScores>;
  /** The unpadded weights of the trials asked for (W_l [in, out] row-major, then b_l, layer by layer). */
  trialWeights(trialIndices: readonly number[], sizes: readonly number[]): Promise<Float32Array[]>;
  /** A group of only the trials kept, each with its weights and Adam moments; the step count is shared. */
  keepOnly(trialIndices: readonly number[], sizes: readonly number[]): Promise<TrialGroupModel>;
  dispose(): void;
}

/** Creates a group from its trials and their unpadded initial weights; `batchSize` bounds a step's rows. */
export type TrialGroupFactory = (specs: readonly FusedTrialSpec[], initialWeights: readonly Float32Array[], batchSize: number) => Promise<TrialGroupModel>;
