import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watchGpuTraffic } from '../../../src/training/gpuTraffic.ts';
import { installNodeWebGpu } from '../../../src/training/nodeWebgpu.ts';

/**
 * WebGPU in Node needs Dawn to find a Vulkan driver: here SwiftShader or lavapipe through the Vulkan
 * loader (apt-get install -y libvulkan1; VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).
 */
const CHROMIUM_SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

async function webGpuInNode(): Promise<string | null> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(CHROMIUM_SWIFTSHADER)) process.env.VK_ICD_FILENAMES = CHROMIUM_SWIFTSHADER;
  try {
    const adapter = await installNodeWebGpu();
    if (!adapter) return 'Dawn found no WebGPU adapter (no Vulkan loader or driver)';
    return (await tf.setBackend('webgpu')) ? null : 'the WebGPU backend did not initialise';
  } catch (error) {
    return `WebGPU in Node failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const unavailable = await webGpuInNode();

describe('watchGpuTraffic', () => {
  it('counts nothing on a backend without a device', async () => {
    await tf.setBackend('cpu');
    expect(watchGpuTraffic()).toBeNull();
  });

  it.skipIf(unavailable !== null)(`counts WebGPU dispatches, uploads and readbacks${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    await tf.setBackend('webgpu');
    const warm = tf.add(tf.tensor1d([0]), 1);
    await warm.data();
    tf.dispose(warm);
    const watch = watchGpuTraffic()!;
    // Over tfjs's CPU hand-off threshold (1,000 elements), so that the ops run on the device.
    const length = 4096;
    const a = tf.tensor1d(Float32Array.from({ length }, (_, i) => i));
    const b = tf.tensor1d(new Float32Array(length).fill(2));
    const sum = tf.add(a, b);
    const product = tf.mul(sum, b);
    const values = await product.data();
    watch.stop();
    tf.dispose([a, b, sum, product]);
    expect(values[length - 1]).toBe((length - 1 + 2) * 2);
    expect(watch.read()).toMatchObject({ dispatches: 2, uploads: 2, readbacks: 1 });
    const after = tf.add(tf.tensor1d(new Float32Array(length)), 1);
    await after.data();
    tf.dispose(after);
    expect(watch.read().dispatches).toBe(2);
  });
});
