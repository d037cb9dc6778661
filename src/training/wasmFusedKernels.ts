import * as tf from '@tensorflow/tfjs';
import { adamElements, reluDropoutGradientElements } from './elementLoops.ts';
import { requireSameShapes, RUNG_ADAM, RUNG_RELU_DROPOUT_GRADIENT } from './fused/onePassChains.ts';
import { instantiateSimd, type SimdExports } from './wasmSimdModule.ts';

/**
 * One-pass element-wise kernels for the fused trainer on tfjs's WASM backend: each replaces a chain
 * of tfjs kernels (Adam: thirteen) that would each cost a kernel call and a full pass over memory.
 * The bulk runs in a WASM SIMD module working in tfjs's own heap (wasmSimdModule.ts); the last one to
 * three elements run in JavaScript (elementLoops.ts), rounded to float32 after every operation.
 * Both give tfjs's float32 results bit for bit (a unit test checks it).
 */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  getMemoryOffset(dataId: tf.DataId): number;
  wasm: { asm?: { memory?: WebAssembly.Memory } };
}

type KernelArgs = { inputs: Record<string, tf.TensorInfo>; attrs: Record<string, unknown>; backend: unknown };

const f = Math.fround;

/** The SIMD module per heap: a WASM backend created anew (a new heap) gets its own instance. */
const instances = new WeakMap<WebAssembly.Memory, SimdExports | null>();

function simdFor(backend: WasmBackend): SimdExports | null {
  const memory = backend.wasm.asm?.memory;
  if (!memory) return null;
  if (!instances.has(memory)) instances.set(memory, instantiateSimd(memory));
  return instances.get(memory)!;
}

function requireSimd(backend: WasmBackend): SimdExports {
  const simd = simdFor(backend);
  if (!simd) throw new Error('the WASM SIMD module cannot work in this WASM backend\'s heap');
  return simd;
}

/** Byte address of each tensor in the heap, the bytes SIMD covers, and the first element left to JavaScript. */
function addresses(backend: WasmBackend, tensors: tf.TensorInfo[]): { at: number[]; bytes: number; tail: number } {
  const tail = tensors[0]!.shape.reduce((a, b) => a * b, 1) & ~3;
  return { at: tensors.map((t) => backend.getMemoryOffset(t.dataId)), bytes: tail * 4, tail };
}

function adam({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  requireSameShapes(RUNG_ADAM, inputs);
  const { p, g, m, v, l } = inputs as Record<'p' | 'g' | 'm' | 'v' | 'l', tf.TensorInfo>;
  const c1 = f(attrs.c1 as number);
  const c2 = f(attrs.c2 as number);
  const outs = [wasm.makeOutput(p.shape, 'float32'), wasm.makeOutput(p.shape, 'float32'), wasm.makeOutput(p.shape, 'float32')];
  const all = [p, g, m, v, l, ...outs];
  const { at, bytes, tail } = addresses(wasm, all);
  requireSimd(wasm).adam(at[0]!, at[1]!, at[2]!, at[3]!, at[4]!, at[5]!, at[6]!, at[7]!, bytes, c1, c2);
  // makeOutput may grow the heap, which detaches earlier views: take them afterwards.
  const [param, grad, first, second, rate, nextParam, nextFirst, nextSecond] = all.map((t) => wasm.typedArrayFromHeap(t) as Float32Array);
  adamElements({ parameters: param!, gradient: grad!, firstMoment: first!, secondMoment: second!, learningRates: rate!, nextParameters: nextParam!, nextFirstMoment: nextFirst!, nextSecondMoment: nextSecond! }, c1, c2, tail, param!.length);
  return outs;
}

function reluDropoutGradient({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  requireSameShapes(RUNG_RELU_DROPOUT_GRADIENT, inputs);
  const { upstream, mask, activation } = inputs as Record<'upstream' | 'mask' | 'activation', tf.TensorInfo>;
  const out = wasm.makeOutput(upstream.shape, 'float32');
  const all = [upstream, mask, activation, out];
  const { at, bytes, tail } = addresses(wasm, all);
  requireSimd(wasm).reluDropoutGradient(at[0]!, at[1]!, at[2]!, at[3]!, bytes);
  const [u, d, a, o] = all.map((t) => wasm.typedArrayFromHeap(t) as Float32Array);
  reluDropoutGradientElements(u!, d!, a!, o!, tail, o!.length);
  return out;
}

const KERNELS: [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][] = [
  [RUNG_ADAM, adam],
  [RUNG_RELU_DROPOUT_GRADIENT, reluDropoutGradient],
];

/**
 * Registers the kernels once the WASM backend is initialised (they need its heap); a no-op where it is
 * not the current backend or its memory cannot be shared with the SIMD module (then tfjs's chains run).
 */
export function installWasmFusedKernels(): void {
  if (tf.getBackend() !== 'wasm' || tf.getKernel(RUNG_ADAM, 'wasm')) return;
  if (!simdFor(tf.backend() as unknown as WasmBackend)) return;
  for (const [kernelName, kernelFunc] of KERNELS) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
}

/** Removes them again, so that the tfjs chains run (tests and the profiler compare the two). */
export function uninstallWasmFusedKernels(): void {
  for (const [kernelName] of KERNELS) if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
}
