import * as tf from '@tensorflow/tfjs';
import { loadMnist, type MnistDataset } from '../../../src/data/mnist.ts';
import { nodeMnistSource } from '../../../src/build/nodeSource.ts';

/** Unit tests train on the CPU backend: deterministic, and available everywhere. */
export async function useCpuBackend(): Promise<void> {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
}

export function loadSmallMnist(trainLimit = 3000, valLimit = 1000, testLimit = 1000): Promise<MnistDataset> {
  return loadMnist(nodeMnistSource(), { trainLimit, valLimit, testLimit });
}

export const REFERENCE_BEST = {
  units_0: 68,
  dropout_0: 0.2,
  units_1: 78,
  dropout_1: 0.2,
  units_2: 59,
  dropout_2: 0.1,
  units_3: 18,
  dropout_3: 0.1,
  learning_rate: 0.001,
};
