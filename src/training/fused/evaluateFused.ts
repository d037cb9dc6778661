import * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../../data/mnist.ts';
import { disposeBatch, evaluationBatch } from './fusedBatches.ts';
import type { FusedModel } from './fusedModel.ts';

export interface SplitScores {
  loss: number[];
  accuracy: number[];
}

/** Mean loss and accuracy of every trial on a whole split, in chunks, with one read at the end. */
export async function evaluateFused(model: FusedModel, split: MnistSplit, chunkRows = 2000): Promise<SplitScores> {
  const K = model.trialCount;
  const chunks: tf.Tensor1D[] = [];
  let totals: tf.Tensor;
  try {
    for (let start = 0; start < split.count; start += chunkRows) {
      const batch = evaluationBatch(K, split, start, Math.min(chunkRows, split.count - start));
      try {
        const { lossSum, correct } = model.evaluate(batch);
        chunks.push(lossSum, correct);
      } finally {
        disposeBatch(batch);
      }
    }
    totals = tf.tidy(() => tf.stack(chunks).reshape([-1, 2, K]).sum(0));
  } finally {
    tf.dispose(chunks);
  }
  let values: Float32Array;
  try {
    values = (await totals.data()) as Float32Array;
  } finally {
    totals.dispose();
  }
  return {
    loss: Array.from({ length: K }, (_, k) => values[k]! / split.count),
    accuracy: Array.from({ length: K }, (_, k) => values[K + k]! / split.count),
  };
}
