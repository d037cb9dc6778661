import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm 4.22's Slice reads the WHOLE input out of the wasm heap (readSync copies it)
 * before copying the slice back, and Unpack and SplitV call it once per output. Splitting a fused
 * model's flat buffer into 120 pieces would copy the buffer 120 times per step. These kernels do the
 * same contiguous copies through views of the heap; any other slice goes to the original kernel.
 */
interface WasmBackendViews {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

type KernelArgs = { inputs: Record<string, tf.TensorInfo>; attrs: Record<string, unknown>; backend: unknown };

const originals = new Map<string, tf.KernelConfig>();

function contiguousSlice(x: tf.TensorInfo, begin: number[], size: number[], backend: unknown): tf.TensorInfo {
  const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
  if (x.dtype === 'string' || !tf.slice_util.isSliceContinous(x.shape, start, extent)) {
    const original = originals.get('Slice')!;
    return original.kernelFunc({ inputs: { x }, attrs: { begin, size }, backend } as never) as tf.TensorInfo;
  }
  const views = backend as WasmBackendViews;
  // makeOutput may grow the heap, which detaches earlier views: take them afterwards.
  const out = views.makeOutput(extent, x.dtype);
  const offset = tf.slice_util.computeFlatOffset(start, tf.util.computeStrides(x.shape));
  const count = tf.util.sizeFromShape(extent);
  views.typedArrayFromHeap(out).set(views.typedArrayFromHeap(x).subarray(offset, offset + count));
  return out;
}

function alongAxis(x: tf.TensorInfo, axis: number, sizes: number[], backend: unknown): tf.TensorInfo[] {
  const begin = x.shape.map(() => 0);
  return sizes.map((part) => {
    const size = [...x.shape];
    size[axis] = part;
    const piece = contiguousSlice(x, [...begin], size, backend);
    begin[axis]! += part;
    return piece;
  });
}

function register(kernelName: string, kernelFunc: (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]): void {
  originals.set(kernelName, tf.getKernel(kernelName, 'wasm')!);
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
}

/** Installs the view-based kernels once; a no-op where the wasm backend is not registered. */
export function installWasmFastSlice(): void {
  if (originals.size || !tf.getKernel('Slice', 'wasm')) return;
  register('Slice', ({ inputs, attrs, backend }) => contiguousSlice(inputs.x!, attrs.begin as number[], attrs.size as number[], backend));
  register('SplitV', ({ inputs, attrs, backend }) => {
    const x = inputs.x!;
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits as number[] | number, axis);
    return alongAxis(x, axis, sizes, backend);
  });
  register('Unpack', ({ inputs, attrs, backend }) => {
    const value = inputs.value!;
    const axis = ((attrs.axis as number) + value.shape.length) % value.shape.length;
    const outShape = value.shape.filter((_, i) => i !== axis);
    return alongAxis(value, axis, Array<number>(value.shape[axis]!).fill(1), backend).map(({ dataId, dtype }) => ({ dataId, dtype, shape: outShape }));
  });
}

/** Restores tfjs's own kernels (tests/unit/training/wasmFastSlice.test.ts compares the two). */
export function uninstallWasmFastSlice(): void {
  for (const [name, config] of originals) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(config);
  }
  originals.clear();
}
