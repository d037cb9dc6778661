import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureLargeMatmulGflops, trainingStepFlops } from '../../../src/training/throughput.ts';
import { useCpuBackend } from './tfSetup.ts';

describe('trainingStepFlops', () => {
  it('counts forward, weight-gradient and input-gradient products, with no input gradient at the first layer', () => {
    // 784·68·2 + (68·78 + 78·59 + 59·18 + 18·10)·3 = 106,624 + 33,444 multiply-adds, two flops each, 32 samples.
    expect(trainingStepFlops([68, 78, 59, 18], 32)).toBe(2 * 32 * 140_068);
    expect(trainingStepFlops([10], 1)).toBe(2 * (784 * 10 * 2 + 10 * 10 * 3));
  });
});

describe('measureLargeMatmulGflops', () => {
  beforeAll(useCpuBackend);

  it('times a product on the current backend and frees what it allocated', async () => {
    const before = tf.memory().numTensors;
    const gflops = await measureLargeMatmulGflops(64, 20);
    expect(Number.isFinite(gflops) && gflops > 0).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
