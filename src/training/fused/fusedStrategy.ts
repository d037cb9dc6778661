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
 * How the K trials' products are computed, and how their parameters are held. Both strategies give
 * the same numbers.
 *  - `perTrial` (WASM, CPU): one flat parameter buffer, split each step into K plain 2-D products,
 *    the only matMul shape XNNPACK runs fast; one Adam over the whole buffer.
 *  - `batched` (WebGL, WebGPU): one [K, in, out] tensor per layer and one batched product per layer,
 *    the fewest kernels; reshaping a flat buffer there would copy it, so each layer is its own block.
 */
export interface FusedStrategy {
  readonly name: 'batched' | 'perTrial';
  /** Sizes and shapes of the parameter blocks, which are consecutive ranges of the layout's buffer. */
  blockShapes(layout: FusedLayout): number[][];
  forward(layout: FusedLayout, blocks: readonly tf.Tensor[], batch: FusedBatch): ForwardResult;
  /** Gradients of each trial's mean loss, one per parameter block. */
  backward(layout: FusedLayout, forward: ForwardResult, logitsGradient: tf.Tensor2D): tf.Tensor[];
}
