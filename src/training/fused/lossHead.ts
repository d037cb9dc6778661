import * as tf from '@tensorflow/tfjs';

export interface LossHeadResult {
  /** d(mean loss)/d(logits) per trial: (softmax - onehot) / rows, [K * rows, 10]. */
  logitsGradient: tf.Tensor2D;
  /** Summed cross-entropy per trial, [K]. */
  lossSum: tf.Tensor1D;
  /** Correct predictions per trial, [K]. */
  correct: tf.Tensor1D;
}

/**
 * Softmax cross-entropy for K trials at once, from logits (stable: log-softmax, not log of a
 * probability). Its gradient is softmax - onehot, as Keras computes it when a softmax output meets
 * sparse categorical crossentropy.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D, labels: tf.Tensor1D, trials: number, withGradient: boolean): LossHeadResult {
  const rows = logits.shape[0] / trials;
  const logProbabilities = tf.logSoftmax(logits);
  const perSample = tf.neg(tf.sum(tf.mul(logProbabilities, oneHot), 1));
  const lossSum = tf.sum(tf.reshape(perSample, [trials, rows]), 1) as tf.Tensor1D;
  const hits = tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32');
  const correct = tf.sum(tf.reshape(hits, [trials, rows]), 1) as tf.Tensor1D;
  const logitsGradient = withGradient ? (tf.mul(tf.sub(tf.exp(logProbabilities), oneHot), 1 / rows) as tf.Tensor2D) : (tf.zeros([0, 10]) as tf.Tensor2D);
  return { logitsGradient, lossSum, correct };
}
