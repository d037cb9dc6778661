import * as tf from '@tensorflow/tfjs';
import { reluDropoutGradient } from './onePassChains.ts';
import type { FusedBatch, FusedStrategy, ForwardResult } from './fusedStrategy.ts';

interface PerTrialCache {
  /** [layer][trial] */
  weights: tf.Tensor2D[][];
  inputs: tf.Tensor2D[][];
  activations: tf.Tensor2D[][];
  masks: tf.Tensor2D[][];
}

/**
 * K plain 2-D products per layer, with explicit transposes in the backward pass: on the WASM
 * backend only a non-transposed 2-D matMul reaches XNNPACK; the rest is a scalar loop ~10x slower.
 */
export const perTrialStrategy: FusedStrategy = {
  name: 'perTrial',
  blockShapes(layout) {
    return [[layout.size]];
  },
  forward(layout, blocks, batch: FusedBatch): ForwardResult {
    const K = layout.trialCount;
    const pieces = tf.split(blocks[0]!, layout.trialPieceSizes());
    const weights: tf.Tensor2D[][] = [];
    const biases: tf.Tensor1D[][] = [];
    let p = 0;
    for (let l = 0; l < layout.layerCount; l++) {
      weights.push(Array.from({ length: K }, () => tf.reshape(pieces[p++]!, [layout.inDims[l]!, layout.outDims[l]!]) as tf.Tensor2D));
      biases.push(Array.from({ length: K }, () => pieces[p++] as tf.Tensor1D));
    }
    const inputs: tf.Tensor2D[][] = [batch.sharedImages ? Array<tf.Tensor2D>(K).fill(batch.images) : (tf.split(batch.images, K) as tf.Tensor2D[])];
    const activations: tf.Tensor2D[][] = [];
    const masks: tf.Tensor2D[][] = [];
    for (let l = 0; l < layout.layerCount; l++) {
      const last = l === layout.layerCount - 1;
      const z = inputs[l]!.map((x, k) => tf.fused.matMul({ a: x, b: weights[l]![k]!, bias: biases[l]![k], activation: last ? 'linear' : 'relu' }) as tf.Tensor2D);
      if (last) return { logits: tf.concat(z) as tf.Tensor2D, cache: { weights, inputs, activations, masks } satisfies PerTrialCache };
      activations.push(z);
      if (batch.masks) {
        const layerMasks = tf.split(batch.masks[l]!, K) as tf.Tensor2D[];
        masks.push(layerMasks);
        inputs.push(z.map((a, k) => tf.mul(a, layerMasks[k]!) as tf.Tensor2D));
      } else inputs.push(z);
    }
    throw new Error('unreachable: a model has an output layer');
  },
  backward(layout, forward, logitsGradient) {
    const { weights, inputs, activations, masks } = forward.cache as PerTrialCache;
    const K = layout.trialCount;
    let dz = tf.split(logitsGradient, K) as tf.Tensor2D[];
    const pieces: tf.Tensor[][] = new Array(2 * layout.layerCount);
    for (let l = layout.layerCount - 1; l >= 0; l--) {
      pieces[2 * l] = dz.map((d, k) => tf.reshape(tf.matMul(tf.transpose(inputs[l]![k]!), d), [-1]));
      pieces[2 * l + 1] = dz.map((d) => tf.sum(d, 0));
      if (l > 0) {
        dz = dz.map((d, k) => {
          const upstream = tf.matMul(d, tf.transpose(weights[l]![k]!));
          return reluDropoutGradient(upstream, masks[l - 1]![k]!, activations[l - 1]![k]!);
        });
      }
    }
    return [tf.concat(pieces.flat())];
  },
};
