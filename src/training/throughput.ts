import * as tf from '@tensorflow/tfjs';
import { MNIST_CLASSES, MNIST_INPUT_SIZE } from '../engine/mlpSpace.ts';

/**
 * Floating-point operations of the matrix products in one training step of one MLP trial: per layer
 * 2·batch·in·out for the forward product, the same for the weight gradient, and the same for the input
 * gradient except at the first layer, whose input needs none (the fused backward pass skips it).
 * Element-wise work (biases, ReLU, dropout, Adam) is left out: it is a few percent of the products.
 */
export function trainingStepFlops(hiddenUnits: readonly number[], batchSize: number): number {
  const widths = [MNIST_INPUT_SIZE, ...hiddenUnits, MNIST_CLASSES];
  let multiplyAdds = 0;
  for (let l = 0; l < widths.length - 1; l++) multiplyAdds += widths[l]! * widths[l + 1]! * (l === 0 ? 2 : 3);
  return 2 * batchSize * multiplyAdds;
}

/**
 * GFLOP/s of a large square product (size³, 1024 by default) on the current backend: what the
 * backend's matmul reaches when the work is big enough to hide every per-call cost.
 */
export function measureLargeMatmulGflops(size = 1024, minimumMs = 1000): Promise<number> {
  return measureMatmulGflops(size, size, size, minimumMs);
}

/**
 * GFLOP/s of an [m, k] × [k, n] product on the current backend, repeated for at least `minimumMs`
 * (at most 64 products a timing). Products are chained and only one number is read back at the end,
 * so a GPU is timed on its queue, not on copies.
 */
export async function measureMatmulGflops(m: number, k: number, n: number, minimumMs = 1000): Promise<number> {
  const a = tf.randomUniform([m, k], -1, 1);
  const b = tf.randomUniform([k, n], -1, 1);
  const productsUntilRead = async (count: number) => {
    let last: tf.Tensor | null = null;
    for (let i = 0; i < count; i++) {
      last?.dispose();
      last = tf.matMul(a, b);
    }
    const corner = tf.slice(last!, [0, 0], [1, 1]);
    await corner.data();
    tf.dispose([corner, last!]);
  };
  try {
    await productsUntilRead(1);
    let count = 1;
    for (;;) {
      const startedMs = performance.now();
      await productsUntilRead(count);
      const elapsedMs = performance.now() - startedMs;
      if (elapsedMs >= minimumMs || count >= 64) return (2 * m * k * n * count) / elapsedMs / 1e6;
      count = Math.min(64, Math.max(count * 2, Math.ceil((count * minimumMs) / Math.max(elapsedMs, 1))));
    }
  } finally {
    tf.dispose([a, b]);
  }
}
