import * as tf from '@tensorflow/tfjs';
import { buildMlp, compileMlp } from './mlpModel.ts';

/** The reference run's best configuration: the model every speed figure is quoted for. */
export const REFERENCE_ARCHITECTURE = { units: [68, 78, 59, 18], dropouts: [0.2, 0.2, 0.1, 0.1], learningRate: 0.001 };

/**
 * Milliseconds per batch-32 `fit` step of the reference model on the current backend, measured on
 * random data after a warm-up. The page uses it to estimate how long a search will take.
 */
export async function measureFitStepMs(steps = 40, batchSize = 32): Promise<number> {
  const model = buildMlp(REFERENCE_ARCHITECTURE, 1);
  const optimizer = compileMlp(model, REFERENCE_ARCHITECTURE.learningRate);
  const x = tf.randomUniform([steps * batchSize, 784]);
  const y = tf.tidy(() => tf.randomUniform([steps * batchSize], 0, 10, 'int32').toFloat());
  try {
    const fit = () => model.fit(x, y, { batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
    await fit();
    const startedMs = performance.now();
    await fit();
    return (performance.now() - startedMs) / steps;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
}
