import * as tf from '@tensorflow/tfjs';

/** A one-pass kernel for the chain below, registered where it pays (WASM: wasmFusedKernels.ts). */
export const RUNG_RELU_DROPOUT_GRADIENT = 'RungReluDropoutGradient';

/**
 * The gradient through a dropout mask and a ReLU: upstream * mask * step(activation), with tfjs's
 * element-wise arithmetic in that order. A backend with the one-pass kernel gets one kernel call
 * instead of three, and one pass over memory instead of three.
 */
export function reluDropoutGradient<T extends tf.Tensor>(upstream: tf.Tensor, mask: T, activation: T): T {
  if (tf.getKernel(RUNG_RELU_DROPOUT_GRADIENT, tf.getBackend())) {
    return tf.engine().runKernel(RUNG_RELU_DROPOUT_GRADIENT, { upstream, mask, activation }, {}) as T;
  }
  return tf.tidy(() => tf.mul(tf.mul(upstream, mask), tf.step(activation)) as T);
}
