import { expect, test, type Page } from '@playwright/test';
import type { CheckOutcome } from '../../src/bench/benchProtocol.ts';

/**
 * The GPU paths (batched products, the Adam kernels written for WebGL and WebGPU) and the WASM path
 * (view-based slices) against the CPU backend: the same 20-step fused run must end with the same
 * weights, up to float32 rounding: a different order of summation in the products and reductions,
 * compounded over 20 Adam steps. Measured on the 2-core development machine (headless Chromium, WebGL
 * and WebGPU in SwiftShader): WASM 1.65e-6 (XNNPACK sums in its own order), WebGL 6.4e-7, WebGPU
 * 6.4e-7. Each bound is about three times that.
 */
const BOUNDS = {
  wasm: 5e-6,
  webgl: 2e-6,
  webgpu: 2e-6,
} as const;

async function checkAgainstCpu(page: Page, backend: keyof typeof BOUNDS): Promise<CheckOutcome> {
  await page.goto(`/src/bench/bench.html?check=1&steps=20&backends=${backend}`);
  const handle = await page.waitForFunction(() => (window as unknown as { rungCheck?: Record<string, CheckOutcome> }).rungCheck, null, { timeout: 200_000 });
  const outcomes = (await handle.jsonValue()) as Record<string, CheckOutcome>;
  test.info().annotations.push({ type: 'max |w - w_cpu|', description: JSON.stringify(outcomes) });
  const outcome = outcomes[backend];
  if (!outcome) throw new Error(`the check page gave no result for ${backend}: ${JSON.stringify(outcomes)}`);
  return outcome;
}

/** Fails on an error, on anything but a finite number, and on a number over the bound. */
function expectWithin(outcome: CheckOutcome, bound: number): void {
  expect(outcome).not.toHaveProperty('error');
  expect(outcome).not.toHaveProperty('unavailable');
  const { difference } = outcome as { difference: number };
  expect(Number.isFinite(difference), `difference ${difference} is a finite number`).toBe(true);
  expect(difference).toBeLessThan(bound);
}

test.describe('fused training matches the CPU backend', () => {
  test.setTimeout(240_000);

  test('on WASM', async ({ page }) => {
    expectWithin(await checkAgainstCpu(page, 'wasm'), BOUNDS.wasm);
  });

  test('on WebGL', async ({ page }) => {
    expectWithin(await checkAgainstCpu(page, 'webgl'), BOUNDS.webgl);
  });

  test('on WebGPU', async ({ page }) => {
    const outcome = await checkAgainstCpu(page, 'webgpu');
    // WebGPU needs an adapter (and --enable-unsafe-webgpu); where none starts, this is a skip, not a pass.
    if ('unavailable' in outcome) test.skip(true, `WebGPU did not start in this browser: ${outcome.unavailable}`);
    expectWithin(outcome, BOUNDS.webgpu);
  });
});
