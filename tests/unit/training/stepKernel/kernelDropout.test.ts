import { describe, expect, it } from 'vitest';
import { dropoutThreshold, TrialStream } from '../../../../src/training/fused/trialRandomness.ts';
import { instantiateStepKernel } from '../../../../src/training/stepKernel/stepKernelModule.ts';

/**
 * The kernel draws dropout masks from a trial's mulberry32 mask stream four draws at a time; they must
 * be TrialStream.dropoutMask's masks value for value (a trial trains identically on either path), and
 * both must leave the stream at the same state.
 */

interface MaskKernel {
  memory: WebAssembly.Memory;
  dropoutMask(mask: number, rows: number, width: number, paddedWidth: number, threshold: number, kept: number, state: number): number;
}

const ROWS = 7;
const PADDED_WIDTH = 24;

async function kernelMask(stream: TrialStream, width: number, rate: number): Promise<Float32Array> {
  const { kernel, base } = await instantiateStepKernel(ROWS * PADDED_WIDTH * 4);
  const masks = kernel as unknown as MaskKernel;
  // Stale bytes where the mask goes: padding must be written as zeros, not left.
  new Float32Array(masks.memory.buffer, base, ROWS * PADDED_WIDTH).fill(123);
  const { threshold, kept } = dropoutThreshold(rate);
  const start = stream.takeMaskDraws(ROWS * width);
  const end = masks.dropoutMask(base, ROWS, width, PADDED_WIDTH, threshold, kept, start) >>> 0;
  // The kernel's end state is where TrialStream moved: the next draws of both agree.
  expect(end).toBe(stream.takeMaskDraws(0));
  return new Float32Array(masks.memory.buffer, base, ROWS * PADDED_WIDTH).slice();
}

function javascriptMask(stream: TrialStream, width: number, rate: number): Float32Array {
  const into = new Float32Array(ROWS * PADDED_WIDTH).fill(123);
  stream.dropoutMask(ROWS, width, PADDED_WIDTH, rate, into, 0);
  return into;
}

describe('dropout masks drawn in the kernel', () => {
  // Widths below, at and between multiples of 4; rates with inexact doubles (0.3), none, and edges.
  const cases = [1, 3, 4, 18, 21, 24].flatMap((width) => [0, 0.1, 0.3, 0.4, 0.5, 0.999999].map((rate) => ({ width, rate })));

  it.each(cases)('width $width, rate $rate: the same mask and end state as TrialStream', async ({ width, rate }) => {
    const seed = 1000 + width * 7 + Math.round(rate * 100);
    const inKernel = new TrialStream(10, seed);
    const inJavaScript = new TrialStream(10, seed);
    // Two masks in a row: the second starts where the first left the stream.
    for (let repeat = 0; repeat < 2; repeat++) {
      const expected = javascriptMask(inJavaScript, width, rate);
      const actual = await kernelMask(inKernel, width, rate);
      expect(Array.from(actual)).toEqual(Array.from(expected));
    }
    const kept = javascriptMask(inJavaScript, width, rate).filter((v) => v !== 0).length;
    if (rate === 0) expect(kept).toBe(ROWS * width);
  });

  it('keeps about 1 - rate of the units, each at 1 / (1 - rate)', async () => {
    const stream = new TrialStream(10, 5);
    const values: number[] = [];
    for (let i = 0; i < 40; i++) values.push(...(await kernelMask(stream, 24, 0.3)));
    const kept = values.filter((v) => v !== 0);
    expect(kept.length / values.length).toBeGreaterThan(0.65);
    expect(kept.length / values.length).toBeLessThan(0.75);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.7)]));
  });

  it('a rate of 1 keeps nothing, as TrialStream', async () => {
    const stream = new TrialStream(10, 9);
    expect(dropoutThreshold(1)).toEqual({ threshold: 0, kept: 0 });
    expect((await kernelMask(stream, 21, 1)).every((v) => v === 0)).toBe(true);
    expect(javascriptMask(new TrialStream(10, 9), 21, 1).every((v) => v === 0)).toBe(true);
  });
});
