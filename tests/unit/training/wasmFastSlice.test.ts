import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FusedLayout } from '../../../src/training/fused/fusedLayout.ts';
import { installWasmFastSlice, uninstallWasmFastSlice } from '../../../src/training/wasmFastSlice.ts';

/**
 * The view-based Slice, SplitV and Unpack of wasmFastSlice.ts against tfjs-backend-wasm's own kernels:
 * every case runs once with tfjs's registration and once with ours, and the outputs must be identical
 * (values, shapes and dtypes), on the shapes and offsets the fused trainer produces.
 */

const KERNELS = ['Slice', 'SplitV', 'Unpack'] as const;

interface Output {
  shape: number[];
  dtype: tf.DataType;
  values: number[];
}

function outputsOf(compute: () => tf.Tensor | tf.Tensor[]): Output[] {
  const result = compute();
  const tensors = Array.isArray(result) ? result : [result];
  const outputs = tensors.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
  tf.dispose(tensors);
  return outputs;
}

/** The same computation with tfjs's kernels and with the view-based ones; asserts the fast ones ran. */
function bothWays(compute: () => tf.Tensor | tf.Tensor[]): { original: Output[]; fast: Output[] } {
  uninstallWasmFastSlice();
  const originalFuncs = KERNELS.map((name) => tf.getKernel(name, 'wasm')!.kernelFunc);
  const original = outputsOf(compute);
  installWasmFastSlice();
  KERNELS.forEach((name, i) => expect(tf.getKernel(name, 'wasm')!.kernelFunc, `${name} is replaced`).not.toBe(originalFuncs[i]));
  const fast = outputsOf(compute);
  return { original, fast };
}

/** Distinct values at every index, so an off-by-one offset cannot go unnoticed. */
const ramp = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => tf.tensor(Float32Array.from({ length: tf.util.sizeFromShape(shape) }, (_, i) => i * 0.5 + 1), shape, dtype === 'int32' ? 'float32' : dtype).cast(dtype);

/** A 3-trial layout with widths unlike each other: its flat buffer and per-trial pieces are uneven. */
const LAYOUT = new FusedLayout([
  { trialId: 'a', units: [48, 30, 12], dropouts: [0.2, 0.1, 0.3], learningRate: 0.001 },
  { trialId: 'b', units: [64, 20, 16], dropouts: [0.4, 0.3, 0.1], learningRate: 0.01 },
  { trialId: 'c', units: [40, 36, 9], dropouts: [0.1, 0.2, 0.2], learningRate: 0.0001 },
]);

beforeAll(async () => {
  tf.enableProdMode();
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
});

afterAll(() => {
  uninstallWasmFastSlice();
});

describe('wasmFastSlice against tfjs-backend-wasm', () => {
  const cases: [string, () => tf.Tensor | tf.Tensor[]][] = [
    ['a fused flat buffer split into every trial piece (SplitV, uneven sizes)', () => tf.split(ramp([LAYOUT.size]), LAYOUT.trialPieceSizes())],
    ['a fused flat buffer split into its layer blocks (SplitV, uneven sizes)', () => tf.split(ramp([LAYOUT.size]), LAYOUT.layerBlockSizes())],
    ['K trials of rows split into K (SplitV, axis 0)', () => tf.split(ramp([3 * 32, 784]), 3)],
    ['rows split unevenly, the last batch short (SplitV, axis 0)', () => tf.split(ramp([75, 10]), [32, 32, 11])],
    ['columns split at non-zero offsets (SplitV, axis 1: not contiguous)', () => tf.split(ramp([6, 20]), [5, 9, 6], 1)],
    ['a single row split by columns (SplitV, axis 1 of [1, n]: contiguous)', () => tf.split(ramp([1, 30]), [7, 23], 1)],
    ['int32 labels split per trial (SplitV)', () => tf.split(ramp([96], 'int32'), 3)],
    ['a 1-D slice at a non-zero offset (Slice)', () => tf.slice(ramp([LAYOUT.size]), [LAYOUT.biasOffsets[1]!], [LAYOUT.trialCount * LAYOUT.outDims[1]!])],
    ['a row slice of a 2-D buffer (Slice)', () => tf.slice(ramp([96, 784]), [32, 0], [32, 784])],
    ['a column slice at a non-zero offset (Slice: not contiguous)', () => tf.slice(ramp([12, 40]), [0, 8], [12, 17])],
    ['a column slice of one row (Slice: contiguous)', () => tf.slice(ramp([12, 40]), [5, 8], [1, 17])],
    ['an inner block of a 3-D tensor with one leading index (Slice: contiguous)', () => tf.slice(ramp([3, 5, 7]), [1, 2, 0], [1, 3, 7])],
    ['an inner block spanning leading indices (Slice: not contiguous)', () => tf.slice(ramp([3, 5, 7]), [1, 2, 0], [2, 3, 7])],
    ['a slice sized -1 to the end (Slice)', () => tf.slice(ramp([50, 3]), [17, 0], [-1, -1])],
    ['a slice of an empty extent (Slice)', () => tf.slice(ramp([10, 4]), [3, 0], [0, 4])],
    ['unpack along axis 0 (Unpack)', () => tf.unstack(ramp([4, 6, 5]), 0)],
    ['unpack along axis 1 (Unpack: not contiguous)', () => tf.unstack(ramp([4, 6, 5]), 1)],
    ['unpack along the last axis, as -1 (Unpack)', () => tf.unstack(ramp([3, 4]), -1)],
    ['unpack of int32 rows (Unpack)', () => tf.unstack(ramp([5, 3], 'int32'), 0)],
    ['gradients through split and slice (SplitV and Slice in the backward pass)', () => tf.grads((x: tf.Tensor) => tf.split(x, [3, 9, 4], 1)[1]!.square().sum().add(tf.slice(x, [2, 0], [3, 16]).sum()))([ramp([8, 16])])],
  ];

  it.each(cases)('%s', (_, compute) => {
    const { original, fast } = bothWays(compute);
    expect(original.length).toBeGreaterThan(0);
    expect(fast).toEqual(original);
  });

  it('copies exactly when allocating the output grows the wasm heap (views taken after the allocation)', () => {
    const heapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
    const grewDuringSlice: boolean[] = [];
    // 24 M floats in and 16 M out: the slice's output does not fit in the heap the input left.
    const sliceOfBig = () => {
      const big = tf.fill([6, 4_000_000], 1.5).add(tf.range(0, 4_000_000).reshape([1, 4_000_000]));
      const before = heapBytes();
      const part = tf.slice(big, [2, 0], [4, 4_000_000]);
      grewDuringSlice.push(heapBytes() > before);
      big.dispose();
      const checksum = tf.concat([tf.stack([part.sum(), part.max(), part.min()]), tf.slice(part, [3, 3_999_990], [1, 10]).reshape([10])]);
      part.dispose();
      return checksum;
    };
    // The heap never shrinks: the fast kernels run first, while the heap is still small.
    installWasmFastSlice();
    const fast = outputsOf(sliceOfBig);
    uninstallWasmFastSlice();
    const original = outputsOf(sliceOfBig);
    expect(grewDuringSlice[0]).toBe(true);
    expect(fast).toEqual(original);
  });
});
