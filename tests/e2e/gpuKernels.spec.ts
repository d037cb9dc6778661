import { expect, test } from '@playwright/test';

/**
 * The GPU paths (batched products, the Adam kernels written for WebGL and WebGPU) against the CPU
 * backend: the same short fused run must end with the same weights, up to float32 rounding.
 */
test('fused training on WASM, WebGL and WebGPU matches the CPU backend', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/src/bench/bench.html?check=1&steps=20&backends=wasm,webgl,webgpu');
  const handle = await page.waitForFunction(() => (window as unknown as { rungCheck?: Record<string, number | string> }).rungCheck, null, { timeout: 200_000 });
  const differences = (await handle.jsonValue()) as Record<string, number | string>;
  expect(differences.wasm).toBeLessThan(1e-5);
  expect(differences.webgl).toBeLessThan(1e-3);
  // WebGPU needs --enable-unsafe-webgpu; where it cannot start, the page says why instead of a number.
  expect(typeof differences.webgpu === 'number' ? differences.webgpu : 0).toBeLessThan(1e-3);
  test.info().annotations.push({ type: 'max |w - w_cpu|', description: JSON.stringify(differences) });
});
