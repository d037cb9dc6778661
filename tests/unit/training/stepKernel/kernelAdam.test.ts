import { describe, expect, it } from 'vitest';
import { instantiateStepKernel } from '../../../../src/training/stepKernel/stepKernelModule.ts';

/**
 * The kernel's Adam flushes moments that fall below float32's smallest normal number to zero, as
 * TensorFlow's CPU kernels do (they run with flush-to-zero). WebAssembly cannot set the CPU's
 * flush-to-zero mode, and many Intel CPUs take a slow microcode path for subnormal operands: the first
 * moment of a rarely-lit input pixel decays by 0.9 a step into that range, and the default search took
 * 104 s in Node instead of 37 s (`npm run tune -- --retrains 0`, this 2-core Xeon, 8 December 2026).
 */

const SMALLEST_NORMAL = 1.17549435e-38;
const ROWS = 2;
const IN = 4;
const N = 8;

/** One Adam step through weightGradientAdam with a zero gradient (X is zero), from the given moments. */
async function stepWithZeroGradient(m: number[], v: number[], p: number[]) {
  const floats = ROWS * IN + ROWS * N + 3 * IN * N;
  const { kernel, base } = await instantiateStepKernel(floats * 4);
  const at = (offsetFloats: number) => base + offsetFloats * 4;
  const [x, dz, w, mAt, vAt] = [0, ROWS * IN, ROWS * IN + ROWS * N, ROWS * IN + ROWS * N + IN * N, ROWS * IN + ROWS * N + 2 * IN * N];
  const memory = () => new Float32Array(kernel.memory.buffer);
  memory().fill(0, x + base / 4, w + base / 4);
  memory().fill(0.25, dz + base / 4, w + base / 4);
  memory().set(p, w + base / 4);
  memory().set(m, mAt + base / 4);
  memory().set(v, vAt + base / 4);
  const c1 = Math.fround(1 - 0.9 ** 3);
  const c2 = Math.fround(1 - 0.999 ** 3);
  kernel.weightGradientAdam(at(x), IN, at(dz), ROWS, IN, N, N, at(w), at(mAt), at(vAt), 0.001, c1, c2);
  const read = (offset: number) => Array.from(memory().subarray(offset + base / 4, offset + base / 4 + IN * N));
  return { m: read(mAt), v: read(vAt), p: read(w) };
}

describe("the whole-step kernel's Adam", () => {
  it('flushes a moment that decays below the smallest normal float32 to zero, and keeps every other one as float32 arithmetic gives it', async () => {
    const moments = [1e-3, -2e-5, 2e-38, -2e-38, 1.2e-38, -1.2e-38, 1e-39, 0];
    const squares = [1e-6, 1.2e-38, 1.1765e-38, 1e-40, 3e-9, 0, 1e-6, 1e-6];
    const m = Array.from({ length: IN * N }, (_, i) => moments[i % moments.length]!);
    const v = Array.from({ length: IN * N }, (_, i) => squares[i % squares.length]!);
    const p = Array.from({ length: IN * N }, (_, i) => 0.01 * (i + 1));
    const after = await stepWithZeroGradient(m, v, p);
    const decayed = (value: number, beta: number) => {
      const next = Math.fround(Math.fround(value) * Math.fround(beta));
      return Math.abs(next) < SMALLEST_NORMAL ? 0 : next;
    };
    expect(after.m).toEqual(m.map((value) => decayed(value, 0.9)));
    expect(after.v).toEqual(v.map((value) => decayed(value, 0.999)));
    // The flushed ones really were subnormal after the decay, not zero already: without the flush they stay.
    expect(after.m.filter((value) => value === 0)).toHaveLength(4 * 4);
    expect(after.v.filter((value) => value === 0)).toHaveLength(4 * 3);
    // A weight whose moment stayed normal moves; one whose moment was flushed keeps its value.
    expect(after.p[0]).toBeLessThan(Math.fround(p[0]!));
    expect(after.p[4]).toBe(Math.fround(p[4]!));
  });
});
