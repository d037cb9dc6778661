import type * as tf from '@tensorflow/tfjs';
import type { FusedLayout } from './fusedLayout.ts';

/** A batch for K trials: each trial's own rows, labels and dropout masks. */
export interface FusedBatch {
  rows: number;
  /**
   * [K * rows, 784] in trial-major order (rows of trial k are k*rows .. k*rows+rows-1), or, when
   * `sharedImages`, [rows, 784] seen by every trial (evaluation on a common split).
   */
  images: tf.Tensor2D;
  sharedImages: boolean;
  oneHot: tf.Tensor2D;
  labels: tf.Tensor1D;
  /** Per hidden layer, [K * rows, paddedWidth]; null in evaluation (no dropout). */
  masks: tf.Tensor2D[] | null;
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  /** What the backward pass needs; opaque to the caller. */
  cache: unknown;
}

/**
 * How the K trials' matrix products are computed. Both give the same numbers: `batched` uses one
 * [K, rows, in] x [K, in, out] product per layer (few kernels: GPU backends), `perTrial` K plain 2-D
 * products (the only shape XNNPACK runs fast: the WASM backend).
 */
export interface FusedStrategy {
  readonly name: 'batched' | 'perTrial';
  forward(layout: FusedLayout, parameters: tf.Tensor1D, batch: FusedBatch): ForwardResult;
  /** The flat gradient [layout.size] of the mean loss of each trial. */
  backward(layout: FusedLayout, forward: ForwardResult, logitsGradient: tf.Tensor2D): tf.Tensor1D;
}
