import * as tf from '@tensorflow/tfjs';
import type { FusedLayout } from './fusedLayout.ts';
import type { FusedBatch, FusedStrategy, ForwardResult } from './fusedStrategy.ts';

interface BatchedCache {
  weights: tf.Tensor3D[];
  /** Input of each layer, [K, rows, in]. */
  inputs: tf.Tensor3D[];
  /** relu output of each hidden layer, before dropout. */
  activations: tf.Tensor3D[];
  masks: tf.Tensor3D[];
}

function views(layout: FusedLayout, blocks: readonly tf.Tensor[]): { weights: tf.Tensor3D[]; biases: tf.Tensor3D[] } {
  const weights = layout.inDims.map((_, l) => blocks[2 * l] as tf.Tensor3D);
  const biases = layout.outDims.map((_, l) => blocks[2 * l + 1] as tf.Tensor3D);
  return { weights, biases };
}

/** One batched product per layer: the fewest kernels, for backends where each kernel is expensive. */
export const batchedStrategy: FusedStrategy = {
  name: 'batched',
  blockShapes(layout) {
    const K = layout.trialCount;
    return layout.inDims.flatMap((inDim, l) => [[K, inDim, layout.outDims[l]!], [K, 1, layout.outDims[l]!]]);
  },
  forward(layout, blocks, batch: FusedBatch): ForwardResult {
    const K = layout.trialCount;
    const { weights, biases } = views(layout, blocks);
    const inputs: tf.Tensor3D[] = [tf.reshape(batch.images, [batch.sharedImages ? 1 : K, batch.rows, layout.inDims[0]!])];
    const activations: tf.Tensor3D[] = [];
    const masks: tf.Tensor3D[] = [];
    for (let l = 0; l < layout.layerCount; l++) {
      const last = l === layout.layerCount - 1;
      const z = tf.fused.matMul({ a: inputs[l]!, b: weights[l]!, bias: biases[l], activation: last ? 'linear' : 'relu' }) as tf.Tensor3D;
      if (last) return { logits: tf.reshape(z, [K * batch.rows, layout.outDims[l]!]), cache: { weights, inputs, activations, masks } satisfies BatchedCache };
      activations.push(z);
      if (batch.masks) {
        const mask = tf.reshape(batch.masks[l]!, [K, batch.rows, layout.outDims[l]!]) as tf.Tensor3D;
        masks.push(mask);
        inputs.push(tf.mul(z, mask));
      } else inputs.push(z);
    }
    throw new Error('unreachable: a model has an output layer');
  },
  backward(layout, forward, logitsGradient) {
    const { weights, inputs, activations, masks } = forward.cache as BatchedCache;
    const K = layout.trialCount;
    const rows = logitsGradient.shape[0] / K;
    let dz = tf.reshape(logitsGradient, [K, rows, layout.outDims[layout.layerCount - 1]!]) as tf.Tensor3D;
    const pieces: tf.Tensor[] = new Array(2 * layout.layerCount);
    for (let l = layout.layerCount - 1; l >= 0; l--) {
      pieces[2 * l] = tf.matMul(inputs[l]!, dz, true, false);
      pieces[2 * l + 1] = tf.sum(dz, 1, true);
      if (l > 0) {
        const upstream = tf.matMul(dz, weights[l]!, false, true);
        dz = tf.mul(tf.mul(upstream, masks[l - 1]!), tf.step(activations[l - 1]!)) as tf.Tensor3D;
      }
    }
    return pieces;
  },
};
