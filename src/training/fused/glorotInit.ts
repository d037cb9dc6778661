import { MNIST_CLASSES, MNIST_INPUT_SIZE, parameterCount } from '../../engine/mlpSpace.ts';
import { mulberry32 } from './seededRandom.ts';

/**
 * Keras's defaults as an unpadded snapshot: glorot_uniform kernels, limit sqrt(6 / (fan_in + fan_out))
 * with the layer's own fans, and zero biases. Seeded, so a rerun starts from the same weights.
 */
export function glorotUniformWeights(units: readonly number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  const weights = new Float32Array(parameterCount(units));
  const dims = [MNIST_INPUT_SIZE, ...units, MNIST_CLASSES];
  let offset = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const fanIn = dims[l]!;
    const fanOut = dims[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) weights[offset + i] = (random() * 2 - 1) * limit;
    offset += fanIn * fanOut + fanOut;
  }
  return weights;
}
